namespace CarePathway.Server.Scheduling;

/// <summary>
/// Turns the <c>TimerRequests</c> outbox into Quartz jobs. Idempotent; safe to call from several
/// requests or nodes at once.
/// </summary>
public interface ITimerDispatcher
{
    /// <summary>
    /// For each pending request: schedule a one-shot job (key = bookmark id) at DueAt, or now if
    /// DueAt has passed, unless a trigger of it will still fire (a spent trigger left by a run that is
    /// finishing gets a new trigger beside it); then mark the request scheduled. For each
    /// cancelled request: delete the job, then delete the request row (it has been consumed).
    /// </summary>
    Task<TimerDispatchResult> DispatchPendingAsync(CancellationToken ct);
}

/// <summary>How many outbox rows one dispatch handled.</summary>
public readonly record struct TimerDispatchResult(int Scheduled, int Cancelled);
