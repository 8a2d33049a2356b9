using CarePathway.Engine.Execution;

namespace CarePathway.Engine.Runtime;

/// <summary>
/// What reached the runtime, as <see cref="RuntimeMetrics"/> tags a transition with it: a closed, small set, so a
/// metric keeps one series per trigger (an id or a name would make one per instance).
/// </summary>
public static class RuntimeTriggers
{
    public const string Start = "start";
    public const string Task = "task";
    public const string Timer = "timer";
    public const string Event = "event";
    public const string Suspend = "suspend";
    public const string Resume = "resume";
    public const string Cancel = "cancel";
    public const string Retry = "retry";
    public const string Assign = "assign";
    public const string Migrate = "migrate";

    /// <summary>The trigger of a stimulus delivered to a waiting instance.</summary>
    public static string Of(Stimulus stimulus) => stimulus switch
    {
        TaskCompleted => Task,
        TimerFired => Timer,
        EventReceived or LabWithdrawn => Event,
        // A stimulus added later is still counted, under its own (bounded) name, until it is given one here.
        _ => stimulus.GetType().Name.ToLowerInvariant(),
    };
}
