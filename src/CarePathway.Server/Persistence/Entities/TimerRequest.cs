namespace CarePathway.Server.Persistence;

/// <summary>
/// The scheduler outbox. The features layer adds a row (state pending) or marks one cancelled in
/// the same SaveChanges as the instance; the dispatcher (Scheduling) turns it into a Quartz job.
/// </summary>
public class TimerRequest
{
    /// <summary>The bookmark id; also the Quartz job name.</summary>
    public string Id { get; set; } = "";
    public Guid InstanceId { get; set; }
    public DateTimeOffset DueAt { get; set; }

    /// <summary>pending | scheduled | cancelled | fired (see <see cref="TimerRequestState"/>).</summary>
    public string State { get; set; } = TimerRequestState.Pending;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public static class TimerRequestState
{
    public const string Pending = "pending";
    public const string Scheduled = "scheduled";
    public const string Cancelled = "cancelled";
    public const string Fired = "fired";
}
