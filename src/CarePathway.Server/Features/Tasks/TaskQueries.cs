using System.Text.Json.Nodes;
using CarePathway.Engine.Activities;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Runtime;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Features.Engine;
using CarePathway.Server.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Tasks;

/// <summary>
/// The worklist: filtered and sorted in the database, one page at a time, each row with its patient's name and MRN.
/// <paramref name="View"/>: one of <see cref="WorklistViews.Names"/> (a tab); <paramref name="Filter"/>: the rest.
/// <paramref name="Sort"/>: due (undated last), created (newest first) or patient (by name, then due).
/// </summary>
public sealed record ListTasks(WorklistFilter Filter, string? View, string? Sort, int Page = 1, int PageSize = 50) : IRequest<Paged<TaskSummary>>;

/// <summary>How many open tasks each worklist view holds under the filter, the kinds among them, and the pathways suspended.</summary>
public sealed record CountTasks(WorklistFilter Filter) : IRequest<TaskCounts>;

public sealed record GetTask(Guid Id) : IRequest<TaskDetail>;

internal sealed class TaskQueries(CarePathwayDbContext db, PathwayRuntime runtime, ICurrentUser user, TimeProvider clock) :
    IRequestHandler<ListTasks, Paged<TaskSummary>>,
    IRequestHandler<CountTasks, TaskCounts>,
    IRequestHandler<GetTask, TaskDetail>
{
    public async Task<Paged<TaskSummary>> Handle(ListTasks request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var view = WorklistViews.Parse(request.View);
        var query = request.Filter.Apply(db, user, now).AsNoTracking();
        if (view is not null) query = WorklistViews.Apply(query, view, now);
        if (request.Sort is not (null or "" or "due" or "created" or "patient")) throw RequestValidationException.Field("sort", "must be due, created or patient");

        // Sorted and skipped on the tasks' ids alone (joined to the patient only to sort by name); only the page's rows
        // are then read whole, with their patient.
        var byPatient = request.Sort == "patient";
        var pageIds = byPatient ? ByPatient(WithPatients(db, query)).Select(r => r.Task.Id) : InWorklistOrder(query, request.Sort).Select(t => t.Id);
        return await Paged.CreateAsync<HumanTask, Guid, TaskSummary>(query, pageIds, request.Page, request.PageSize, async (ids, ct) =>
        {
            var pageTasks = db.HumanTasks.AsNoTracking().Where(t => ids.Contains(t.Id));
            var page = byPatient ? ByPatient(WithPatients(db, pageTasks)) : WithPatients(db, InWorklistOrder(pageTasks, request.Sort));
            return [.. (await page.ToListAsync(ct)).Select(r => Summary(r, now))];
        }, cancellationToken);
    }

    /// <summary>
    /// Every view's count and the kinds with how many of each (one grouped aggregate over the filtered tasks), and the suspended pathways (of
    /// the filter's pathway and patient): counted in the database, never by loading rows.
    /// </summary>
    public async Task<TaskCounts> Handle(CountTasks request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var filtered = request.Filter.Apply(db, user, now).AsNoTracking();
        var counts = await WorklistViews.CountAsync(filtered, now, cancellationToken);
        var views = WorklistViews.Names.Select((view, i) => new ViewCount(view, counts.Views[i])).ToList();

        var suspended = db.WorkflowInstances.AsNoTracking().Where(i => i.Status == InstanceStatus.Suspended);
        if (!string.IsNullOrWhiteSpace(request.Filter.DefinitionId)) suspended = suspended.Where(i => i.DefinitionId == request.Filter.DefinitionId);
        if (request.Filter.PatientId is { } patientId) suspended = suspended.Where(i => i.PatientId == patientId);
        return new TaskCounts(views, counts.Kinds, await suspended.CountAsync(cancellationToken));
    }

    /// <summary>
    /// Due first (undated last: <see cref="HumanTask.DueOrder"/>), or newest first; the id settles ties so pages never
    /// overlap. Both orders are an index's, so a page is read in order rather than sorted.
    /// </summary>
    private static IQueryable<HumanTask> InWorklistOrder(IQueryable<HumanTask> tasks, string? sort) => sort switch
    {
        "created" => tasks.OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Id),
        _ => tasks.OrderBy(t => t.DueOrder).ThenBy(t => t.Id),
    };

    /// <summary>Patients by name (one patient's tasks together, the id keeping namesakes apart), each patient's tasks due first.</summary>
    private static IQueryable<TaskRow> ByPatient(IQueryable<TaskRow> rows) =>
        rows.OrderBy(r => r.FamilyName).ThenBy(r => r.GivenName).ThenBy(r => r.Task.PatientId)
            .ThenBy(r => r.Task.DueOrder).ThenBy(r => r.Task.Id);

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
            choices, JsonNode.Parse(t.EvidenceJson), t.CompletedBy, t.CompletedAt, t.Reason, JsonNode.Parse(t.ResultJson), t.RowVersion,
            await OpenOnCourseAsync(db, t, now, ct));
    }

    /// <summary>The other open tasks of the task's pathway instance, blocking ones first, then by due date.</summary>
    private static async Task<IReadOnlyList<TaskSummary>> OpenOnCourseAsync(CarePathwayDbContext db, HumanTask task, DateTimeOffset now, CancellationToken ct)
    {
        if (task.InstanceId is not { } instanceId) return [];
        var others = WithPatients(db, db.HumanTasks.AsNoTracking().Where(o => o.InstanceId == instanceId && o.Id != task.Id && o.Status == HumanTaskStatus.Open))
            .OrderBy(r => r.Task.BookmarkId == null).ThenBy(r => r.Task.DueOrder).ThenBy(r => r.Task.CreatedAt).ThenBy(r => r.Task.Id);
        return [.. (await others.ToListAsync(ct)).Select(r => Summary(r, now))];
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
