namespace CarePathway.Server.Persistence;

/// <summary>
/// The delivery outbox: a stored observation (lab result, measurement, assessment) that pathways were waiting
/// for and that has not reached them yet. Written in the transaction that stores the observation, so the
/// person's entry is kept whatever happens to its delivery; removed in the transaction that delivers it, so it
/// is delivered once. What a request could not deliver (a race it kept losing, a crash) the sweep delivers.
/// </summary>
public class PendingDelivery
{
    /// <summary>The stored record's id (a lab result, measurement or assessment row).</summary>
    public Guid Id { get; set; }
    public Guid PatientId { get; set; }
    public string EventType { get; set; } = "";
    public string EventKey { get; set; } = "";

    /// <summary>The event's payload as the engine reads it (value, unit, observedAt).</summary>
    public string PayloadJson { get; set; } = "{}";
    public string RecordedBy { get; set; } = "";

    /// <summary>The instances whose waits it answered when it was stored, as a JSON array of ids.</summary>
    public string InstanceIdsJson { get; set; } = "[]";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Failed delivery attempts, and the last failure, for an operator to see a delivery that keeps failing.</summary>
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}
