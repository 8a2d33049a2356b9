using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Runtime;
using CarePathway.Engine.Validation;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Persistence;
using CarePathway.Server.Persistence.Configurations;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Definitions;

/// <summary>
/// Asks to publish a draft, with a change note. It must validate (refused with every problem listed otherwise). A
/// version that changes no clinical parameter is published at once; one that does waits, awaiting approval, for a
/// second person (<see cref="ApproveDefinition"/>).
/// </summary>
public sealed record PublishDefinition(string DefinitionId, int Version, string? ChangeNote) : ICommand<DefinitionVersionDetail>, IValidatable
{
    public string AuditAction => "definition.publish";
    public string? AuditTarget => $"{DefinitionId}/v{Version}";
    public string AuditDetail => $"change note: {ChangeNote}";

    public IEnumerable<ValidationProblem> Validate() => DefinitionLifecycle.RequiredText("changeNote", ChangeNote, "say what changes and why");
}

/// <summary>A second person (a clinician or another administrator, never the author) makes a version awaiting approval live.</summary>
public sealed record ApproveDefinition(string DefinitionId, int Version, string? Note) : ICommand<DefinitionVersionDetail>, IValidatable
{
    public string AuditAction => "definition.approve";
    public string? AuditTarget => $"{DefinitionId}/v{Version}";
    public string AuditDetail => string.IsNullOrWhiteSpace(Note) ? "" : $"note: {Note}";

    public IEnumerable<ValidationProblem> Validate()
    {
        if (Note is { Length: > ColumnLengths.Reason }) yield return new(null, "note", $"must be at most {ColumnLengths.Reason} characters");
    }
}

/// <summary>Retires a published version (no new starts; running instances carry on), or withdraws one awaiting approval; with a reason.</summary>
public sealed record RetireDefinition(string DefinitionId, int Version, string? Reason) : ICommand<DefinitionVersionDetail>, IValidatable
{
    public string AuditAction => "definition.retire";
    public string? AuditTarget => $"{DefinitionId}/v{Version}";
    public string AuditDetail => $"reason: {Reason}";

    public IEnumerable<ValidationProblem> Validate() => DefinitionLifecycle.RequiredText("reason", Reason, "say why it is retired");
}

internal sealed class DefinitionLifecycleHandler(CarePathwayDbContext db, DefinitionValidator validator, ICurrentUser user, TimeProvider clock) :
    IRequestHandler<PublishDefinition, DefinitionVersionDetail>,
    IRequestHandler<ApproveDefinition, DefinitionVersionDetail>,
    IRequestHandler<RetireDefinition, DefinitionVersionDetail>
{
    public async Task<DefinitionVersionDetail> Handle(PublishDefinition request, CancellationToken cancellationToken)
    {
        var row = await FindAsync(request.DefinitionId, request.Version, cancellationToken);
        if (row.Status != DefinitionStatus.Draft)
            throw new ConflictException($"{row.DefinitionId} version {row.Version} is {row.Status.WireName()}; only a draft can be published");
        var read = validator.ValidateJson(row.Json);
        if (read.Problems.Count > 0) throw new RequestValidationException(read.Problems, unprocessable: true);

        var now = clock.GetUtcNow();
        row.ChangeNote = request.ChangeNote!.Trim();
        row.SubmittedBy = user.Name;
        row.SubmittedAt = now;
        var baseline = await DefinitionLifecycle.BaselineAsync(db, row, cancellationToken);
        if (ClinicalChanges.Between(baseline?.Definition, read.Definition!).Count > 0) row.Status = DefinitionStatus.AwaitingApproval;
        else await DefinitionLifecycle.PublishAsync(db, row, user.Name, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return DefinitionQueries.Detail(row, validator);
    }

    public async Task<DefinitionVersionDetail> Handle(ApproveDefinition request, CancellationToken cancellationToken)
    {
        var row = await FindAsync(request.DefinitionId, request.Version, cancellationToken);
        if (ApprovalRule.NotAwaiting(row) is { } notAwaiting) throw new ConflictException(notAwaiting);
        if (ApprovalRule.WhyNotTheAuthor(row, user.Name) is { } author) throw new ForbiddenException(author);

        var now = clock.GetUtcNow();
        row.ApprovedBy = user.Name;
        row.ApprovedAt = now;
        await DefinitionLifecycle.PublishAsync(db, row, user.Name, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return DefinitionQueries.Detail(row, validator);
    }

    public async Task<DefinitionVersionDetail> Handle(RetireDefinition request, CancellationToken cancellationToken)
    {
        var row = await FindAsync(request.DefinitionId, request.Version, cancellationToken);
        DefinitionLifecycle.Retire(row, user.Name, clock.GetUtcNow(), request.Reason!.Trim());
        await db.SaveChangesAsync(cancellationToken);
        return DefinitionQueries.Detail(row, validator);
    }

    private async Task<DefinitionVersion> FindAsync(string definitionId, int version, CancellationToken ct) =>
        await db.DefinitionVersions.SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.Version == version, ct)
        ?? throw new NotFoundException($"definition {definitionId} version {version}");
}
