using System.Text.Json.Nodes;
using CarePathway.Engine.Activities;
using CarePathway.Engine.Execution;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Features.Engine;
using CarePathway.Server.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

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

internal sealed class CompleteTaskHandler(CarePathwayDbContext db, StimulusDelivery delivery, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<CompleteTask, TaskDetail>
{
    public async Task<TaskDetail> Handle(CompleteTask request, CancellationToken cancellationToken)
    {
        var task = await db.HumanTasks.SingleOrDefaultAsync(t => t.Id == request.TaskId, cancellationToken)
            ?? throw new NotFoundException($"task {request.TaskId}");
        if (!user.IsInRole(task.Role))
            throw new ForbiddenException($"this task is for the {task.Role} role");
        if (task.Status != HumanTaskStatus.Open) throw AlreadyClosed(task);

        var outcomes = TaskOutcomes.Read(task.OutcomesJson);
        var problems = TaskCompletionRules.Check(outcomes.Outcomes, outcomes.ReasonRequiredFor, request.Outcome, request.Reason)
            .Concat(TaskForm.Check(task.FormJson, request.Data, declining: request.Outcome is { } o && outcomes.ReasonRequiredFor.Contains(o))).ToList();
        if (problems.Count > 0) throw new RequestValidationException(problems, unprocessable: true);

        var now = clock.GetUtcNow();
        task.Status = HumanTaskStatus.Completed;
        task.Outcome = request.Outcome;
        task.Reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        task.CompletedBy = user.Name;
        task.CompletedAt = now;
        task.ResultJson = (request.Data ?? []).ToJsonString();

        try
        {
            if (task.InstanceId is { } instanceId && task.BookmarkId is not null)
            {
                var result = await delivery.DeliverAsync(instanceId, new TaskCompleted(task.Id, request.Outcome!, user.Name, task.Reason, request.Data), cancellationToken);
                if (!result.Applied)
                {
                    throw await DecidedMeanwhileAsync(request.TaskId, cancellationToken)
                        ?? new ConflictException($"the pathway cannot take this decision now: {result.NotAppliedReason}");
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            if (await DecidedMeanwhileAsync(request.TaskId, cancellationToken) is { } conflict) throw conflict;
            throw;
        }

        return await TaskQueries.DetailAsync(db, task.Id, now, cancellationToken);
    }

    /// <summary>Someone decided (or the pathway moved on) between our read and our write: the conflict names what is there now.</summary>
    private async Task<ConflictException?> DecidedMeanwhileAsync(Guid taskId, CancellationToken ct)
    {
        var current = await db.HumanTasks.AsNoTracking().SingleAsync(t => t.Id == taskId, ct);
        return current.Status == HumanTaskStatus.Open ? null : AlreadyClosed(current);
    }

    private static ConflictException AlreadyClosed(HumanTask task) => new(
        task.Status == HumanTaskStatus.Completed
            ? $"already decided: {task.Outcome} by {task.CompletedBy} at {task.CompletedAt:u}"
            : "this task was cancelled: the pathway moved on without it",
        new { task.Status, task.Outcome, task.CompletedBy, task.CompletedAt, task.Reason });
}
