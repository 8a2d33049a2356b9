using CarePathway.Engine.Runtime;
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
                .Where(x => x.State == TimerState.Pending || x.State == TimerState.Cancelled)
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
                if (request.State == TimerState.Pending)
                {
                    await ScheduleAsync(scheduler, request, time.GetUtcNow(), ct);
                    request.MoveTo(TimerState.Scheduled, time.GetUtcNow());
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

    /// <summary>
    /// Schedules a timer's job (its key is the bookmark id) unless a trigger of it will still fire: then
    /// it is scheduled already (a second dispatch, or a crash before the row was marked). A spent trigger
    /// can remain while its run finishes: a timer that came due during a suspension and was refused, then
    /// handed back by the resume. That timer gets a trigger of its own beside the spent one (which keeps
    /// the job alive when the run ends) instead of being taken for already scheduled and lost.
    /// </summary>
    private static async Task ScheduleAsync(IScheduler scheduler, TimerRequest request, DateTimeOffset now, CancellationToken ct)
    {
        var jobKey = TimerJob.KeyFor(request.Id);
        var existing = await scheduler.GetTriggersOfJob(jobKey, ct);
        if (existing.Any(t => t.GetNextFireTimeUtc() is not null)) return;

        var trigger = TriggerBuilder.Create()
            .WithIdentity(existing.Count == 0 ? request.Id : $"{request.Id}#reissue{existing.Count}", TimerJob.Group)
            .ForJob(jobKey)
            .StartAt(request.DueAt > now ? request.DueAt : now)
            .WithSimpleSchedule(s => s.WithMisfireHandlingInstructionFireNow())
            .Build();
        try
        {
            if (existing.Count > 0 && await TryAddTriggerAsync(scheduler, trigger, ct)) return;
            var job = JobBuilder.Create<TimerJob>()
                .WithIdentity(jobKey)
                .UsingJobData(TimerJob.InstanceIdKey, request.InstanceId.ToString())
                .UsingJobData(TimerJob.BookmarkIdKey, request.Id)
                .RequestRecovery()
                .Build();
            await scheduler.ScheduleJob(job, trigger, ct);
        }
        catch (JobPersistenceException ex) when (IsAlreadyExists(ex))
        {
            // Another request or node scheduled it meanwhile: same outcome.
        }
    }

    /// <summary>Adds a trigger to the job; false when the job went away meanwhile (its last run ended), so it must be scheduled anew.</summary>
    private static async Task<bool> TryAddTriggerAsync(IScheduler scheduler, ITrigger trigger, CancellationToken ct)
    {
        try
        {
            await scheduler.ScheduleJob(trigger, ct);
            return true;
        }
        catch (JobPersistenceException ex) when (!IsAlreadyExists(ex))
        {
            return false;
        }
    }

    private static bool IsAlreadyExists(JobPersistenceException ex) =>
        ex is ObjectAlreadyExistsException || ex.InnerException is ObjectAlreadyExistsException;

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
