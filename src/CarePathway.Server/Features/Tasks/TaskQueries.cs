using System.Text.Json.Nodes;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Features.Engine;
using CarePathway.Server.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Tasks;

/// <summary>
/// The worklist: filtered and sorted in the database, one page at a time.
/// <paramref name="Due"/>: overdue, today, upcoming (after today) or none (no due date).
/// </summary>
public sealed record ListTasks(string? Role, string? Status, string? Due, Guid? PatientId, Guid? InstanceId, string? Kind,
    string? Sort, int Page = 1, int PageSize = 50) : IRequest<Paged<TaskSummary>>;

public sealed record GetTask(Guid Id) : IRequest<TaskDetail>;

internal sealed class TaskQueries(CarePathwayDbContext db, TimeProvider clock) :
    IRequestHandler<ListTasks, Paged<TaskSummary>>,
    IRequestHandler<GetTask, TaskDetail>
{
    public async Task<Paged<TaskSummary>> Handle(ListTasks request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var startOfTomorrow = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        var query = db.HumanTasks.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(request.Role)) query = query.Where(t => t.Role == request.Role);
        query = query.Where(t => t.Status == (string.IsNullOrWhiteSpace(request.Status) ? HumanTaskStatus.Open : request.Status));
        if (request.PatientId is { } patientId) query = query.Where(t => t.PatientId == patientId);
        if (request.InstanceId is { } instanceId) query = query.Where(t => t.InstanceId == instanceId);
        if (!string.IsNullOrWhiteSpace(request.Kind)) query = query.Where(t => t.Kind == request.Kind);
        query = request.Due switch
        {
            null or "" => query,
            "overdue" => query.Where(t => t.DueAt != null && t.DueAt < now),
            "today" => query.Where(t => t.DueAt != null && t.DueAt >= now && t.DueAt < startOfTomorrow),
            "upcoming" => query.Where(t => t.DueAt != null && t.DueAt >= startOfTomorrow),
            "none" => query.Where(t => t.DueAt == null),
            _ => throw RequestValidationException.Field("due", "must be overdue, today, upcoming or none"),
        };
        query = request.Sort switch
        {
            null or "" or "due" => query.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.Id),
            "created" => query.OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Id),
            _ => throw RequestValidationException.Field("sort", "must be due or created"),
        };
        return await Paged.CreateAsync(query, request.Page, request.PageSize, t => Summary(t, now), cancellationToken);
    }

    public async Task<TaskDetail> Handle(GetTask request, CancellationToken cancellationToken)
    {
        var task = await db.HumanTasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException($"task {request.Id}");
        return Detail(task, clock.GetUtcNow());
    }

    internal static TaskSummary Summary(HumanTask t, DateTimeOffset now) => new(t.Id, t.Kind, t.Title, t.Role, t.Assignee, t.PatientId, t.InstanceId,
        t.ActivityId, t.Status, t.DueAt, t.Status == HumanTaskStatus.Open && t.DueAt < now, t.BookmarkId is not null, t.Outcome, t.CreatedAt);

    internal static TaskDetail Detail(HumanTask t, DateTimeOffset now)
    {
        var outcomes = TaskOutcomes.Read(t.OutcomesJson);
        return new TaskDetail(Summary(t, now), t.Instructions, JsonNode.Parse(t.FormJson), outcomes.Outcomes, outcomes.ReasonRequiredFor,
            JsonNode.Parse(t.EvidenceJson), t.CompletedBy, t.CompletedAt, t.Reason, JsonNode.Parse(t.ResultJson), t.RowVersion);
    }
}
