using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Microsoft.Extensions.Options;

namespace CarePathway.Server.Scheduling;

/// <summary>
/// Runs this node's Hangfire server with the host. At start-up it dispatches the timer outbox first (requests committed
/// before a crash; on the in-memory storage every unfired timer, which that storage forgot), registers the recurring
/// jobs, then starts the server; afterwards it dispatches again after every commit that touched timer requests
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
        MaintenanceJobs.Register(recurring);
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

    private async Task DispatchAsync(bool redispatchScheduled, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ITimerDispatcher>().DispatchPendingAsync(redispatchScheduled, ct);
    }
}
