using CarePathway.Server.Persistence;
using Microsoft.Extensions.Options;
using Quartz;
using Quartz.Impl.AdoJobStore;

namespace CarePathway.Server.Scheduling;

/// <summary>
/// Builds the one Quartz scheduler of this process, lazily, with the persistent job store on the
/// server's own database (QRTZ_ tables created by our migrations). Quartz is used as its core
/// package only: SchedulerBuilder, our JSON serializer and our DI job factory.
/// </summary>
public sealed class QuartzSchedulerHolder(
    DatabaseSettings database,
    IOptions<SchedulingOptions> options,
    IServiceScopeFactory scopes,
    ILogger<QuartzSchedulerHolder> logger) : IAsyncDisposable
{
    public const string TablePrefix = "QRTZ_";

    private readonly SemaphoreSlim gate = new(1, 1);
    private IScheduler? scheduler;

    public async Task<IScheduler> GetSchedulerAsync(CancellationToken ct = default)
    {
        if (scheduler is not null)
        {
            return scheduler;
        }

        await gate.WaitAsync(ct);
        try
        {
            scheduler ??= await BuildAsync(ct);
            return scheduler;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<IScheduler> BuildAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var clustered = settings.Clustered ?? database.Provider == DatabaseProvider.Postgres;
        if (clustered && database.Provider == DatabaseProvider.Sqlite)
        {
            throw new InvalidOperationException("Scheduling:Clustered needs PostgreSQL; SQLite is single-node.");
        }

        // Quartz keeps data sources in a process-wide registry by name: one per scheduler name.
        var dataSourceName = "carepathway-" + settings.SchedulerName;
        var instanceId = clustered ? settings.InstanceId : (settings.InstanceId == "AUTO" ? "NON_CLUSTERED" : settings.InstanceId);
        var builder = SchedulerBuilder.Create(instanceId, settings.SchedulerName)
            .UseDefaultThreadPool(pool => pool.MaxConcurrency = settings.MaxConcurrency)
            .WithMisfireThreshold(settings.MisfireThreshold)
            .UsePersistentStore(store =>
            {
                store.UseProperties = true;
                store.PerformSchemaValidation = true;
                store.UseSerializer<JsonObjectSerializer>();
                if (database.Provider == DatabaseProvider.Sqlite)
                {
                    store.UseMicrosoftSQLite(ado =>
                    {
                        ado.ConnectionString = database.ConnectionString;
                        ado.TablePrefix = TablePrefix;
                    }, dataSourceName);
                }
                else
                {
                    store.UseGenericDatabase("Npgsql", ado =>
                    {
                        ado.ConnectionString = database.ConnectionString;
                        ado.TablePrefix = TablePrefix;
                        ado.UseDriverDelegate<PostgreSQLDelegate>();
                    }, dataSourceName);
                }

                if (clustered)
                {
                    store.UseClustering(cluster =>
                    {
                        cluster.CheckinInterval = settings.ClusterCheckinInterval;
                        cluster.CheckinMisfireThreshold = settings.ClusterCheckinInterval * 2;
                    });
                }
            });

        var built = await builder.BuildScheduler();
        built.JobFactory = new ServiceProviderJobFactory(scopes);
        logger.LogInformation(
            "Quartz scheduler {Name} ({Provider}, clustered: {Clustered}) built.", settings.SchedulerName, database.Provider, clustered);
        return built;
    }

    /// <summary>Shuts the scheduler down (waiting for running jobs). A later <see cref="GetSchedulerAsync"/> builds a new one.</summary>
    public async Task ShutdownAsync(CancellationToken ct = default)
    {
        // The host's stop and the container's disposal can both arrive; the second has nothing to do.
        if (disposed) return;
        await gate.WaitAsync(ct);
        try
        {
            if (scheduler is { IsShutdown: false })
            {
                await scheduler.Shutdown(waitForJobsToComplete: true, ct);
            }

            scheduler = null;
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed) return;
        await ShutdownAsync();
        disposed = true;
        gate.Dispose();
    }

    private volatile bool disposed;
}
