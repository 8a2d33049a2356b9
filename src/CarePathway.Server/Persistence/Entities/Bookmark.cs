namespace CarePathway.Server.Persistence;

/// <summary>A point where an instance waits: for a human task, a timer or an event.</summary>
public class Bookmark
{
    public const int IdMaxLength = 200;

    public string Id { get; set; } = "";
    public Guid InstanceId { get; set; }
    public string ActivityId { get; set; } = "";

    /// <summary>Stored as task | timer | event.</summary>
    public CarePathway.Engine.Execution.BookmarkKind Kind { get; set; }
    public Guid? TaskId { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public string? EventType { get; set; }
    public string? EventKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
