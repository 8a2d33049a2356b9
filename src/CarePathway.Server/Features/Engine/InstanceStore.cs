using System.Text.Json;
using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Engine;

/// <summary>
/// Loads instances and writes what a run produced: state, bookmarks, tasks, journal, incidents and
/// timer requests, all through the one context, so they reach the database in the same
/// SaveChanges (inside the command's transaction).
/// </summary>
internal sealed class InstanceStore(CarePathwayDbContext db, TimeProvider clock)
{
    public async Task<(WorkflowInstance Row, InstanceState State)> LoadAsync(Guid instanceId, CancellationToken ct)
    {
        var row = await db.WorkflowInstances.SingleOrDefaultAsync(i => i.Id == instanceId, ct)
            ?? throw new NotFoundException($"instance {instanceId}");
        return (row, InstanceState.FromJson(row.StateJson));
    }

    public WorkflowInstance Add(RunResult result, string createdBy)
    {
        var now = clock.GetUtcNow();
        var row = new WorkflowInstance
        {
            Id = result.State.InstanceId,
            DefinitionId = result.State.DefinitionId,
            Version = result.State.Version,
            PatientId = result.State.PatientId,
            CreatedAt = now,
            CreatedBy = createdBy,
        };
        db.WorkflowInstances.Add(row);
        Apply(row, result, []);
        foreach (var timer in result.ScheduledTimers) AddTimerRequest(row.Id, timer);
        return row;
    }

    /// <summary>Applies a run's effects to the tracked rows; the caller saves.</summary>
    public async Task ApplyAsync(WorkflowInstance row, RunResult result, CancellationToken ct)
    {
        if (!result.Applied) return;
        // Claim the instance first: its row-version check must run before this run's inserts
        // (journal sequence numbers, task ids derived from the instance), so two changes of one
        // instance racing end in a DbUpdateConcurrencyException (409, or a retried timer) for the
        // later one, never a duplicate key.
        db.Entry(row).Property(r => r.UpdatedAt).IsModified = true;
        await db.SaveChangesAsync(ct);
        var existing = await db.Bookmarks.Where(b => b.InstanceId == row.Id).ToListAsync(ct);
        Apply(row, result, existing);
        var cancelled = result.CancelledTasks.ToHashSet();
        if (cancelled.Count > 0)
        {
            foreach (var task in await db.HumanTasks.Where(t => cancelled.Contains(t.Id) && t.Status == HumanTaskStatus.Open).ToListAsync(ct))
            {
                task.Status = HumanTaskStatus.Cancelled;
            }
        }

        await SetTimerStateAsync(result.CancelledTimers, TimerRequestState.Cancelled, ct);

        // A timer handed back after a suspension already has its outbox row: it becomes pending again.
        var reissued = await SetTimerStateAsync(result.ScheduledTimers.Where(t => t.Reissued).Select(t => t.BookmarkId), TimerRequestState.Pending, ct);
        foreach (var timer in result.ScheduledTimers.Where(t => reissued.All(r => r.Id != t.BookmarkId)))
        {
            AddTimerRequest(row.Id, timer);
        }
    }

    private void AddTimerRequest(Guid instanceId, TimerSpec timer)
    {
        var now = clock.GetUtcNow();
        db.TimerRequests.Add(new TimerRequest { Id = timer.BookmarkId, InstanceId = instanceId, DueAt = timer.DueAt, State = TimerRequestState.Pending, CreatedAt = now, UpdatedAt = now });
    }

    private async Task<List<TimerRequest>> SetTimerStateAsync(IEnumerable<string> bookmarkIds, string state, CancellationToken ct)
    {
        var ids = bookmarkIds.ToHashSet(StringComparer.Ordinal);
        if (ids.Count == 0) return [];
        var rows = await db.TimerRequests.Where(t => ids.Contains(t.Id)).ToListAsync(ct);
        foreach (var row in rows)
        {
            row.State = state;
            row.UpdatedAt = clock.GetUtcNow();
        }

        return rows;
    }

    private void Apply(WorkflowInstance row, RunResult result, List<Persistence.Bookmark> existingBookmarks)
    {
        var state = result.State;
        var now = clock.GetUtcNow();
        row.StateJson = state.ToJson();
        row.Status = state.Status;
        row.UpdatedAt = now;
        row.CompletedAt = state.EndedAt;

        var wanted = state.Bookmarks.ToDictionary(b => b.Id, StringComparer.Ordinal);
        foreach (var gone in existingBookmarks.Where(b => !wanted.ContainsKey(b.Id))) db.Bookmarks.Remove(gone);
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

        foreach (var task in result.CreatedTasks) db.HumanTasks.Add(ToRow(task, row, now));
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

    private static HumanTask ToRow(TaskSpec task, WorkflowInstance instance, DateTimeOffset now) => new()
    {
        Id = task.Id,
        InstanceId = instance.Id,
        PatientId = instance.PatientId,
        Kind = task.Kind,
        ActivityId = task.ActivityId,
        Role = task.Role,
        Title = task.Title,
        Instructions = task.Instructions,
        FormJson = task.Form.ToJsonString(),
        OutcomesJson = JsonSerializer.Serialize(new TaskOutcomes(task.Outcomes, task.ReasonRequiredFor)),
        DefaultOutcome = task.DefaultOutcome,
        DueAt = task.DueAt,
        LabHold = task.LabHold,
        Status = HumanTaskStatus.Open,
        EvidenceJson = task.Evidence.ToJsonString(),
        BookmarkId = task.BookmarkId,
        CreatedAt = now,
    };
}

/// <summary>What a task row stores about its choices: the outcomes and which of them need a reason.</summary>
internal sealed record TaskOutcomes(IReadOnlyList<string> Outcomes, IReadOnlyList<string> ReasonRequiredFor)
{
    public static TaskOutcomes Read(string json) =>
        JsonSerializer.Deserialize<TaskOutcomes>(json) ?? new TaskOutcomes([], []);
}
