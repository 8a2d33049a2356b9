namespace CarePathway.Server.Scheduling;

/// <summary>
/// Turns the <c>TimerRequests</c> outbox into Hangfire jobs. Safe to call from several requests or nodes at once: a
/// timer dispatched twice gets two jobs, and the second finds its instance no longer waiting (the engine resumes a
/// bookmark once).
/// </summary>
public interface ITimerDispatcher
{
    /// <summary>
    /// For each pending request (and, with <paramref name="redispatchScheduled"/>, each scheduled one: a job storage
    /// that forgot its jobs): a delayed job at DueAt, or one enqueued now if DueAt has passed; then the request is
    /// marked scheduled. Each cancelled request is deleted with its job, and a request given a new job loses its old one.
    /// </summary>
    Task<TimerDispatchResult> DispatchPendingAsync(bool redispatchScheduled, CancellationToken ct);
}

/// <summary>How many outbox rows one dispatch handled.</summary>
public readonly record struct TimerDispatchResult(int Scheduled, int Cancelled);
