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
                    // The job before the row: a crash between the two leaves the row, and the next pass deletes again.
                    DeleteJob(request.JobId);
                    db.TimerRequests.Remove(request);
                    if (await TrySaveAsync(ct)) cancelled++;
                    continue;
                }

                // The job before the row: a crash between the two leaves the row pending, dispatched again, and the
                // second job is a no-op; the other order could leave a scheduled row with no job.
                var previousJob = request.JobId;
                request.JobId = Schedule(request);
                if (request.State == TimerState.Pending) request.MoveTo(TimerState.Scheduled, time.GetUtcNow());
                if (!await TrySaveAsync(ct)) continue;
                scheduled++;
                // A timer handed back (or dispatched again after a restart) has a new job: the old one goes.
                DeleteJob(previousJob);
            }
        }

        if (scheduled + cancelled > 0)
        {
            logger.LogInformation("Timer outbox: {Scheduled} scheduled, {Cancelled} cancelled.", scheduled, cancelled);
        }

        return new TimerDispatchResult(scheduled, cancelled);
    }

    private string Schedule(TimerRequest request)
    {
        var (instanceId, bookmarkId) = (request.InstanceId, request.Id);
        return request.DueAt > time.GetUtcNow()
            ? jobs.Schedule<TimerJob>(job => job.Fire(instanceId, bookmarkId, null, CancellationToken.None), request.DueAt)
            : jobs.Enqueue<TimerJob>(job => job.Fire(instanceId, bookmarkId, null, CancellationToken.None));
    }

    /// <summary>
    /// Deletes a job no timer needs any more. Housekeeping only (a job whose row is gone, cancelled or elsewhere fires
    /// nothing), so a storage that refuses it is logged and the pass goes on: the issue 10 load run found a failing
    /// unschedule aborting whole passes. A job the storage no longer knows (the embedded store after a restart) is a no-op.
    /// </summary>
    private void DeleteJob(string? jobId)
    {
        if (jobId is null) return;
        try
        {
            jobs.Delete(jobId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not delete the job {JobId} of a cancelled or re-dispatched timer; it will fire nothing.", jobId);
        }
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
