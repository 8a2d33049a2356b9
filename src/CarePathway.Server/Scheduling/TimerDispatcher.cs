using CarePathway.Engine.Runtime;
using CarePathway.Server.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Scheduling;

/// <inheritdoc />
internal sealed class TimerDispatcher(
    CarePathwayDbContext db,
    SqliteWriter writer,
    IBackgroundJobClient jobs,
    DispatchGate gate,
    TimeProvider time,
    ILogger<TimerDispatcher> logger) : ITimerDispatcher
{
    private const int BatchSize = 200;

    public async Task<TimerDispatchResult> DispatchPendingAsync(bool redispatchScheduled, CancellationToken ct)
    {
        await using var _ = await gate.EnterAsync(ct);
        int scheduled = 0, cancelled = 0;
        // Keyset paging by (DueAt, Id): re-dispatched scheduled rows stay in the filter, so paging must move past them.
        DateTimeOffset? afterDue = null;
        var afterId = "";
        while (true)
        {
            db.ChangeTracker.Clear();
            var query = db.TimerRequests.Where(x => x.State == TimerState.Pending || x.State == TimerState.Cancelled
                                                    || (redispatchScheduled && x.State == TimerState.Scheduled));
            if (afterDue is { } due)
                query = query.Where(x => x.DueAt > due || (x.DueAt == due && string.Compare(x.Id, afterId) > 0));
            var batch = await query.OrderBy(x => x.DueAt).ThenBy(x => x.Id).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0) break;
            (afterDue, afterId) = (batch[^1].DueAt, batch[^1].Id);

            foreach (var request in batch)
            {
                if (request.State == TimerState.Cancelled)
                {
                    db.TimerRequests.Remove(request);
                    if (await TrySaveAsync(ct)) cancelled++;
                    continue;
                }

                // The job before the row: a crash between the two leaves the row pending, dispatched again, and the
                // second job is a no-op; the other order could leave a scheduled row with no job.
                Schedule(request);
                if (request.State == TimerState.Pending) request.MoveTo(TimerState.Scheduled, time.GetUtcNow());
                if (await TrySaveAsync(ct)) scheduled++;
            }
        }

        if (scheduled + cancelled > 0)
        {
            logger.LogInformation("Timer outbox: {Scheduled} scheduled, {Cancelled} cancelled.", scheduled, cancelled);
        }

        return new TimerDispatchResult(scheduled, cancelled);
    }

    private void Schedule(TimerRequest request)
    {
        var (instanceId, bookmarkId) = (request.InstanceId, request.Id);
        if (request.DueAt > time.GetUtcNow())
            jobs.Schedule<TimerJob>(job => job.Fire(instanceId, bookmarkId, null, CancellationToken.None), request.DueAt);
        else
            jobs.Enqueue<TimerJob>(job => job.Fire(instanceId, bookmarkId, null, CancellationToken.None));
    }

    private async Task<bool> TrySaveAsync(CancellationToken ct)
    {
        try
        {
            await writer.WriteAsync(() => db.SaveChangesAsync(ct), ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            // The row changed or went away under us (another dispatcher); the next sweep sees its current state.
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
