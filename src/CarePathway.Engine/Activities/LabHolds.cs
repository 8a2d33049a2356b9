namespace CarePathway.Engine.Activities;

/// <summary>
/// Why a lab gate's order-labs task asks for labs, carried on the task (<see cref="Execution.TaskSpec.LabHold"/>)
/// so worklists can tell the two apart without reading its wording: the labs are missing or out of date,
/// or they are in and the gate held on them (a recheck).
/// </summary>
public static class LabHolds
{
    public const string Missing = "missing";
    public const string Held = "held";

    public static readonly IReadOnlyList<string> All = [Missing, Held];
}
