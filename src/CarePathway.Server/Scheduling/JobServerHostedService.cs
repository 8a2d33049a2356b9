using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Microsoft.Extensions.Options;

namespace CarePathway.Server.Scheduling;

/// <summary>
/// Runs this node's Hangfire server with the host. At start-up it dispatches the timer outbox first (requests committed
/// before a crash; on the in-memory storage every unfired timer, which that storage forgot), then starts the server and
/// registers the recurring jobs; afterwards it dispatches again after every commit that touched timer requests
/// (<see cref="TimerOutboxSignal"/>), so a timer a request asked for is handed to Hangfire at once. The recurring
/// outbox sweep is the safety net across nodes. Stopping waits for running jobs (Hangfire's shutdown timeout).
/// </summary>
internal sealed class JobServerHostedService(
    JobStorage storage,
    IJobFilterProvider filters,
    IRecurringJobManager recurring,
    IServiceScopeFactory scopes,
    JobStorageFactory storageFactory,
    TimerOutboxSignal signal,
    IOptions<SchedulingOptions> options,
    ILogger<JobServerHostedService> logger) : BackgroundService
{
    private BackgroundJobServer? server;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            logger.LogInformation("Scheduling is disabled (Scheduling:Enabled=false).");
            return;
        }

        await DispatchAsync(storageFactory.IsVolatile, cancellationToken);
        server = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            WorkerCount = settings.WorkerCount,
            SchedulePollingInterval = settings.SchedulePollInterval,
            Activator = new AspNetCoreJobActivator(scopes),
            FilterProvider = filters,
        }, storage);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RegisterRecurringJobsAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await signal.WaitAsync(stoppingToken);
                await DispatchAsync(redispatchScheduled: false, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The recurring sweep picks up what this missed.
                logger.LogError(ex, "Dispatching the timer outbox failed.");
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // The host's stop and the app's own RunAsync can both stop it: the first takes the server, the second has nothing to do.
        if (Interlocked.Exchange(ref server, null) is not { } running) return;
        running.SendStop();
        await running.WaitForShutdownAsync(cancellationToken);
        running.Dispose();
    }

    /// <summary>
    /// Registers the recurring jobs, trying again until it succeeds: registering takes a lock in the job storage, which a
    /// node killed while holding it keeps until <see cref="SchedulingOptions.InvisibilityTimeout"/> has passed. The node
    /// serves meanwhile; the recurring jobs other nodes registered run as before.
    /// </summary>
    private async Task RegisterRecurringJobsAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                MaintenanceJobs.Register(recurring);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Registering the recurring jobs failed; trying again.");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
        }
    }

    private async Task DispatchAsync(bool redispatchScheduled, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ITimerDispatcher>().DispatchPendingAsync(redispatchScheduled, ct);
    }
}
