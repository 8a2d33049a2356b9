namespace CarePathway.Engine.Activities.BuiltIn;

/// <summary>
/// Outcome names shared by several built-in activities. They stay strings: outcomes are names definitions connect
/// (and a Switch's cases, a task's outcomes, are written in the definition), so the set is open.
/// </summary>
public static class Outcomes
{
    public const string Done = "done";
    public const string True = "true";
    public const string False = "false";
    public const string Default = "default";
    public const string Received = "received";
    public const string Timeout = "timeout";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string Overridden = "overridden";
    public const string Passed = "passed";
    public const string Held = "held";
    public const string Missing = "missing";
    public const string Calculated = "calculated";
    public const string Deferred = "deferred";
    public const string NextDose = "nextDose";
    public const string CycleComplete = "cycleComplete";
    public const string NotGiven = "notGiven";
    public const string Due = "due";
    public const string LabsExpired = "labsExpired";
}
