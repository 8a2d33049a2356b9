using System.Text.Json.Nodes;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Runtime;
using CarePathway.Engine.Validation;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Persistence;
using CarePathway.Server.Security.PatientAccess;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Instances;

/// <summary>
/// Starts a pathway for a patient on the published version (or a named version that is not a
/// draft); the instance stays pinned to that version for life. A patient outside who the pathway is
/// for is refused (422 naming each rule) unless a clinician starts it with <see cref="EligibilityOverride"/>.
/// </summary>
public sealed record StartInstance(string? DefinitionId, int? Version, Guid? PatientId, JsonObject? Parameters)
    : ICommand<InstanceSummary>, IValidatable, IAboutPatient
{
    /// <summary>A clinician starts the pathway outside its eligibility rules, with the reason (journaled with the rules not met).</summary>
    public StartEligibilityOverride? EligibilityOverride { get; init; }

    public string AuditAction => "instance.start";
    public string? AuditTarget => $"{DefinitionId}/{PatientId}";

    public IEnumerable<ValidationProblem> Validate()
    {
        if (string.IsNullOrWhiteSpace(DefinitionId)) yield return new(null, "definitionId", "is required");
        if (PatientId is null || PatientId == Guid.Empty) yield return new(null, "patientId", "is required");
    }
}

internal sealed class StartInstanceHandler(CarePathwayDbContext db, PathwayRuntime runtime, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<StartInstance, InstanceSummary>
{
    public async Task<InstanceSummary> Handle(StartInstance request, CancellationToken cancellationToken)
    {
        var versions = db.DefinitionVersions.AsNoTracking().Where(d => d.DefinitionId == request.DefinitionId);
        var row = request.Version is { } v
            ? await versions.SingleOrDefaultAsync(d => d.Version == v, cancellationToken)
            : await versions.SingleOrDefaultAsync(d => d.Status == DefinitionStatus.Published, cancellationToken);
        if (row is null)
            throw new NotFoundException(request.Version is { } w ? $"definition {request.DefinitionId} version {w}" : $"a published version of {request.DefinitionId}");
        if (row.Status != DefinitionStatus.Published)
            throw new ConflictException($"{row.DefinitionId} version {row.Version} is {row.Status.WireName()}: only the published version can start new instances");

        var start = new StartPathway(Guid.CreateVersion7(clock.GetUtcNow()), row.DefinitionId, row.Version, request.PatientId!.Value)
        {
            Parameters = (request.Parameters ?? []).ToDictionary(p => p.Key, p => p.Value?.DeepClone(), StringComparer.Ordinal),
            EligibilityOverrideReason = request.EligibilityOverride is { } overridden ? overridden.Reason ?? "" : null,
        };
        var result = await runtime.StartAsync(start, user.AsActor(), cancellationToken);
        return InstanceQueries.Summary(await db.WorkflowInstances.SingleAsync(i => i.Id == result.State.InstanceId, cancellationToken));
    }
}

/// <summary>Why a clinician starts a pathway for a patient its eligibility rules exclude.</summary>
public sealed record StartEligibilityOverride(string? Reason);
