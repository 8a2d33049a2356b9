using CarePathway.Engine.Definitions;

namespace CarePathway.Server.Persistence;

/// <summary>One version of a pathway definition. Published versions are immutable.</summary>
public class DefinitionVersion : IHasRowVersion
{
    public Guid Id { get; set; }
    public string DefinitionId { get; set; } = "";
    public int Version { get; set; }
    public string Name { get; set; } = "";

    /// <summary>Stored as draft | published | retired; moved on by <c>DefinitionLifecycle</c>.</summary>
    public DefinitionStatus Status { get; set; } = DefinitionStatus.Draft;
    public string Json { get; set; } = "";
    public string ContentHash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }
    public string? RetiredBy { get; set; }
    public long RowVersion { get; set; }
}
