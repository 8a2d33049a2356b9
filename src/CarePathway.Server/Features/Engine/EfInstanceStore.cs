using System.Text.Json;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Runtime;
using CarePathway.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Engine;

/// <summary>
/// The runtime's instance store over EF Core: loads instances and tasks, and is the one writer of what a run
/// changed (state, bookmarks, tasks created, completed and cancelled, journal, incidents raised and resolved,
/// timer requests), through the one context, so it all commits in the command's transaction.
/// </summary>
internal sealed class EfInstanceStore(CarePathwayDbContext db, TimeProvider clock) : IInstanceStore
{
    private readonly Dictionary<Guid, WorkflowInstance> _rows = [];

    public async Task<InstanceState?> LoadAsync(Guid instanceId, CancellationToken ct)
    {
        var row = await db.WorkflowInstances.SingleOrDefaultAsync(i => i.Id == instanceId, ct);
        if (row is null) return null;
        _rows[instanceId] = row;
        return InstanceState.FromJson(row.StateJson);
    }

    public async Task<IReadOnlyList<Guid>> WaitingForEventAsync(Guid patientId, string eventType, IReadOnlyList<string> keys, CancellationToken ct) =>
        await db.Bookmarks
            .Where(b => b.Kind == BookmarkKind.Event && b.EventType == eventType && keys.Contains(b.EventKey!))
            .Join(db.WorkflowInstances.Where(i => i.PatientId == patientId), b => b.InstanceId, i => i.Id, (b, i) => i.Id)
            .Distinct()
            .ToListAsync(ct);

    public async Task<IReadOnlyList<UnfinishedInstance>> UnfinishedInstancesAsync(Guid patientId, CancellationToken ct) =>
        await db.WorkflowInstances
            .Where(i => i.PatientId == patientId && i.Status != InstanceStatus.Completed && i.Status != InstanceStatus.Cancelled)
            .Select(i => new UnfinishedInstance(i.Id, i.DefinitionId, i.Version))
            .ToListAsync(ct);

    public async Task<TaskRecord?> LoadTaskAsync(Guid taskId, CancellationToken ct)
    {
        // As stored now: a row this unit of work already tracks is read again (another writer may have closed it).
        var row = db.HumanTasks.Local.FirstOrDefault(t => t.Id == taskId);
        if (row is not null) await db.Entry(row).ReloadAsync(ct);
        else row = await db.HumanTasks.SingleOrDefaultAsync(t => t.Id == taskId, ct);
        return row is null || db.Entry(row).State == EntityState.Detached ? null : TaskRows.ToRecord(row);
    }

    public async Task<IReadOnlyList<Guid>> OpenTasksAsync(Guid instanceId, CancellationToken ct) =>
        await db.HumanTasks.Where(t => t.InstanceId == instanceId && t.Status == HumanTaskStatus.Open).Select(t => t.Id).ToListAsync(ct);

    public async Task SaveAsync(RunResult result, CancellationToken ct)
    {
        try
        {
            if (result.StartedBy is { } startedBy) Insert(result, startedBy);
            else await UpdateAsync(_rows[result.State.InstanceId], result, ct);
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException conflict)
        {
            throw new ConcurrentChangeException($"instance {result.State.InstanceId} was changed by another writer", conflict);
        }
    }

    private void Insert(RunResult result, string startedBy)
    {
        var row = new WorkflowInstance
        {
            Id = result.State.InstanceId,
            DefinitionId = result.State.DefinitionId,
            Version = result.State.Version,
            PatientId = result.State.PatientId,
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = startedBy,
        };
        db.WorkflowInstances.Add(row);
        _rows[row.Id] = row;
        Apply(row, result, []);
        foreach (var timer in result.ScheduledTimers) AddTimerRequest(row.Id, timer);
    }

    private async Task UpdateAsync(WorkflowInstance row, RunResult result, CancellationToken ct)
    {
        // Claim the instance first: its row-version check must run before this run's inserts (journal sequence
        // numbers, task ids derived from the instance), so two changes of one instance racing end in a
        // concurrency conflict for the later one (409, or a retried timer), never a duplicate key.
        db.Entry(row).Property(r => r.UpdatedAt).IsModified = true;
        await db.SaveChangesAsync(ct);
        var existing = await db.Bookmarks.Where(b => b.InstanceId == row.Id).ToListAsync(ct);
        Apply(row, result, existing);

        var cancelled = result.CancelledTasks.ToHashSet();
        if (cancelled.Count > 0)
        {
            foreach (var task in await db.HumanTasks.Where(t => cancelled.Contains(t.Id) && t.Status == HumanTaskStatus.Open).ToListAsync(ct))
            {
                task.MoveTo(HumanTaskStatus.Cancelled);
            }
        }

        if (result.CompletedTask is { } decision) await CompleteTaskAsync(decision, ct);
        if (result.AssignedTask is { } assignment) await AssignTaskAsync(assignment, ct);
        await HandTasksOnAsync(result.MovedTasks, ct);
        await ResolveIncidentsAsync(result.ResolvedIncidents, ct);
        await SetTimerStateAsync(result.CancelledTimers, TimerState.Cancelled, ct);

        // A timer handed back after a suspension already has its outbox row: it becomes pending again.
        var reissued = await SetTimerStateAsync(result.ScheduledTimers.Where(t => t.Reissued).Select(t => t.BookmarkId), TimerState.Pending, ct);
        foreach (var timer in result.ScheduledTimers.Where(t => reissued.All(r => r.Id != t.BookmarkId)))
        {
            AddTimerRequest(row.Id, timer);
        }
    }

