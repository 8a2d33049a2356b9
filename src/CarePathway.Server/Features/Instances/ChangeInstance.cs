using CarePathway.Engine.Execution;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Features.Engine;
using CarePathway.Server.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Instances;

public sealed record SuspendInstance(Guid InstanceId, string? Reason) : ICommand<InstanceSummary>
{
    public string AuditAction => "instance.suspend";
    public string? AuditTarget => InstanceId.ToString();
}

public sealed record ResumeInstance(Guid InstanceId) : ICommand<InstanceSummary>
{
    public string AuditAction => "instance.resume";
    public string? AuditTarget => InstanceId.ToString();
}

public sealed record CancelInstance(Guid InstanceId, string? Reason) : ICommand<InstanceSummary>
{
    public string AuditAction => "instance.cancel";
    public string? AuditTarget => InstanceId.ToString();
}

public sealed record RetryIncident(Guid InstanceId, Guid IncidentId) : ICommand<InstanceSummary>
{
    public string AuditAction => "instance.retry-incident";
    public string? AuditTarget => $"{InstanceId}/{IncidentId}";
}

/// <summary>Lifecycle changes a person makes to an instance; each is journaled with who and why.</summary>
internal sealed class ChangeInstanceHandler(CarePathwayDbContext db, InstanceStore instances, CompiledDefinitions definitions,
    PatientContexts patients, WorkflowRunner runner, ICurrentUser user) :
    IRequestHandler<SuspendInstance, InstanceSummary>,
    IRequestHandler<ResumeInstance, InstanceSummary>,
    IRequestHandler<CancelInstance, InstanceSummary>,
    IRequestHandler<RetryIncident, InstanceSummary>
{
    public Task<InstanceSummary> Handle(SuspendInstance request, CancellationToken cancellationToken) =>
        ChangeAsync(request.InstanceId, (_, state, _) => Task.FromResult(runner.Suspend(state, user.Name, request.Reason)), cancellationToken);

    public Task<InstanceSummary> Handle(ResumeInstance request, CancellationToken cancellationToken) =>
        ChangeAsync(request.InstanceId, async (row, state, ct) =>
            runner.Unsuspend(await definitions.GetAsync(db, row.DefinitionId, row.Version, ct), state, await patients.LoadAsync(row.PatientId, ct), user.Name),
            cancellationToken);

    public async Task<InstanceSummary> Handle(CancelInstance request, CancellationToken cancellationToken)
    {
        var summary = await ChangeAsync(request.InstanceId, (_, state, _) => Task.FromResult(runner.Cancel(state, user.Name, request.Reason)), cancellationToken);
        // Reminders are not waited on, so the engine does not own them; a cancelled pathway closes them too.
        foreach (var task in await db.HumanTasks.Where(t => t.InstanceId == request.InstanceId && t.Status == HumanTaskStatus.Open).ToListAsync(cancellationToken))
        {
            task.Status = HumanTaskStatus.Cancelled;
        }

        await db.SaveChangesAsync(cancellationToken);
        return summary;
    }

    public async Task<InstanceSummary> Handle(RetryIncident request, CancellationToken cancellationToken)
    {
        var summary = await ChangeAsync(request.InstanceId, async (row, state, ct) =>
            runner.RetryIncident(await definitions.GetAsync(db, row.DefinitionId, row.Version, ct), state, await patients.LoadAsync(row.PatientId, ct), request.IncidentId, user.Name),
            cancellationToken);
        var incident = await db.Incidents.SingleOrDefaultAsync(i => i.Id == request.IncidentId, cancellationToken);
        if (incident is not null)
        {
            incident.ResolvedAt = summary.UpdatedAt;
            incident.ResolvedBy = user.Name;
            await db.SaveChangesAsync(cancellationToken);
        }

        return summary;
    }

    private async Task<InstanceSummary> ChangeAsync(Guid instanceId, Func<WorkflowInstance, InstanceState, CancellationToken, Task<RunResult>> change, CancellationToken ct)
    {
        var (row, state) = await instances.LoadAsync(instanceId, ct);
        var result = await change(row, state, ct);
        await instances.ApplyAsync(row, result, ct);
        await db.SaveChangesAsync(ct);
        return InstanceQueries.Summary(row);
    }
}
