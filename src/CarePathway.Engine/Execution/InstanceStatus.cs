using System.Text.Json.Serialization;

namespace CarePathway.Engine.Execution;

/// <summary>Where an instance is in its life; travels as the lowercase name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<InstanceStatus>))]
public enum InstanceStatus
{
    /// <summary>At least one path is ready or waiting on a bookmark.</summary>
    [JsonStringEnumMemberName("running")] Running,

    /// <summary>Paused by a person: stimuli are refused (timers stay pending) until resumed.</summary>
    [JsonStringEnumMemberName("suspended")] Suspended,

    /// <summary>An activity failed; the instance keeps its state and waits for a retry.</summary>
    [JsonStringEnumMemberName("faulted")] Faulted,

    /// <summary>No path is left: the pathway reached its end.</summary>
    [JsonStringEnumMemberName("completed")] Completed,

    /// <summary>A person ended every path.</summary>
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}

/// <summary>The instance lifecycle (<see cref="InstanceState.MoveTo"/> goes through it).</summary>
public static class InstanceStatusTransitions
{
    /// <summary>
    /// Running or faulted may be suspended or cancelled; an incident faults a running instance and retrying the
    /// last one makes it run again; resuming a suspension returns to running or, with a path still faulted, faulted;
    /// running completes when no path is left. Completed and cancelled are final.
    /// </summary>
    public static readonly TransitionTable<InstanceStatus> Table = new(new Dictionary<InstanceStatus, InstanceStatus[]>
    {
        [InstanceStatus.Running] = [InstanceStatus.Suspended, InstanceStatus.Faulted, InstanceStatus.Completed, InstanceStatus.Cancelled],
        [InstanceStatus.Suspended] = [InstanceStatus.Running, InstanceStatus.Faulted, InstanceStatus.Cancelled],
        [InstanceStatus.Faulted] = [InstanceStatus.Running, InstanceStatus.Suspended, InstanceStatus.Cancelled],
        [InstanceStatus.Completed] = [],
        [InstanceStatus.Cancelled] = [],
    });

    /// <summary>Completed or cancelled: nothing will happen to it any more.</summary>
    public static bool IsFinished(this InstanceStatus status) => status is InstanceStatus.Completed or InstanceStatus.Cancelled;
}
