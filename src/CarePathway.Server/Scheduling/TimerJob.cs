using CarePathway.Engine.Runtime;
using CarePathway.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace CarePathway.Server.Scheduling;

/// <summary>
/// The Quartz job behind every durable timer. Runs in its own DI scope (see
/// <see cref="ServiceProviderJobFactory"/>), calls <see cref="ITimerFiredHandler"/>, then marks the
/// outbox row fired (unless the handler already moved it on). When the handler throws, the timer
/// is tried again later (<see cref="SchedulingOptions.MaxRetries"/>, doubling delay).
/// </summary>
public sealed class TimerJob(
    IServiceProvider services,
    CarePathwayDbContext db,
    TimeProvider time,
    IOptions<SchedulingOptions> options,
    ILogger<TimerJob> logger) : IJob
{
    public const string Group = "carepathway-timers";
    public const string InstanceIdKey = "instanceId";
    public const string BookmarkIdKey = "bookmarkId";
    public const string AttemptKey = "attempt";

    /// <summary>The Quartz job key of a timer: the bookmark id in the timers group.</summary>
    public static JobKey KeyFor(string bookmarkId) => new(bookmarkId, Group);

    public async Task Execute(IJobExecutionContext context)
    {
        var data = context.MergedJobDataMap;
        var bookmarkId = data.GetString(BookmarkIdKey) ?? context.JobDetail.Key.Name;
        if (!Guid.TryParse(data.GetString(InstanceIdKey), out var instanceId))
        {
            logger.LogError("Timer job {JobKey} has no valid instance id; ignored.", context.JobDetail.Key);
            return;
        }

        var handler = services.GetService<ITimerFiredHandler>();
        if (handler is null)
        {
            logger.LogWarning("Timer {BookmarkId} of instance {InstanceId} fired but no ITimerFiredHandler is registered.", bookmarkId, instanceId);
            return;
        }

        try
        {
            await handler.HandleAsync(instanceId, bookmarkId, context.CancellationToken);
        }
        catch (Exception ex) when (!context.CancellationToken.IsCancellationRequested)
        {
            await ScheduleRetryAsync(context, bookmarkId, instanceId, ex);
            return;
        }

        await MarkFiredAsync(bookmarkId, context.CancellationToken);
    }

    private async Task MarkFiredAsync(string bookmarkId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var request = await db.TimerRequests.SingleOrDefaultAsync(x => x.Id == bookmarkId, ct);
        if (request is null || !TimerStateTransitions.Table.CanBecome(request.State, TimerState.Fired))
        {
            return;
        }

        request.MoveTo(TimerState.Fired, time.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Deleted meanwhile: nothing to mark.
        }
    }

    private async Task ScheduleRetryAsync(IJobExecutionContext context, string bookmarkId, Guid instanceId, Exception error)
    {
        var attempt = int.TryParse(context.Trigger.JobDataMap.GetString(AttemptKey), out var a) ? a : 0;
        var settings = options.Value;
        if (attempt >= settings.MaxRetries)
        {
            logger.LogError(error, "Timer {BookmarkId} of instance {InstanceId} failed {Attempts} times; giving up.", bookmarkId, instanceId, attempt + 1);
            throw new JobExecutionException(error, refireImmediately: false);
        }

        var delay = settings.RetryDelay * Math.Pow(2, attempt);
        var retry = TriggerBuilder.Create()
            .WithIdentity($"{bookmarkId}#retry{attempt + 1}", Group)
            .ForJob(context.JobDetail.Key)
            .UsingJobData(AttemptKey, (attempt + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))
            .StartAt(time.GetUtcNow() + delay)
            .WithSimpleSchedule(s => s.WithMisfireHandlingInstructionFireNow())
            .Build();
        logger.LogWarning(error, "Timer {BookmarkId} of instance {InstanceId} failed; retry {Attempt} in {Delay}.", bookmarkId, instanceId, attempt + 1, delay);
        await context.Scheduler.ScheduleJob(retry, context.CancellationToken);
    }
}
