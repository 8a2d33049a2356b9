using System.Text.Json.Serialization;

namespace CarePathway.Engine.Activities;

/// <summary>
/// Why a lab gate's order-labs task asks for labs, carried on the task (<see cref="Execution.TaskSpec.LabHold"/>)
/// so worklists can tell the two apart without reading its wording: the labs are missing or out of date,
/// or they are in and the gate held on them (a recheck).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<LabHold>))]
public enum LabHold
{
    /// <summary>The labs are missing or out of date.</summary>
    [JsonStringEnumMemberName("missing")] Missing,

    /// <summary>The labs are in and the gate held on them.</summary>
    [JsonStringEnumMemberName("held")] Held,
}
