using CarePathway.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace CarePathway.Server.Scheduling;

/// <inheritdoc />
internal sealed class TimerDispatcher(
    CarePathwayDbContext db,
    QuartzSchedulerHolder schedulerHolder,
    TimeProvider time,
    ILogger<TimerDispatcher> logger) : ITimerDispatcher
{
    private const int BatchSize = 200;

    public async Task<TimerDispatchResult> DispatchPendingAsync(CancellationToken ct)
    {
        var scheduler = await schedulerHolder.GetSchedulerAsync(ct);
        int scheduled = 0, cancelled = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            db.ChangeTracker.Clear();
            var batch = await db.TimerRequests
                .Where(x => x.State == TimerRequestState.Pending || x.State == TimerRequestState.Cancelled)
                .OrderBy(x => x.DueAt)
                .Take(BatchSize)
                .ToListAsync(ct);
            batch.RemoveAll(x => !seen.Add(x.Id));
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var request in batch)
            {
                if (request.State == TimerRequestState.Pending)
                {
                    await ScheduleAsync(scheduler, request, ct);
                    request.State = TimerRequestState.Scheduled;
                    request.UpdatedAt = time.GetUtcNow();
                    if (await TrySaveAsync(ct))
                    {
                        scheduled++;
                    }
                }
                else
                {
                    await scheduler.DeleteJob(TimerJob.KeyFor(request.Id), ct);
                    db.TimerRequests.Remove(request);
                    if (await TrySaveAsync(ct))
                    {
                        cancelled++;
                    }
                }
            }
        }

        if (scheduled + cancelled > 0)
        {
            logger.LogInformation("Timer outbox: {Scheduled} scheduled, {Cancelled} cancelled.", scheduled, cancelled);
        }

        return new TimerDispatchResult(scheduled, cancelled);
    }

    private async Task ScheduleAsync(IScheduler scheduler, TimerRequest request, CancellationToken ct)
    {
        var jobKey = TimerJob.KeyFor(request.Id);
        if (await scheduler.CheckExists(jobKey, ct))
        {
            return;
        }

        var now = time.GetUtcNow();
        var job = JobBuilder.Create<TimerJob>()
            .WithIdentity(jobKey)
            .UsingJobData(TimerJob.InstanceIdKey, request.InstanceId.ToString())
            .UsingJobData(TimerJob.BookmarkIdKey, request.Id)
            .RequestRecovery()
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(request.Id, TimerJob.Group)
            .ForJob(jobKey)
            .StartAt(request.DueAt > now ? request.DueAt : now)
            .WithSimpleSchedule(s => s.WithMisfireHandlingInstructionFireNow())
            .Build();
        try
        {
            await scheduler.ScheduleJob(job, trigger, ct);
        }
        catch (JobPersistenceException ex) when (ex is ObjectAlreadyExistsException || ex.InnerException is ObjectAlreadyExistsException)
        {
            // Another request or node scheduled it between CheckExists and here: same outcome.
        }
    }

    private async Task<bool> TrySaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
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
