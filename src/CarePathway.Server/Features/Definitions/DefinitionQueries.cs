using CarePathway.Engine.Runtime;
using System.Text.Json.Nodes;
using CarePathway.Engine.Activities;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Validation;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Definitions;

public sealed record ListDefinitions : IRequest<IReadOnlyList<DefinitionSummary>>;

public sealed record GetDefinitionVersion(string DefinitionId, int? Version) : IRequest<DefinitionVersionDetail>;

public sealed record ValidateDefinition(JsonNode? Definition) : IRequest<ValidationReport>;

public sealed record GetActivityCatalog : IRequest<IReadOnlyList<ActivityDescriptor>>;

public sealed record GetPublishReview(string DefinitionId, int Version) : IRequest<PublishReview>;

/// <summary>Every version awaiting a second person's approval, the oldest request first.</summary>
public sealed record ListVersionsAwaitingApproval : IRequest<IReadOnlyList<VersionAwaitingApproval>>;

internal sealed class DefinitionQueries(CarePathwayDbContext db, DefinitionValidator validator, ActivityCatalog catalog, ICurrentUser user) :
    IRequestHandler<ListDefinitions, IReadOnlyList<DefinitionSummary>>,
    IRequestHandler<GetDefinitionVersion, DefinitionVersionDetail>,
    IRequestHandler<ValidateDefinition, ValidationReport>,
    IRequestHandler<GetActivityCatalog, IReadOnlyList<ActivityDescriptor>>,
    IRequestHandler<GetPublishReview, PublishReview>,
    IRequestHandler<ListVersionsAwaitingApproval, IReadOnlyList<VersionAwaitingApproval>>
{
    public async Task<IReadOnlyList<DefinitionSummary>> Handle(ListDefinitions request, CancellationToken cancellationToken)
    {
        var rows = await db.DefinitionVersions.AsNoTracking()
            .Select(d => new { d.DefinitionId, d.Version, d.Name, d.Status, d.CreatedAt, d.CreatedBy, d.PublishedAt, d.RetiredAt, d.ChangeNote, d.SubmittedBy, d.ApprovedBy, d.RetireReason })
            .ToListAsync(cancellationToken);
        return [.. rows.GroupBy(r => r.DefinitionId).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var latest = g.MaxBy(r => r.Version)!;
            return new DefinitionSummary(g.Key, latest.Name,
                g.FirstOrDefault(r => r.Status == DefinitionStatus.Published)?.Version, latest.Version,
                [.. g.OrderBy(r => r.Version).Select(r => new VersionSummary(r.Version, r.Status, r.CreatedAt, r.CreatedBy, r.PublishedAt, r.RetiredAt, r.ChangeNote, r.SubmittedBy, r.ApprovedBy, r.RetireReason))]);
        })];
    }

    /// <summary>A given version, or without one the published version (else the latest).</summary>
    public async Task<DefinitionVersionDetail> Handle(GetDefinitionVersion request, CancellationToken cancellationToken)
    {
        var versions = db.DefinitionVersions.AsNoTracking().Where(d => d.DefinitionId == request.DefinitionId);
        var row = request.Version is { } v
            ? await versions.SingleOrDefaultAsync(d => d.Version == v, cancellationToken)
            : await versions.OrderByDescending(d => d.Status == DefinitionStatus.Published).ThenByDescending(d => d.Version).FirstOrDefaultAsync(cancellationToken);
        if (row is null) throw new NotFoundException($"definition {request.DefinitionId}{(request.Version is { } w ? $" version {w}" : "")}");
        return Detail(row, validator);
    }

    public Task<ValidationReport> Handle(ValidateDefinition request, CancellationToken cancellationToken)
    {
        if (request.Definition is null) throw RequestValidationException.Field("definition", "is required");
        var read = validator.ValidateJson(request.Definition.ToJsonString());
        var warnings = read.Definition is { } definition ? validator.Advise(definition) : [];
        return Task.FromResult(new ValidationReport(read.Problems.Count == 0, read.Problems, warnings));
    }

    public Task<IReadOnlyList<ActivityDescriptor>> Handle(GetActivityCatalog request, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ActivityDescriptor>>([.. catalog.Descriptors]);

    public async Task<PublishReview> Handle(GetPublishReview request, CancellationToken cancellationToken)
    {
        var row = await db.DefinitionVersions.AsNoTracking().SingleOrDefaultAsync(d => d.DefinitionId == request.DefinitionId && d.Version == request.Version, cancellationToken)
            ?? throw new NotFoundException($"definition {request.DefinitionId} version {request.Version}");
        var definition = DefinitionJson.Read(row.Json).Definition
            ?? throw RequestValidationException.Field("definition", "is not a readable definition document; fix the draft first", unprocessable: true);
        var baseline = await DefinitionLifecycle.BaselineAsync(db, row, cancellationToken);
        var changes = ClinicalChanges.Between(baseline?.Definition, definition);
        var whyNot = ApprovalRule.WhyNot(row, user);
        return new PublishReview(baseline?.Version, changes, changes.Count > 0, whyNot is null, whyNot);
    }

    public async Task<IReadOnlyList<VersionAwaitingApproval>> Handle(ListVersionsAwaitingApproval request, CancellationToken cancellationToken)
    {
        var rows = await db.DefinitionVersions.AsNoTracking().Where(d => d.Status == DefinitionStatus.AwaitingApproval).ToListAsync(cancellationToken);
        // Ordered here: SQLite cannot order by a DateTimeOffset column.
        return [.. rows.OrderBy(r => r.SubmittedAt).ThenBy(r => r.DefinitionId, StringComparer.Ordinal).Select(r =>
        {
            var whyNot = ApprovalRule.WhyNot(r, user);
            return new VersionAwaitingApproval(r.DefinitionId, r.Name, r.Version, r.ChangeNote, r.CreatedBy, r.SubmittedBy, r.SubmittedAt, whyNot is null, whyNot);
        })];
    }

    internal static DefinitionVersionDetail Detail(DefinitionVersion row, DefinitionValidator validator) => new(
        row.DefinitionId, row.Version, row.Name, row.Status, JsonNode.Parse(row.Json)!, row.RowVersion,
        row.CreatedAt, row.CreatedBy, row.PublishedAt, row.PublishedBy, row.RetiredAt, row.RetiredBy,
        row.Status == DefinitionStatus.Draft ? validator.ValidateJson(row.Json).Problems : [],
        row.ChangeNote, row.SubmittedBy, row.SubmittedAt, row.ApprovedBy, row.ApprovedAt, row.RetireReason);
}
