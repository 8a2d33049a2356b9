using System.Collections.Concurrent;
using CarePathway.Engine.Execution;
using CarePathway.Server.Persistence;
using CarePathway.Server.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CarePathway.Server.Tests.Infrastructure;

/// <summary>Records every timer that fires.</summary>
public sealed class RecordingTimerHandler : ITimerFiredHandler
{
    public ConcurrentQueue<(Guid InstanceId, string BookmarkId)> Fired { get; } = new();

    public Task HandleAsync(Guid instanceId, string bookmarkId, CancellationToken ct)
    {
        Fired.Enqueue((instanceId, bookmarkId));
        return Task.CompletedTask;
    }

    public async Task<bool> WaitForAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Fired.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        return Fired.Count >= count;
    }
}

/// <summary>
/// The persistence and scheduling services as the server registers them, without the web host:
/// one instance is one "process". Dispose it to shut its scheduler down.
/// </summary>
public sealed class SchedulingHarness : IAsyncDisposable
{
    private readonly ServiceProvider services;

    public SchedulingHarness(DatabaseProvider provider, string connectionString, string schedulerName, ITimerFiredHandler handler, TimeSpan? misfireThreshold = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Scheduling:SchedulerName"] = schedulerName,
            ["Scheduling:MisfireThreshold"] = (misfireThreshold ?? TimeSpan.FromSeconds(60)).ToString(),
            ["Scheduling:ClusterCheckinInterval"] = "00:00:05",
        }).Build();
        var collection = new ServiceCollection();
        collection.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddSingleton<IHostEnvironment>(new TestHostEnvironment());
        collection.AddPersistence();
        collection.AddSingleton(new DatabaseSettings(provider, connectionString));
        collection.AddScheduling();
        collection.AddSingleton(handler);
        services = collection.BuildServiceProvider(validateScopes: true);
    }

    public IServiceProvider Services => services;

    public QuartzSchedulerHolder Holder => services.GetRequiredService<QuartzSchedulerHolder>();

    public async Task MigrateAsync() => await services.MigrateDatabaseAsync();

    public async Task<TimerDispatchResult> DispatchAsync()
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ITimerDispatcher>().DispatchPendingAsync(CancellationToken.None);
    }

    public async Task<T> WithDbAsync<T>(Func<CarePathwayDbContext, Task<T>> action)
    {
        await using var scope = services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<CarePathwayDbContext>());
    }

    /// <summary>Adds a patient, an instance and a pending timer request for it; returns the bookmark id.</summary>
    public Task<string> AddTimerRequestAsync(DateTimeOffset dueAt) => WithDbAsync(async db =>
    {
        var now = DateTimeOffset.UtcNow;
        var patient = new Patient { Id = Guid.NewGuid(), Mrn = "MRN-" + Guid.NewGuid().ToString("N")[..12], GivenName = "T", FamilyName = "T", Sex = PatientSex.Unknown, CreatedAt = now };
        var instance = new WorkflowInstance { Id = Guid.NewGuid(), DefinitionId = "test", Version = 1, PatientId = patient.Id, Status = InstanceStatus.Running, CreatedAt = now, UpdatedAt = now, CreatedBy = "test" };
        var bookmarkId = $"timer:{instance.Id:N}:wait";
        db.AddRange(patient, instance, new TimerRequest { Id = bookmarkId, InstanceId = instance.Id, DueAt = dueAt, CreatedAt = now, UpdatedAt = now });
        await db.SaveChangesAsync();
        return bookmarkId;
    });

    public async ValueTask DisposeAsync() => await services.DisposeAsync();

    private sealed class TestHostEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";
        public string ApplicationName { get; set; } = "CarePathway.Server.Tests";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
