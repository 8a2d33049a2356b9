using CarePathway.Server.Persistence;
using CarePathway.Server.Persistence.Configurations;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CarePathway.Server.Features.Events;

/// <summary>Configuration section <c>Delivery</c>: how the delivery outbox is swept.</summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "Delivery";

    /// <summary>How often the sweep looks for observations stored but not delivered (a crash, a race lost five times).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A delivery younger than this is left to the request that stored it, which is making it now.</summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Delivers what the requests could not: at start-up (observations stored before a crash) and then every
/// <see cref="DeliveryOptions.SweepInterval"/>. Each delivery is its own command, so one that fails is counted
/// on its row (<see cref="PendingDelivery.Attempts"/>, <see cref="PendingDelivery.LastError"/>) and tried again
/// at the next sweep, and the others go on.
/// </summary>
internal sealed class PendingDeliverySweep(IServiceScopeFactory scopes, TimeProvider clock, IOptions<DeliveryOptions> options, ILogger<PendingDeliverySweep> logger)
    : BackgroundService
{
    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        do
        {
            try
            {
                await SweepAsync(options.Value.Grace, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Sweeping the delivery outbox failed; will retry.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Delivers every pending delivery older than <paramref name="grace"/>; returns how many pathways it moved on.</summary>
    public async Task<int> SweepAsync(TimeSpan grace, CancellationToken ct)
    {
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var cutoff = clock.GetUtcNow() - grace;
            due = await scope.ServiceProvider.GetRequiredService<CarePathwayDbContext>().PendingDeliveries
                .Where(d => d.CreatedAt <= cutoff).OrderBy(d => d.CreatedAt).Select(d => d.Id).Take(BatchSize).ToListAsync(ct);
        }

        var resumed = 0;
        foreach (var recordId in due)
        {
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                resumed += await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new DeliverObservation(recordId), ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Delivering record {RecordId} failed; it stays in the outbox.", recordId);
                await CountFailureAsync(recordId, ex, ct);
            }
        }

        if (due.Count > 0) logger.LogInformation("Delivery outbox: {Due} delivered late, {Resumed} pathways moved on.", due.Count, resumed);
        return resumed;
    }

    private async Task CountFailureAsync(Guid recordId, Exception failure, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CarePathwayDbContext>();
        if (await db.PendingDeliveries.SingleOrDefaultAsync(d => d.Id == recordId, ct) is not { } delivery) return;
        var error = $"{failure.GetType().Name}: {failure.Message}";
        delivery.Attempts++;
        delivery.LastError = error.Length > PendingDeliveryConfiguration.LastErrorMaxLength ? error[..PendingDeliveryConfiguration.LastErrorMaxLength] : error;
        await scope.ServiceProvider.GetRequiredService<SqliteWriter>().WriteAsync(() => db.SaveChangesAsync(ct), ct);
    }
}
