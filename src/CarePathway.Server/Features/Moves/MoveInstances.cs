using CarePathway.Engine.Execution;
using CarePathway.Engine.Runtime;
using CarePathway.Server.Features.Common;
using MediatR;

namespace CarePathway.Server.Features.Moves;

/// <summary>
/// Moves the selected instances to the new version, each in a transaction of its own (<see cref="MoveInstance"/>): one
/// that cannot move stays where it is, with the reason, and the others move all the same. Not itself a command, so
/// that each instance's move commits (and is audited) on its own.
/// </summary>
public sealed record MoveInstances(string DefinitionId, MoveBody Body) : IRequest<MoveReport>;

/// <summary>One instance moved under a checked plan, with the reason: its state, waits, tasks, timer outbox and journal in one transaction.</summary>
public sealed record MoveInstance(Guid InstanceId, MigrationPlan Plan, string Reason) : ICommand<bool>
{
    public string AuditAction => "instance.move";
    public string? AuditTarget => InstanceId.ToString();
}

internal sealed class MoveInstancesHandler(IMediator mediator, MovePlanner planner, Persistence.CarePathwayDbContext db) : IRequestHandler<MoveInstances, MoveReport>
{
    public async Task<MoveReport> Handle(MoveInstances request, CancellationToken cancellationToken)
    {
        var planned = await planner.PlanAsync(request.DefinitionId, request.Body, reasonRequired: true, cancellationToken);
        var plan = planned.Plan;
        var results = new List<InstanceMove>();
        foreach (var instance in planned.Instances)
        {
            var staysBecause = await MoveAsync(instance.InstanceId, plan, request.Body.Reason!, cancellationToken);
            results.Add(new InstanceMove(instance.InstanceId, instance.PatientId, instance.PatientName, staysBecause is null, staysBecause,
                MovePlanner.Placements(plan, instance.State), null, null));
            // Each move is its own unit of work: what the last one tracked is not carried into the next.
            db.ChangeTracker.Clear();
        }

        var moving = results.Count(r => r.Moves);
        return new MoveReport(request.DefinitionId, plan.From.Definition.Version, plan.To.Definition.Version, true,
            results.Count, moving, results.Count - moving, results);
    }

    /// <summary>Null when it moved; otherwise why it stays (it changed since it was selected, or another writer kept winning).</summary>
    private async Task<string?> MoveAsync(Guid instanceId, MigrationPlan plan, string reason, CancellationToken ct)
    {
        try
        {
            await mediator.Send(new MoveInstance(instanceId, plan, reason), ct);
            return null;
        }
        catch (MoveRefusedException refused)
        {
            return refused.Message;
        }
        catch (Exception ex) when (ex is ConflictException or ConcurrentChangeException or Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException)
        {
            return $"it kept changing while it was being moved ({ex.Message}): try again";
        }
    }
}

internal sealed class MoveInstanceHandler(PathwayRuntime runtime, ICurrentUser user) : IRequestHandler<MoveInstance, bool>
{
    public async Task<bool> Handle(MoveInstance request, CancellationToken cancellationToken)
    {
        await runtime.MoveAsync(request.InstanceId, request.Plan, request.Reason, user.AsActor(), cancellationToken);
        return true;
    }
}
