using System.Text.Json.Nodes;
using CarePathway.Engine.Activities;
using CarePathway.Engine.Runtime;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Features.Engine;
using CarePathway.Server.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Tasks;

/// <summary>
/// The worklist: filtered and sorted in the database, one page at a time, each row with its patient's name and MRN.
/// <paramref name="Due"/>: overdue, today, upcoming (after today) or none (no due date).
/// <paramref name="Labs"/>: a lab gate's order-labs tasks whose labs are missing (or out of date), or held (the gate held on them).
/// </summary>
public sealed record ListTasks(string? Role, string? Status, string? Due, Guid? PatientId, Guid? InstanceId, string? Kind,
    string? Sort, int Page = 1, int PageSize = 50, string? Labs = null) : IRequest<Paged<TaskSummary>>;

public sealed record GetTask(Guid Id) : IRequest<TaskDetail>;

internal sealed class TaskQueries(CarePathwayDbContext db, PathwayRuntime runtime, ICurrentUser user, TimeProvider clock) :
    IRequestHandler<ListTasks, Paged<TaskSummary>>,
    IRequestHandler<GetTask, TaskDetail>
{
    public async Task<Paged<TaskSummary>> Handle(ListTasks request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var startOfTomorrow = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        var query = db.HumanTasks.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(request.Role)) query = query.Where(t => t.Role == request.Role);
        var status = ClosedSetFilter.Parse<HumanTaskStatus>(request.Status, "status") ?? HumanTaskStatus.Open;
        query = query.Where(t => t.Status == status);
        if (request.PatientId is { } patientId) query = query.Where(t => t.PatientId == patientId);
        if (request.InstanceId is { } instanceId) query = query.Where(t => t.InstanceId == instanceId);
        if (!string.IsNullOrWhiteSpace(request.Kind)) query = query.Where(t => t.Kind == request.Kind);
        if (ClosedSetFilter.Parse<LabHold>(request.Labs, "labs") is { } labHold) query = query.Where(t => t.LabHold == labHold);

        query = request.Due switch
        {
            null or "" => query,
            "overdue" => query.Where(t => t.DueAt != null && t.DueAt < now),
            "today" => query.Where(t => t.DueAt != null && t.DueAt >= now && t.DueAt < startOfTomorrow),
            "upcoming" => query.Where(t => t.DueAt != null && t.DueAt >= startOfTomorrow),
            "none" => query.Where(t => t.DueAt == null),
            _ => throw RequestValidationException.Field("due", "must be overdue, today, upcoming or none"),
        };
        if (request.Sort is not (null or "" or "due" or "created")) throw RequestValidationException.Field("sort", "must be due or created");

        // Sorted and skipped on the tasks' ids alone; only the page's rows are then read whole, with their patient.
        var undated = request.Due is null or "" or "none";
        var pageIds = InWorklistOrder(query, request.Sort, undated).Select(t => t.Id);
        return await Paged.CreateAsync<HumanTask, Guid, TaskSummary>(query, pageIds, request.Page, request.PageSize, async (ids, ct) =>
        {
            var page = InWorklistOrder(db.HumanTasks.AsNoTracking().Where(t => ids.Contains(t.Id)), request.Sort, undated);
            return [.. (await WithPatients(db, page).ToListAsync(ct)).Select(r => Summary(r, now))];
        }, cancellationToken);
    }

    /// <summary>
    /// Due first (undated last), or newest first; the id settles ties so pages never overlap. When the filter
    /// leaves no undated task (<paramref name="undated"/> false) the undated-last term is left out: it is an
    /// expression no index can order by, and without it the due-date indexes give the order.
    /// </summary>
    private static IQueryable<HumanTask> InWorklistOrder(IQueryable<HumanTask> tasks, string? sort, bool undated) => sort switch
    {
        "created" => tasks.OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Id),
        _ when undated => tasks.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.Id),
        _ => tasks.OrderBy(t => t.DueAt).ThenBy(t => t.Id),
    };

    public async Task<TaskDetail> Handle(GetTask request, CancellationToken cancellationToken) =>
        await DetailAsync(db, runtime, user.AsActor(), request.Id, clock.GetUtcNow(), cancellationToken);

    /// <summary>
    /// A task as stored now, with its patient and each outcome as the runtime judges it for this actor now (available,
    /// or why not); also what completing one answers.
    /// </summary>
    internal static async Task<TaskDetail> DetailAsync(CarePathwayDbContext db, PathwayRuntime runtime, Actor actor, Guid taskId, DateTimeOffset now, CancellationToken ct)
    {
        var row = await WithPatients(db, db.HumanTasks.AsNoTracking().Where(t => t.Id == taskId)).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException($"task {taskId}");
        var t = row.Task;
        var outcomes = TaskOutcomes.Read(t.OutcomesJson);
        var choices = await runtime.OutcomesAsync(taskId, actor, ct);
        return new TaskDetail(Summary(row, now), t.Instructions, JsonNode.Parse(t.FormJson), outcomes.Outcomes, outcomes.ReasonRequiredFor,
            choices, JsonNode.Parse(t.EvidenceJson), t.CompletedBy, t.CompletedAt, t.Reason, JsonNode.Parse(t.ResultJson), t.RowVersion);
    }

    /// <summary>Tasks joined to their patient's name and MRN in the same query (no request per row).</summary>
    private static IQueryable<TaskRow> WithPatients(CarePathwayDbContext db, IQueryable<HumanTask> tasks) =>
        tasks.Join(db.Patients, t => t.PatientId, p => p.Id,
            (t, p) => new TaskRow { Task = t, FamilyName = p.FamilyName, GivenName = p.GivenName, PatientMrn = p.Mrn });

    private static TaskSummary Summary(TaskRow r, DateTimeOffset now)
    {
        var t = r.Task;
        return new(t.Id, t.Kind, t.LabHold, t.Title, t.Role, t.Assignee, t.PatientId, Patient.DisplayName(r.FamilyName, r.GivenName), r.PatientMrn, t.InstanceId, t.ActivityId,
            t.Status, t.DueAt, t.Status == HumanTaskStatus.Open && t.DueAt < now, t.BookmarkId is not null, t.Outcome, t.CreatedAt);
    }

    private sealed class TaskRow
    {
        public required HumanTask Task { get; init; }
        public required string FamilyName { get; init; }
        public required string GivenName { get; init; }
        public required string PatientMrn { get; init; }
    }
}
