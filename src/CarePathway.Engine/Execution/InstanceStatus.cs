namespace CarePathway.Engine.Execution;

public static class InstanceStatus
{
    /// <summary>At least one path is ready or waiting on a bookmark.</summary>
    public const string Running = "running";
    /// <summary>Paused by a person: stimuli are refused (timers stay pending) until resumed.</summary>
    public const string Suspended = "suspended";
    /// <summary>An activity failed; the instance keeps its state and waits for a retry.</summary>
    public const string Faulted = "faulted";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";

    public static bool IsFinished(string status) => status is Completed or Cancelled;
}
