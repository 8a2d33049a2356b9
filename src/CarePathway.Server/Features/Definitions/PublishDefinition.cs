using CarePathway.Engine.Runtime;
using CarePathway.Engine.Validation;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Definitions;

/// <summary>Publishes a draft once it validates; refused with every problem listed otherwise.</summary>
public sealed record PublishDefinition(string DefinitionId, int Version) : ICommand<DefinitionVersionDetail>
{
    public string AuditAction => "definition.publish";
    public string? AuditTarget => $"{DefinitionId}/v{Version}";
}

/// <summary>Retires a published version: no new starts; running instances carry on.</summary>
public sealed record RetireDefinition(string DefinitionId, int Version) : ICommand<DefinitionVersionDetail>
{
    public string AuditAction => "definition.retire";
    public string? AuditTarget => $"{DefinitionId}/v{Version}";
}

internal sealed class DefinitionLifecycleHandler(CarePathwayDbContext db, DefinitionValidator validator, ICurrentUser user, TimeProvider clock) :
    IRequestHandler<PublishDefinition, DefinitionVersionDetail>,
    IRequestHandler<RetireDefinition, DefinitionVersionDetail>
{
    public async Task<DefinitionVersionDetail> Handle(PublishDefinition request, CancellationToken cancellationToken)
    {
        var row = await FindAsync(request.DefinitionId, request.Version, cancellationToken);
        var problems = validator.ValidateJson(row.Json).Problems;
        if (problems.Count > 0) throw new RequestValidationException(problems, unprocessable: true);
        await DefinitionLifecycle.PublishAsync(db, row, user.Name, clock.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return DefinitionQueries.Detail(row, validator);
    }

    public async Task<DefinitionVersionDetail> Handle(RetireDefinition request, CancellationToken cancellationToken)
    {
        var row = await FindAsync(request.DefinitionId, request.Version, cancellationToken);
        DefinitionLifecycle.Retire(row, user.Name, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return DefinitionQueries.Detail(row, validator);
    }

    private async Task<DefinitionVersion> FindAsync(string definitionId, int version, CancellationToken ct) =>
        await db.DefinitionVersions.SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.Version == version, ct)
        ?? throw new NotFoundException($"definition {definitionId} version {version}");
}
