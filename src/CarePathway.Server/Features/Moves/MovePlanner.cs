using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Runtime;
using CarePathway.Engine.Validation;
using CarePathway.Server.Features.Engine;
using CarePathway.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Moves;

/// <summary>An instance a plan selected, as it is now.</summary>
internal sealed record SelectedInstance(Guid InstanceId, Guid PatientId, string PatientName, InstanceState State);

/// <summary>A checked plan and the instances it selected.</summary>
internal sealed record PlannedMove(MigrationPlan Plan, IReadOnlyList<SelectedInstance> Instances);

/// <summary>
/// Reads and checks a <see cref="MoveBody"/> for the dry run and the move alike, so both refuse the same plans: the
/// versions (the old one not a draft, the new one the published one), the selection, and a place in the new version
/// for every activity a selected running instance waits at (422 on <c>mapping.&lt;activity id&gt;</c>).
/// </summary>
internal sealed class MovePlanner(CarePathwayDbContext db, CompiledDefinitions definitions)
{
    public async Task<PlannedMove> PlanAsync(string definitionId, MoveBody body, bool reasonRequired, CancellationToken ct)
    {
        var problems = new List<ValidationProblem>();
        if (body.FromVersion is null) problems.Add(new(null, "fromVersion", "is required"));
        if (body.ToVersion is null) problems.Add(new(null, "toVersion", "is required"));
        else if (body.ToVersion == body.FromVersion) problems.Add(new(null, "toVersion", "must differ from fromVersion"));
        foreach (var (mapped, target) in body.Mapping ?? [])
        {
            if (string.IsNullOrWhiteSpace(target)) problems.Add(new(null, $"mapping.{mapped}", "is required: the activity of the new version it lands on"));
        }

        if (reasonRequired && string.IsNullOrWhiteSpace(body.Reason)) problems.Add(new(null, "reason", "is required: say why these instances move"));
        if (problems.Count > 0) throw new RefusedException(problems);

        var from = await VersionAsync(definitionId, body.FromVersion!.Value, ct);
        var to = await VersionAsync(definitionId, body.ToVersion!.Value, ct);
        if (from.Status == DefinitionStatus.Draft)
            throw new ConflictException($"{definitionId} version {from.Version} is a draft: no instance runs on it");
        if (to.Status != DefinitionStatus.Published)
            throw new ConflictException($"{definitionId} version {to.Version} is {to.Status.WireName()}: instances move only to the published version");

        var plan = new MigrationPlan(
            (await definitions.GetAsync(db, definitionId, from.Version, ct))!,
            (await definitions.GetAsync(db, definitionId, to.Version, ct))!,
            body.Mapping ?? []);
        if (body.Select?.ActivityId is { } activityId && !plan.From.HasActivity(activityId))
            throw new RefusedException([new(null, "select.activityId", $"'{activityId}' is not an activity of version {from.Version}")]);

        var selected = await SelectAsync(definitionId, from.Version, body.Select, ct);
        var waiting = selected.Where(i => i.State.Status == InstanceStatus.Running)
            .SelectMany(i => i.State.Tokens.Select(t => t.ActivityId).Distinct(StringComparer.Ordinal))
            .GroupBy(a => a, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var planProblems = plan.Problems(waiting);
        if (planProblems.Count > 0) throw new RefusedException(planProblems);
        return new PlannedMove(plan, selected);
    }

    /// <summary>The paths of an instance and where each lands (null: nowhere).</summary>
    public static IReadOnlyList<PathPlacement> Placements(MigrationPlan plan, InstanceState state) =>
        [.. state.Tokens.Select(t => new PathPlacement(t.ActivityId, plan.TargetOf(t.ActivityId),
            state.Bookmarks.FirstOrDefault(b => b.TokenId == t.Id)?.Kind.WireName() ?? t.Status.WireName()))];

    private async Task<DefinitionVersion> VersionAsync(string definitionId, int version, CancellationToken ct) =>
        await db.DefinitionVersions.AsNoTracking().SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.Version == version, ct)
            ?? throw new NotFoundException($"definition {definitionId} version {version}");

    private async Task<IReadOnlyList<SelectedInstance>> SelectAsync(string definitionId, int version, MoveSelection? select, CancellationToken ct)
    {
        var query = db.WorkflowInstances.AsNoTracking().Where(i => i.DefinitionId == definitionId && i.Version == version
            && i.Status != InstanceStatus.Completed && i.Status != InstanceStatus.Cancelled);
        if (select?.PatientId is { } patientId) query = query.Where(i => i.PatientId == patientId);
        if (select?.InstanceIds is { Count: > 0 } ids) query = query.Where(i => ids.Contains(i.Id));
        var rows = await query.OrderBy(i => i.CreatedAt).ThenBy(i => i.Id).Select(i => new { i.Id, i.PatientId, i.StateJson }).ToListAsync(ct);
        var patientIds = rows.Select(r => r.PatientId).Distinct().ToList();
        var names = await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => Patient.DisplayName(p.FamilyName, p.GivenName), ct);
        return [.. rows
            .Select(r => new SelectedInstance(r.Id, r.PatientId, names.GetValueOrDefault(r.PatientId, "?"), InstanceState.FromJson(r.StateJson)))
            .Where(i => select?.ActivityId is not { } at || i.State.Tokens.Any(t => t.ActivityId == at))];
    }
}
