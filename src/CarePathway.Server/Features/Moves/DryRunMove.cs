using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Patients;
using CarePathway.Engine.Runtime;
using CarePathway.Engine.Simulation;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Features.Engine;
using CarePathway.Server.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Moves;

/// <summary>
/// What moving would do, changing nothing: for each selected instance whether it can move (if not, why), where each path
/// lands, which parameters change, and the instance run forward from its current state in virtual time on its own
/// version and on the new one, so a pathway owner sees what the move changes before making it.
/// </summary>
public sealed record DryRunMove(string DefinitionId, MoveBody Body) : IRequest<MoveReport>;

internal sealed class DryRunMoveHandler(CarePathwayDbContext db, MovePlanner planner, EfPatientRecords patients, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<DryRunMove, MoveReport>
{
    /// <summary>How far each instance is run forward: a year covers a cycle interval and its reviews.</summary>
    public const int ForwardDays = 365;

    /// <summary>Lines of each forward run shown: enough to see where the versions part.</summary>
    public const int StepsShown = 40;

    private static readonly SimulationLimits Limits = new(20_000, 20_000);

    public async Task<MoveReport> Handle(DryRunMove request, CancellationToken cancellationToken)
    {
        var planned = await planner.PlanAsync(request.DefinitionId, request.Body, reasonRequired: false, cancellationToken);
        var plan = planned.Plan;
        var now = clock.GetUtcNow();
        var results = new List<InstanceMove>();
        foreach (var instance in planned.Instances)
        {
            var placements = MovePlanner.Placements(plan, instance.State);
            if (InstanceMover.RefusalOf(plan, instance.State) is { } refusal)
            {
                results.Add(new InstanceMove(instance.InstanceId, instance.PatientId, instance.PatientName, false, refusal, placements, null, null));
                continue;
            }

            var moved = InstanceMover.Move(plan, instance.State, user.Name, request.Body.Reason ?? "(dry run)", now);
            var tasks = await db.HumanTasks.AsNoTracking()
                .Where(t => t.InstanceId == instance.InstanceId && t.Status == HumanTaskStatus.Open)
                .OrderBy(t => t.CreatedAt).ToListAsync(cancellationToken);
            var specs = tasks.Select(TaskRows.ToSpec).ToList();
            var handed = moved.MovedTasks.ToDictionary(m => m.TaskId, m => m.ActivityId);
            var movedSpecs = specs.Select(s => handed.TryGetValue(s.Id, out var activity) ? s with { ActivityId = activity } : s).ToList();

            var before = Forward(plan.From, instance.State, await PatientAsync(instance.PatientId, cancellationToken), specs, now, cancellationToken);
            var after = Forward(plan.To, moved.State, await PatientAsync(instance.PatientId, cancellationToken), movedSpecs, now, cancellationToken);
            var parameters = moved.Journal[^1].Data["parameters"]?.DeepClone().AsObject();
            results.Add(new InstanceMove(instance.InstanceId, instance.PatientId, instance.PatientName, true, null, placements,
                parameters, new ForwardComparison(before, after, before.Status != after.Status || !before.Steps.SequenceEqual(after.Steps))));
        }

        var moving = results.Count(r => r.Moves);
        return new MoveReport(request.DefinitionId, plan.From.Definition.Version, plan.To.Definition.Version, false,
            results.Count, moving, results.Count - moving, results);
    }

    private async Task<PatientContext> PatientAsync(Guid patientId, CancellationToken ct) =>
        await patients.LoadPatientAsync(patientId, ct) ?? throw new NotFoundException($"patient {patientId}");

    private static ForwardRun Forward(CompiledDefinition definition, InstanceState state, PatientContext patient,
        IReadOnlyList<TaskSpec> tasks, DateTimeOffset now, CancellationToken ct)
    {
        var run = Simulator.Continue(definition, state, patient, tasks, now, ForwardDays, Limits, ct);
        var steps = run.Timeline.OfType<JsonObject>().Take(StepsShown).Select(Step).ToList();
        var waitingOn = run.Status.IsFinished() ? null : WaitingOn(run.FinalState);
        return new ForwardRun(run.Status, waitingOn, steps);
    }

    private static string Step(JsonObject entry)
    {
        var what = (entry["activity"] ?? entry["kind"] ?? entry["gate"] ?? entry["drug"] ?? entry["codes"])?.ToJsonString().Trim('"') ?? "";
        return $"day {entry["day"]}: {entry["type"]?.GetValue<string>()} {what}".TrimEnd();
    }

    /// <summary>What a run that has not ended waits on, in words: a task, a timer (with its day) or a result.</summary>
    private static string WaitingOn(InstanceState state) =>
        state.Bookmarks.Count == 0
            ? string.Join("; ", state.Tokens.Select(t => $"'{t.ActivityId}' ({t.Status.WireName()})"))
            : string.Join("; ", state.Bookmarks.Select(b => b.Kind switch
            {
                BookmarkKind.Task => $"a task at '{b.ActivityId}'",
                BookmarkKind.Timer => $"a timer at '{b.ActivityId}' due {b.DueAt:yyyy-MM-dd}",
                _ => $"{b.EventType} {b.EventKey} at '{b.ActivityId}'",
            }));
}
