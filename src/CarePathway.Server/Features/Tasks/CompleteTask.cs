using System.Text.Json.Nodes;
using CarePathway.Engine.Runtime;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Persistence;
using MediatR;

namespace CarePathway.Server.Features.Tasks;

/// <summary>
/// Completes a task with an outcome. Only someone with the task's role may (approvals: clinicians);
/// a task decided already is answered 409 with the first decision, and the pathway resumes once.
/// </summary>
public sealed record CompleteTask(Guid TaskId, string? Outcome, string? Reason, JsonObject? Data) : ICommand<TaskDetail>
{
    public string AuditAction => "task.complete";
    public string? AuditTarget => TaskId.ToString();
}

internal sealed class CompleteTaskHandler(CarePathwayDbContext db, PathwayRuntime runtime, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<CompleteTask, TaskDetail>
{
    public async Task<TaskDetail> Handle(CompleteTask request, CancellationToken cancellationToken)
    {
        var actor = user.AsActor();
        await runtime.CompleteTaskAsync(request.TaskId, new TaskAnswer(request.Outcome, request.Reason, request.Data), actor, cancellationToken);
        return await TaskQueries.DetailAsync(db, runtime, actor, request.TaskId, clock.GetUtcNow(), cancellationToken);
    }
}
