using System.Collections.Concurrent;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Runtime;
using CarePathway.Server.Persistence;
using CarePathway.Server.Scheduling;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CarePathway.Server.Tests.Infrastructure;

/// <summary>Records every timer that fires, and when.</summary>
public sealed class RecordingTimerHandler : ITimerFiredHandler
{
    public ConcurrentQueue<(Guid InstanceId, string BookmarkId, DateTimeOffset At)> Fired { get; } = new();

    public Task HandleAsync(Guid instanceId, string bookmarkId, CancellationToken ct)
    {
        Fired.Enqueue((instanceId, bookmarkId, DateTimeOffset.UtcNow));
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
/// one instance is one "process" (on SQLite with its own in-memory job storage, as a restarted
/// server has). <see cref="StartAsync"/> starts its job server; dispose it to stop it.
/// </summary>
public sealed class SchedulingHarness : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private bool started;

    public SchedulingHarness(DatabaseProvider provider, string connectionString, ITimerFiredHandler handler)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            // One worker: two jobs of one timer run one after the other, so the second finds it fired. (Run at once on
            // several workers or nodes, both reach the engine, which resumes a bookmark once: the server's tests show that.)
            ["Scheduling:WorkerCount"] = "1",
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

    /// <summary>Hangfire's scheduled (delayed) jobs in this process's job storage.</summary>
    public long ScheduledJobs => services.GetRequiredService<JobStorage>().GetMonitoringApi().ScheduledCount();

    public async Task MigrateAsync() => await services.MigrateDatabaseAsync();

    /// <summary>What the host does at start-up: dispatch the outbox, then start the job server.</summary>
    public async Task StartAsync()
    {
        foreach (var hosted in services.GetServices<IHostedService>()) await hosted.StartAsync(CancellationToken.None);
        started = true;
    }

    public async Task<TimerDispatchResult> DispatchAsync()
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ITimerDispatcher>().DispatchPendingAsync(redispatchScheduled: false, CancellationToken.None);
    }

    /// <summary>Runs a timer's job body now, as Hangfire does when it fires the job (early, if the timer is not due yet).</summary>
    public async Task FireJobAsync(Guid instanceId, string bookmarkId)
    {
        await using var scope = services.CreateAsyncScope();
        await ActivatorUtilities.CreateInstance<TimerJob>(scope.ServiceProvider).Fire(instanceId, bookmarkId, null, CancellationToken.None);
    }

    public async Task<T> WithDbAsync<T>(Func<CarePathwayDbContext, Task<T>> action)
    {
        await using var scope = services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<CarePathwayDbContext>());
    }

    /// <summary>Adds a patient, an instance and a pending timer request for it; returns the instance and bookmark ids.</summary>
    public Task<(Guid InstanceId, string BookmarkId)> AddTimerAsync(DateTimeOffset dueAt) => WithDbAsync(async db =>
    {
        var now = DateTimeOffset.UtcNow;
        var patient = new Patient { Id = Guid.NewGuid(), Mrn = "MRN-" + Guid.NewGuid().ToString("N")[..12], GivenName = "T", FamilyName = "T", Sex = PatientSex.Unknown, CreatedAt = now };
        var instance = new WorkflowInstance { Id = Guid.NewGuid(), DefinitionId = "test", Version = 1, PatientId = patient.Id, Status = InstanceStatus.Running, CreatedAt = now, UpdatedAt = now, CreatedBy = "test" };
        var bookmarkId = $"timer:{instance.Id:N}:wait";
        db.AddRange(patient, instance, new TimerRequest { Id = bookmarkId, InstanceId = instance.Id, DueAt = dueAt, CreatedAt = now, UpdatedAt = now });
        await db.SaveChangesAsync();
        return (instance.Id, bookmarkId);
    });

    /// <summary>Adds a timer as <see cref="AddTimerAsync"/>; returns its bookmark id.</summary>
    public async Task<string> AddTimerRequestAsync(DateTimeOffset dueAt) => (await AddTimerAsync(dueAt)).BookmarkId;

    /// <summary>Moves a row as the features layer does (through <see cref="TimerRequest.MoveTo"/>, which stamps it).</summary>
    public Task MoveAsync(string bookmarkId, TimerState state) => WithDbAsync(async db =>
    {
        var row = await db.TimerRequests.SingleAsync(x => x.Id == bookmarkId);
        row.MoveTo(state, DateTimeOffset.UtcNow);
        return await db.SaveChangesAsync();
    });

    public async ValueTask DisposeAsync()
    {
        if (started)
        {
            foreach (var hosted in services.GetServices<IHostedService>().Reverse()) await hosted.StopAsync(CancellationToken.None);
        }

        await services.DisposeAsync();
    }

    private sealed class TestHostEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";
        public string ApplicationName { get; set; } = "CarePathway.Server.Tests";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
