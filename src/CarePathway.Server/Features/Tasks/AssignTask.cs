using CarePathway.Engine.Execution;
using CarePathway.Engine.Runtime;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Features.Staff;
using CarePathway.Server.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Tasks;

/// <summary>
/// A task changes hands: claimed by the person asking, assigned (or reassigned) to <paramref name="Assignee"/>, or
/// released to the team. Journaled on the pathway (<c>task.assigned</c>) with who had it and who has it now.
/// </summary>
public sealed record AssignTask(Guid TaskId, AssignmentAction Action, string? Assignee = null) : ICommand<TaskDetail>
{
    public string AuditAction => Action switch
    {
        AssignmentAction.Claimed => "task.claim",
        AssignmentAction.Released => "task.release",
        _ => "task.assign",
    };

    public string? AuditTarget => TaskId.ToString();
}

internal sealed class AssignTaskHandler(CarePathwayDbContext db, PathwayRuntime runtime, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<AssignTask, TaskDetail>
{
    public async Task<TaskDetail> Handle(AssignTask request, CancellationToken cancellationToken)
    {
        var actor = user.AsActor();
        if (request.Action == AssignmentAction.Assigned)
        {
            var assignee = request.Assignee?.Trim();
            if (string.IsNullOrEmpty(assignee)) throw RequestValidationException.Field("assignee", "is required: the user name of whom to give the task");
            var role = await db.HumanTasks.Where(t => t.Id == request.TaskId).Select(t => t.Role).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException($"task {request.TaskId}");
            if (!await StaffQueries.HoldsRoleAsync(db, assignee, role, cancellationToken))
                throw RequestValidationException.Field("assignee", $"{assignee} is not a user in the {role} role: the task can only go to someone who can do it", unprocessable: true);
            await runtime.AssignTaskAsync(request.TaskId, request.Action, assignee, actor, cancellationToken);
        }
        else
        {
            await runtime.AssignTaskAsync(request.TaskId, request.Action, null, actor, cancellationToken);
        }

        return await TaskQueries.DetailAsync(db, runtime, actor, request.TaskId, clock.GetUtcNow(), cancellationToken);
    }
}
