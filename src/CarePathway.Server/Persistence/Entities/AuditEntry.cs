namespace CarePathway.Server.Persistence;

public class AuditEntry
{
    /// <summary>Database-generated.</summary>
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string UserName { get; set; } = "";
    public string Action { get; set; } = "";
    public string? TargetId { get; set; }
    public bool Succeeded { get; set; }
    public string Detail { get; set; } = "";
}
