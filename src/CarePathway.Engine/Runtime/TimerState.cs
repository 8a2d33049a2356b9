using System.Text.Json.Serialization;
using CarePathway.Engine.Execution;

namespace CarePathway.Engine.Runtime;

/// <summary>
/// Where a timer request is in the outbox a store keeps (the server's TimerRequests rows, the in-memory store's
/// timers); travels as the lowercase name.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<TimerState>))]
public enum TimerState
{
    /// <summary>Asked for by a run; no scheduler has it yet.</summary>
    [JsonStringEnumMemberName("pending")] Pending,

    /// <summary>Handed to the scheduler (the server's Hangfire job exists).</summary>
    [JsonStringEnumMemberName("scheduled")] Scheduled,

    /// <summary>Its path no longer waits on it; the scheduler's job is to be removed.</summary>
    [JsonStringEnumMemberName("cancelled")] Cancelled,

    /// <summary>Delivered to its instance.</summary>
    [JsonStringEnumMemberName("fired")] Fired,
}

/// <summary>The timer outbox lifecycle.</summary>
public static class TimerStateTransitions
{
    /// <summary>
    /// Pending is scheduled, or fires straight away (its job from before a reissue ran first); pending, scheduled or
    /// fired may be cancelled (its path ended) or reissued as pending (an instance resumed after a suspension hands
    /// back every timer it still waits on, those that fired and were refused meanwhile included). A fired timer
    /// never fires again without being reissued; cancelled is final (the dispatcher removes the request).
    /// </summary>
    public static readonly TransitionTable<TimerState> Table = new(new Dictionary<TimerState, TimerState[]>
    {
        [TimerState.Pending] = [TimerState.Pending, TimerState.Scheduled, TimerState.Cancelled, TimerState.Fired],
        [TimerState.Scheduled] = [TimerState.Pending, TimerState.Cancelled, TimerState.Fired],
        [TimerState.Fired] = [TimerState.Pending, TimerState.Cancelled],
        [TimerState.Cancelled] = [],
    });
}
