using CarePathway.Engine.Runtime;

namespace CarePathway.Server.Persistence;

/// <summary>
/// The scheduler outbox. The features layer adds a row (state pending) or marks one cancelled in
/// the same SaveChanges as the instance; the dispatcher (Scheduling) turns it into a Hangfire job.
/// </summary>
public class TimerRequest
{
    /// <summary>The bookmark id; also what the Hangfire job fires.</summary>
    public string Id { get; set; } = "";
    public Guid InstanceId { get; set; }
    public DateTimeOffset DueAt { get; set; }

    /// <summary>Stored as pending | scheduled | cancelled | fired; changed only through <see cref="MoveTo"/>.</summary>
    public TimerState State { get; private set; } = TimerState.Pending;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// The Hangfire job that fires it, once dispatched: deleted when the timer is cancelled or handed a new job, so a
    /// cancelled course leaves nothing in the job storage's schedule (a timer can be a year away).
    /// </summary>
    public string? JobId { get; set; }

    /// <summary>Changes the state as <see cref="TimerStateTransitions.Table"/> allows (a fired timer does not fire again), stamping when.</summary>
    public void MoveTo(TimerState state, DateTimeOffset now)
    {
        State = TimerStateTransitions.Table.Check($"timer {Id}", State, state);
        UpdatedAt = now;
    }
}
