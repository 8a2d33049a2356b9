using CarePathway.Engine.Runtime;
using CarePathway.Server.Persistence;
using Hangfire;
using Hangfire.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CarePathway.Server.Scheduling;

/// <summary>
/// The Hangfire job behind every durable timer, in a DI scope of its own. Hangfire stores the type and method a job
/// calls, by name: <b>never rename or move this class, <see cref="Fire"/> or its parameters</b>, or timers already
/// stored stop running. The outbox row is the truth: a row that is gone, cancelled or fired fires nothing; a job that runs
/// before the row's due time (Hangfire keeps whole seconds and fires up to a second early) waits for it, or
/// reschedules itself when that is further away; it never resumes an instance early.
/// </summary>
public sealed class TimerJob(
    IServiceProvider services,
    CarePathwayDbContext db,
    SqliteWriter writer,
    IBackgroundJobClient jobs,
    TimeProvider time,
    IOptions<SchedulingOptions> options,
    ILogger<TimerJob> logger)
{
    /// <summary>How early a job may run and still wait in place for its due time instead of rescheduling itself.</summary>
    public static readonly TimeSpan MaxEarlyWait = TimeSpan.FromSeconds(5);

    /// <summary>Hangfire's job parameter holding how many retries a job has had (set by <see cref="AutomaticRetryAttribute"/>).</summary>
    private const string RetryCountParameter = "RetryCount";

    /// <summary>Hangfire substitutes <paramref name="context"/> and <paramref name="cancellationToken"/>; callers pass null and none.</summary>
    public async Task Fire(Guid instanceId, string bookmarkId, PerformContext? context, CancellationToken cancellationToken)
    {
        var request = await db.TimerRequests.AsNoTracking().SingleOrDefaultAsync(x => x.Id == bookmarkId, cancellationToken);
        // Gone or cancelled: its path no longer waits. Fired: another job of it (dispatched twice) delivered it.
        if (request is null || request.State is TimerState.Cancelled or TimerState.Fired)
        {
            logger.LogDebug("Timer {BookmarkId} is {State}; nothing to fire.", bookmarkId, request?.State.ToString() ?? "gone");
            return;
        }

        var early = request.DueAt - time.GetUtcNow();
        if (early > MaxEarlyWait)
        {
            var rescheduled = jobs.Schedule<TimerJob>(job => job.Fire(instanceId, bookmarkId, null, CancellationToken.None), request.DueAt);
            // The row's job is now this one, so a cancel deletes it; unless the row changed meanwhile (its own new job stands).
            await writer.WriteAsync(() => db.TimerRequests.Where(x => x.Id == request.Id && x.UpdatedAt == request.UpdatedAt)
                .ExecuteUpdateAsync(set => set.SetProperty(x => x.JobId, rescheduled), cancellationToken), cancellationToken);
            logger.LogInformation("Timer {BookmarkId} ran {Early} before its due time; rescheduled.", bookmarkId, early);
            return;
        }

        // A timer can wake a little before the clock says it should: wait until the clock agrees.
        for (; early > TimeSpan.Zero; early = request.DueAt - time.GetUtcNow())
            await Task.Delay(early + TimeSpan.FromMilliseconds(1), time, cancellationToken);

        var handler = services.GetService<ITimerFiredHandler>();
        if (handler is null)
        {
            logger.LogWarning("Timer {BookmarkId} of instance {InstanceId} fired but no ITimerFiredHandler is registered.", bookmarkId, instanceId);
            return;
        }

        try
        {
            await handler.HandleAsync(instanceId, bookmarkId, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsLastAttempt(context)
                                   && services.GetService<ITimerFailureHandler>() is { } failure)
        {
            logger.LogError(ex, "Timer {BookmarkId} of instance {InstanceId} failed on its last attempt; raising an incident.", bookmarkId, instanceId);
            await failure.HandleAsync(instanceId, bookmarkId, $"the timer {bookmarkId} could not be delivered after {options.Value.MaxRetries + 1} attempts: {ex.Message}", cancellationToken);
        }

        await MarkFiredAsync(request, cancellationToken);
    }

    private bool IsLastAttempt(PerformContext? context) =>
        (context?.GetJobParameter<int>(RetryCountParameter) ?? 0) >= options.Value.MaxRetries;

    /// <summary>States a row can be marked fired from (the engine's table).</summary>
    private static readonly TimerState[] FireableStates =
        [.. Enum.GetValues<TimerState>().Where(state => TimerStateTransitions.Table.CanBecome(state, TimerState.Fired))];

    /// <summary>
    /// Marks the row fired in one conditional update, only if it is as this run read it: a row handed back meanwhile
    /// (a resume reissued it while this run was refused) keeps its new state, so its new job still fires it.
    /// </summary>
    private async Task MarkFiredAsync(TimerRequest seen, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await writer.WriteAsync(() => db.TimerRequests
            .Where(x => x.Id == seen.Id && x.UpdatedAt == seen.UpdatedAt && FireableStates.Contains(x.State))
            .ExecuteUpdateAsync(set => set.SetProperty(x => x.State, TimerState.Fired).SetProperty(x => x.UpdatedAt, now), ct), ct);
    }
}
