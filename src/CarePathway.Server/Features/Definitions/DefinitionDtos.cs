using System.Text.Json.Nodes;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Validation;

namespace CarePathway.Server.Features.Definitions;

public sealed record DefinitionSummary(string DefinitionId, string Name, int? PublishedVersion, int LatestVersion, IReadOnlyList<VersionSummary> Versions);

/// <summary>A version in a definition's history: who drafted, submitted, approved and retired it, with the change note and retire reason.</summary>
public sealed record VersionSummary(int Version, DefinitionStatus Status, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? PublishedAt, DateTimeOffset? RetiredAt,
    string? ChangeNote, string? SubmittedBy, string? ApprovedBy, string? RetireReason);

/// <summary>A version with its document; <see cref="RowVersion"/> is what an update must send back (optimistic concurrency).</summary>
public sealed record DefinitionVersionDetail(
    string DefinitionId, int Version, string Name, DefinitionStatus Status, JsonNode Definition, long RowVersion,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? PublishedAt, string? PublishedBy,
    DateTimeOffset? RetiredAt, string? RetiredBy, IReadOnlyList<ValidationProblem> Problems,
    string? ChangeNote, string? SubmittedBy, DateTimeOffset? SubmittedAt, string? ApprovedBy, DateTimeOffset? ApprovedAt, string? RetireReason);

/// <summary>
/// What publishing a version would do: the version it is compared with (the published one, else the last one ever
/// published; null for a first version), the clinical parameters it changes, and whether it therefore needs a second
/// person's approval before it is live; and whether the caller may approve it now, and why not.
/// </summary>
/// <param name="ComparedWithVersion">The version compared with; null for a first version.</param>
/// <param name="ClinicalChanges">The clinical parameters added, removed or changed.</param>
/// <param name="NeedsApproval">True when publishing it needs a second person's approval.</param>
/// <param name="CanApprove">True when the version awaits approval and the caller may give it (a clinician or administrator who did not write it).</param>
/// <param name="CannotApproveReason">Why the caller may not approve it (not awaiting approval, their own version, not their role); null when they may.</param>
public sealed record PublishReview(int? ComparedWithVersion, IReadOnlyList<ClinicalParameterChange> ClinicalChanges, bool NeedsApproval,
    bool CanApprove, string? CannotApproveReason);

/// <summary>A version waiting for a second person's approval before it is live, with whether the caller may give it.</summary>
/// <param name="DefinitionId">The pathway.</param>
/// <param name="Name">The pathway's name in this version.</param>
/// <param name="Version">The version awaiting approval.</param>
/// <param name="ChangeNote">What changes and why, from its author.</param>
/// <param name="CreatedBy">Who drafted it.</param>
/// <param name="SubmittedBy">Who asked to publish it.</param>
/// <param name="SubmittedAt">When.</param>
/// <param name="CanApprove">True when the caller may approve it.</param>
/// <param name="CannotApproveReason">Why the caller may not (their own version); null when they may.</param>
public sealed record VersionAwaitingApproval(string DefinitionId, string Name, int Version, string? ChangeNote, string CreatedBy,
    string? SubmittedBy, DateTimeOffset? SubmittedAt, bool CanApprove, string? CannotApproveReason);

/// <param name="Valid">True when there is no problem: the document can be saved and published.</param>
/// <param name="Problems">What makes the document invalid, each naming its activity and field.</param>
/// <param name="Warnings">Advice that does not make the document invalid: waits that can hold a patient unseen (a task without a due date, an event wait without a timeout).</param>
public sealed record ValidationReport(bool Valid, IReadOnlyList<ValidationProblem> Problems, IReadOnlyList<ValidationProblem> Warnings);
