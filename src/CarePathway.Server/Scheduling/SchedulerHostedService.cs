using Microsoft.Extensions.Options;

namespace CarePathway.Server.Scheduling;

/// <summary>
/// Starts the Quartz scheduler with the host and shuts it down with it. At start-up it dispatches
/// the outbox (requests committed before a crash get scheduled now), then dispatches again after
/// every commit that touched timer requests (<see cref="TimerOutboxSignal"/>) and every
/// <see cref="SchedulingOptions.OutboxPollInterval"/> as a safety net.
/// </summary>
internal sealed class SchedulerHostedService(
    QuartzSchedulerHolder holder,
    IServiceScopeFactory scopes,
    TimerOutboxSignal signal,
    TimeProvider time,
    IOptions<SchedulingOptions> options,
    ILogger<SchedulerHostedService> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            logger.LogInformation("Scheduling is disabled (Scheduling:Enabled=false).");
            return;
        }

        var scheduler = await holder.GetSchedulerAsync(cancellationToken);
        await DispatchAsync(cancellationToken);
        await scheduler.Start(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await signal.WaitAsync(options.Value.OutboxPollInterval, time, stoppingToken);
                await DispatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Dispatching the timer outbox failed; will retry.");
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await holder.ShutdownAsync(cancellationToken);
    }

    private async Task DispatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ITimerDispatcher>().DispatchPendingAsync(ct);
    }
}
