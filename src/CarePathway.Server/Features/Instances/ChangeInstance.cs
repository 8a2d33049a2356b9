using CarePathway.Engine.Execution;
using CarePathway.Engine.Runtime;
using CarePathway.Server.Features.Common;
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
internal sealed class ChangeInstanceHandler(CarePathwayDbContext db, PathwayRuntime runtime, ICurrentUser user) :
    IRequestHandler<SuspendInstance, InstanceSummary>,
    IRequestHandler<ResumeInstance, InstanceSummary>,
    IRequestHandler<CancelInstance, InstanceSummary>,
    IRequestHandler<RetryIncident, InstanceSummary>
{
    public Task<InstanceSummary> Handle(SuspendInstance request, CancellationToken cancellationToken) =>
        SummaryAfter(runtime.SuspendAsync(request.InstanceId, request.Reason, user.AsActor(), cancellationToken), cancellationToken);

    public Task<InstanceSummary> Handle(ResumeInstance request, CancellationToken cancellationToken) =>
        SummaryAfter(runtime.UnsuspendAsync(request.InstanceId, user.AsActor(), cancellationToken), cancellationToken);

    public Task<InstanceSummary> Handle(CancelInstance request, CancellationToken cancellationToken) =>
        SummaryAfter(runtime.CancelAsync(request.InstanceId, request.Reason, user.AsActor(), cancellationToken), cancellationToken);

    public Task<InstanceSummary> Handle(RetryIncident request, CancellationToken cancellationToken) =>
        SummaryAfter(runtime.RetryIncidentAsync(request.InstanceId, request.IncidentId, user.AsActor(), cancellationToken), cancellationToken);

    private async Task<InstanceSummary> SummaryAfter(Task<RunResult> change, CancellationToken ct)
    {
        var result = await change;
        return InstanceQueries.Summary(await db.WorkflowInstances.SingleAsync(i => i.Id == result.State.InstanceId, ct));
    }
}
