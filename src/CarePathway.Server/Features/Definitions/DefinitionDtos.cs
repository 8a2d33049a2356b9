using System.Text.Json.Nodes;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Validation;

namespace CarePathway.Server.Features.Definitions;

public sealed record DefinitionSummary(string DefinitionId, string Name, int? PublishedVersion, int LatestVersion, IReadOnlyList<VersionSummary> Versions);

public sealed record VersionSummary(int Version, DefinitionStatus Status, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? PublishedAt, DateTimeOffset? RetiredAt);

/// <summary>A version with its document; <see cref="RowVersion"/> is what an update must send back (optimistic concurrency).</summary>
public sealed record DefinitionVersionDetail(
    string DefinitionId, int Version, string Name, DefinitionStatus Status, JsonNode Definition, long RowVersion,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? PublishedAt, string? PublishedBy,
    DateTimeOffset? RetiredAt, string? RetiredBy, IReadOnlyList<ValidationProblem> Problems);

/// <param name="Valid">True when there is no problem: the document can be saved and published.</param>
/// <param name="Problems">What makes the document invalid, each naming its activity and field.</param>
/// <param name="Warnings">Advice that does not make the document invalid: waits that can hold a patient unseen (a task without a due date, an event wait without a timeout).</param>
public sealed record ValidationReport(bool Valid, IReadOnlyList<ValidationProblem> Problems, IReadOnlyList<ValidationProblem> Warnings);
