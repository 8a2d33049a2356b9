namespace CarePathway.Server.Persistence;

/// <summary>A fault in an instance that needs a person to look at it.</summary>
public class Incident
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public string ActivityId { get; set; } = "";
    public string Message { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
}
