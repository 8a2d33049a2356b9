using CarePathway.Engine.Runtime;
using CarePathway.Server.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CarePathway.Server.Scheduling;

/// <summary>
/// The recurring jobs of the timer outbox, registered at start-up by every node (Hangfire runs each occurrence on one).
/// Hangfire stores the type and method a recurring job calls, by name: <b>never rename or move this class or its
/// methods</b>, nor change <see cref="OutboxSweepId"/> or <see cref="FiredTimerPurgeId"/>.
/// </summary>
public sealed class MaintenanceJobs(
    ITimerDispatcher dispatcher,
    CarePathwayDbContext db,
    SqliteWriter writer,
    TimeProvider time,
    IOptions<SchedulingOptions> options,
    ILogger<MaintenanceJobs> logger)
{
    public const string OutboxSweepId = "timer-outbox-sweep";
    public const string FiredTimerPurgeId = "fired-timer-purge";

    /// <summary>Registers (or updates) both recurring jobs.</summary>
    public static void Register(IRecurringJobManager recurring)
    {
        recurring.AddOrUpdate<MaintenanceJobs>(OutboxSweepId, job => job.SweepTimerOutbox(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<MaintenanceJobs>(FiredTimerPurgeId, job => job.PurgeFiredTimers(CancellationToken.None), Cron.Hourly());
    }

    /// <summary>
    /// The safety net behind the in-process signal: dispatches what a node committed but did not dispatch (it died
    /// first, and may never come back), on whichever node runs it.
    /// </summary>
    public async Task SweepTimerOutbox(CancellationToken cancellationToken) =>
        await dispatcher.DispatchPendingAsync(redispatchScheduled: false, cancellationToken);

    /// <summary>Deletes fired timer rows older than <see cref="SchedulingOptions.FiredTimerRetention"/>; the journal keeps the history.</summary>
    public async Task PurgeFiredTimers(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - options.Value.FiredTimerRetention;
        var purged = await writer.WriteAsync(() => db.TimerRequests
            .Where(x => x.State == TimerState.Fired && x.UpdatedAt < before)
            .ExecuteDeleteAsync(cancellationToken), cancellationToken);
        if (purged > 0) logger.LogInformation("Purged {Count} fired timer rows older than {Before}.", purged, before);
    }
}
