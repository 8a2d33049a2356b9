using CarePathway.Engine.Definitions;

namespace CarePathway.Server.Persistence;

/// <summary>One version of a pathway definition. Published versions are immutable.</summary>
public class DefinitionVersion : IHasRowVersion
{
    public Guid Id { get; set; }
    public string DefinitionId { get; set; } = "";
    public int Version { get; set; }
    public string Name { get; set; } = "";

    /// <summary>Stored as draft | awaiting-approval | published | retired; moved on by <c>DefinitionLifecycle</c>.</summary>
    public DefinitionStatus Status { get; set; } = DefinitionStatus.Draft;
    public string Json { get; set; } = "";
    public string ContentHash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    /// <summary>Why this version was asked to be published, in its author's words.</summary>
    public string? ChangeNote { get; set; }

    /// <summary>Who asked to publish it (its author for the approval rule), and when.</summary>
    public string? SubmittedBy { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>The second person who approved a change to a clinical parameter; null when none was needed.</summary>
    public string? ApprovedBy { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }
    public string? RetiredBy { get; set; }

    /// <summary>Why it was retired (or withdrawn before approval).</summary>
    public string? RetireReason { get; set; }
    public long RowVersion { get; set; }
}
