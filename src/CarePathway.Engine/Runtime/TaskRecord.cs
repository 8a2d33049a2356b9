using System.Text.Json.Nodes;

namespace CarePathway.Engine.Runtime;

/// <summary>A task as its store holds it: what it offers, who it is for, and how it was closed.</summary>
public sealed record TaskRecord
{
    public required Guid Id { get; init; }
    public required Guid InstanceId { get; init; }
    public required string ActivityId { get; init; }
    public required string Kind { get; init; }
    public required string Role { get; init; }
    public required HumanTaskStatus Status { get; init; }

    /// <summary>The user who has the task; null while nobody does (the role's team sees it).</summary>
    public string? Assignee { get; init; }
    public required IReadOnlyList<string> Outcomes { get; init; }
    public IReadOnlyList<string> ReasonRequiredFor { get; init; } = [];
    public JsonArray Form { get; init; } = [];

    /// <summary>Null for a reminder: completing it resumes nothing.</summary>
    public string? BookmarkId { get; init; }

    public string? Outcome { get; init; }
    public string? Reason { get; init; }
    public string? CompletedBy { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
}
