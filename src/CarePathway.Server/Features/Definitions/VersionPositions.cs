using CarePathway.Engine.Execution;
using CarePathway.Engine.Runtime;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Definitions;

/// <summary>Where the unfinished instances of one definition version are: per activity, how many and which.</summary>
public sealed record GetVersionPositions(string DefinitionId, int Version) : IRequest<IReadOnlyList<ActivityPosition>>;

/// <summary>The instances at one activity: all of them counted, the longest-waiting listed first (at most <see cref="VersionPositionsHandler.Listed"/>).</summary>
public sealed record ActivityPosition(string ActivityId, int Count, IReadOnlyList<InstanceAtActivity> Instances);

/// <param name="InstanceId">The instance.</param>
/// <param name="PatientId">Its patient.</param>
/// <param name="PatientName">The patient's name, for the list.</param>
/// <param name="Status">The instance's status (running, suspended, faulted).</param>
/// <param name="WaitingFor">The bookmark kind (task, timer, event) or, without one, the path's status (ready, parked at a join, faulted).</param>
/// <param name="Since">When the wait began (the bookmark's creation), or the instance's last change for a path without a bookmark.</param>
public sealed record InstanceAtActivity(Guid InstanceId, Guid PatientId, string PatientName, InstanceStatus Status, string WaitingFor, DateTimeOffset Since);

internal sealed class VersionPositionsHandler(CarePathwayDbContext db) : IRequestHandler<GetVersionPositions, IReadOnlyList<ActivityPosition>>
{
    /// <summary>Enough to act on from the designer; the count says how many there are in all.</summary>
    public const int Listed = 50;

    public async Task<IReadOnlyList<ActivityPosition>> Handle(GetVersionPositions request, CancellationToken cancellationToken)
    {
        if (!await db.DefinitionVersions.AnyAsync(d => d.DefinitionId == request.DefinitionId && d.Version == request.Version, cancellationToken))
            throw new NotFoundException($"definition {request.DefinitionId} version {request.Version}");

        var unfinished = db.WorkflowInstances.AsNoTracking().Where(i => i.DefinitionId == request.DefinitionId && i.Version == request.Version
            && i.Status != InstanceStatus.Completed && i.Status != InstanceStatus.Cancelled);
        var instances = await unfinished.Select(i => new { i.Id, i.PatientId, i.Status, i.StateJson, i.UpdatedAt }).ToListAsync(cancellationToken);
        var waits = (await db.Bookmarks.AsNoTracking().Where(b => unfinished.Any(i => i.Id == b.InstanceId))
                .Select(b => new { b.InstanceId, b.ActivityId, b.Kind, b.CreatedAt }).ToListAsync(cancellationToken))
            .ToLookup(b => (b.InstanceId, b.ActivityId));
        var names = await db.Patients.AsNoTracking().Where(p => unfinished.Any(i => i.PatientId == p.Id))
            .ToDictionaryAsync(p => p.Id, p => Patient.DisplayName(p.FamilyName, p.GivenName), cancellationToken);

        // The engine's state is the truth about where each path is; the bookmark rows add since when it waits there.
        var here = instances.SelectMany(i => InstanceState.FromJson(i.StateJson).Tokens
            .GroupBy(t => t.ActivityId, StringComparer.Ordinal)
            .Select(tokens =>
            {
                var wait = waits[(i.Id, tokens.Key)].MinBy(b => b.CreatedAt);
                return (ActivityId: tokens.Key, Instance: new InstanceAtActivity(i.Id, i.PatientId, names.GetValueOrDefault(i.PatientId, "?"), i.Status,
                    wait?.Kind.WireName() ?? tokens.First().Status.WireName(), wait?.CreatedAt ?? i.UpdatedAt));
            }));
        return [.. here.GroupBy(h => h.ActivityId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
            new ActivityPosition(g.Key, g.Count(), [.. g.Select(h => h.Instance).OrderBy(x => x.Since).ThenBy(x => x.InstanceId).Take(Listed)]))];
    }
}