    private async Task CompleteTaskAsync(TaskDecision decision, CancellationToken ct)
    {
        var task = db.HumanTasks.Local.FirstOrDefault(t => t.Id == decision.TaskId)
            ?? await db.HumanTasks.SingleAsync(t => t.Id == decision.TaskId, ct);
        task.MoveTo(HumanTaskStatus.Completed);
        task.Outcome = decision.Outcome;
        task.Reason = decision.Reason;
        task.CompletedBy = decision.By;
        task.CompletedAt = decision.At;
        task.ResultJson = (decision.Data ?? []).ToJsonString();
    }

    private async Task AssignTaskAsync(TaskAssignment assignment, CancellationToken ct)
    {
        var task = db.HumanTasks.Local.FirstOrDefault(t => t.Id == assignment.TaskId)
            ?? await db.HumanTasks.SingleAsync(t => t.Id == assignment.TaskId, ct);
        task.Assignee = assignment.Assignee;
    }

    /// <summary>Open tasks of an instance moved to another version: the same rows, now of the activity they landed on.</summary>
    private async Task HandTasksOnAsync(List<TaskMove> moves, CancellationToken ct)
    {
        if (moves.Count == 0) return;
        var ids = moves.Select(m => m.TaskId).ToHashSet();
        foreach (var task in await db.HumanTasks.Where(t => ids.Contains(t.Id)).ToListAsync(ct))
        {
            task.ActivityId = moves.Single(m => m.TaskId == task.Id).ActivityId;
        }
    }

    private async Task ResolveIncidentsAsync(List<IncidentRecord> resolved, CancellationToken ct)
    {
        if (resolved.Count == 0) return;
        var ids = resolved.Select(i => i.Id).ToHashSet();
        foreach (var incident in await db.Incidents.Where(i => ids.Contains(i.Id)).ToListAsync(ct))
        {
            var record = resolved.Single(r => r.Id == incident.Id);
            incident.ResolvedAt = record.ResolvedAt;
            incident.ResolvedBy = record.ResolvedBy;
        }
    }

    private void AddTimerRequest(Guid instanceId, TimerSpec timer)
    {
        var now = clock.GetUtcNow();
        db.TimerRequests.Add(new TimerRequest { Id = timer.BookmarkId, InstanceId = instanceId, DueAt = timer.DueAt, CreatedAt = now, UpdatedAt = now });
    }

    private async Task<List<TimerRequest>> SetTimerStateAsync(IEnumerable<string> bookmarkIds, TimerState state, CancellationToken ct)
    {
        var ids = bookmarkIds.ToHashSet(StringComparer.Ordinal);
        if (ids.Count == 0) return [];
        var rows = await db.TimerRequests.Where(t => ids.Contains(t.Id)).ToListAsync(ct);
        foreach (var row in rows) row.MoveTo(state, clock.GetUtcNow());

        return rows;
    }

    private void Apply(WorkflowInstance row, RunResult result, List<Persistence.Bookmark> existingBookmarks)
    {
        var state = result.State;
        var now = clock.GetUtcNow();
        row.StateJson = state.ToJson();
        row.Status = state.Status;
        // Changes only when the instance is moved to another version of its definition.
        row.Version = state.Version;
        row.UpdatedAt = now;
        row.CompletedAt = state.EndedAt;

        var wanted = state.Bookmarks.ToDictionary(b => b.Id, StringComparer.Ordinal);
        foreach (var gone in existingBookmarks.Where(b => !wanted.ContainsKey(b.Id))) db.Bookmarks.Remove(gone);
        // A wait kept across a move to another version now belongs to the activity it landed on.
        foreach (var stays in existingBookmarks.Where(b => wanted.ContainsKey(b.Id))) stays.ActivityId = wanted[stays.Id].ActivityId;
        var kept = existingBookmarks.Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var bookmark in state.Bookmarks.Where(b => !kept.Contains(b.Id)))
        {
            db.Bookmarks.Add(new Persistence.Bookmark
            {
                Id = bookmark.Id,
                InstanceId = row.Id,
                ActivityId = bookmark.ActivityId,
                Kind = bookmark.Kind,
                TaskId = bookmark.TaskId,
                DueAt = bookmark.DueAt,
                EventType = bookmark.EventType,
                EventKey = bookmark.EventKey,
                CreatedAt = now,
            });
        }

        foreach (var task in result.CreatedTasks) db.HumanTasks.Add(TaskRows.ToRow(task, row, now));
        foreach (var record in result.Journal)
        {
            db.JournalEntries.Add(new JournalEntry
            {
                InstanceId = row.Id,
                Sequence = record.Sequence,
                At = record.At,
                Type = record.Type,
                ActivityId = record.ActivityId,
                Outcome = record.Outcome,
                CauseKind = record.Cause.Kind,
                Actor = record.Cause.Actor ?? record.Cause.Reference,
                DataJson = record.Data.ToJsonString(),
            });
        }

        foreach (var incident in result.Incidents)
        {
            db.Incidents.Add(new Incident { Id = incident.Id, InstanceId = row.Id, ActivityId = incident.ActivityId, Message = incident.Message, At = incident.At });
        }
    }
}
