using System.Text.Json.Nodes;
using CarePathway.Engine.Activities;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Patients;
using CarePathway.Engine.Runtime;
using CarePathway.Engine.Simulation;
using CarePathway.Engine.Validation;
using CarePathway.Server.Features.Engine;
using CarePathway.Server.Persistence;
using CarePathway.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CarePathway.Server.Tests.Features;

/// <summary>
/// One scenario run twice with the same world (its events and answers, in virtual time): once in memory, as
/// `simulate` runs it, and once on the server's own runtime registration over a real database, each call in its
/// own transaction as a command is. The journals must agree entry by entry: there is one host loop, not two.
/// </summary>
public abstract class RuntimeParityTests
{
    protected abstract Task<string> NewDatabaseAsync();

    protected abstract DatabaseProvider Provider { get; }

    [Theory]
    [InlineData("crmo-pamidronate.example1.json")]
    [InlineData("crmo-pamidronate.override.json")]
    [InlineData("sample-nsaid-review.escalate.json")]
    [InlineData("adult-osteoporosis-iv.ibandronate-early-start.json")]
    public async Task A_scenario_journals_the_same_entries_in_memory_and_on_the_servers_database(string scenarioFile)
    {
        // Each run reads the scenario afresh: its answer book remembers which answers it has given.
        var text = await File.ReadAllTextAsync(RepositoryPaths.Of("tests", "scenarios", scenarioFile));
        var scenario = ScenarioReader.Read(text);
        var definition = ShippedDefinition(scenario.Pathway);

        var memoryClock = new VirtualClock(scenario.Start);
        var memory = new InMemorySimulationHost(memoryClock);
        var inMemory = await Simulator.RunAsync(scenario, definition, memory, memoryClock, CancellationToken.None);

        var databaseClock = new VirtualClock(scenario.Start);
        await using var database = await DatabaseHost.CreateAsync(Provider, await NewDatabaseAsync(), databaseClock);
        var onDatabase = await Simulator.RunAsync(ScenarioReader.Read(text), definition, database, databaseClock, CancellationToken.None);

        var expected = memory.Store.Journal;
        var stored = await database.JournalAsync(onDatabase.FinalState.InstanceId);
        Assert.True(expected.Count > 20, $"the scenario should exercise the pathway; it journaled {expected.Count} entries");
        for (var i = 0; i < Math.Min(expected.Count, stored.Count); i++)
        {
            var (want, got) = (expected[i], stored[i]);
            Assert.Equal((want.Sequence, want.At, want.Type, want.ActivityId, want.Outcome, want.Cause.Kind, want.Cause.Actor ?? want.Cause.Reference),
                (got.Sequence, got.At, got.Type, got.ActivityId, got.Outcome, got.CauseKind, got.Actor));
            Assert.True(JsonNode.DeepEquals(want.Data, JsonNode.Parse(got.DataJson)),
                $"entry {want.Sequence} ({want.Type}) differs:\n in memory: {want.Data.ToJsonString()}\n stored:    {got.DataJson}");
        }

        Assert.Equal(expected.Count, stored.Count);
        Assert.Equal(inMemory.Status, onDatabase.Status);
        Assert.True(JsonNode.DeepEquals(inMemory.Timeline, onDatabase.Timeline), "the timelines differ");
    }

    private static CompiledDefinition ShippedDefinition(string pathway)
    {
        var files = DefinitionFiles.Load(RepositoryPaths.Of("workflows"), new DefinitionValidator(ActivityCatalog.Default));
        var definition = files.Select(f => f.Definition).OfType<WorkflowDefinition>().Where(d => d.DefinitionId == pathway).MaxBy(d => d.Version)!;
        return new CompiledDefinition(definition, ActivityCatalog.Default);
    }

    /// <summary>
    /// The server's registrations (persistence, the engine and its EF ports) on a database, with the scenario's
    /// clock; every runtime call in a scope and a transaction of its own, as <c>TransactionBehavior</c> runs a command.
    /// </summary>
    private sealed class DatabaseHost : ISimulationHost, IAsyncDisposable
    {
        private readonly ServiceProvider _services;

        private DatabaseHost(ServiceProvider services) => _services = services;

        public static async Task<DatabaseHost> CreateAsync(DatabaseProvider provider, string connectionString, TimeProvider clock)
        {
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
            services.AddPersistence();
            services.AddSingleton(new DatabaseSettings(provider, connectionString));
            services.AddSingleton(clock);
            services.AddEngine();
            var host = new DatabaseHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true }));
            await host._services.MigrateDatabaseAsync();
            return host;
        }

        public async Task<Guid> PrepareAsync(CompiledDefinition definition, PatientContext patient, CancellationToken ct)
        {
            await using var scope = _services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CarePathwayDbContext>();
            var at = patient.Measurements.Select(m => m.MeasuredAt).DefaultIfEmpty(DateTimeOffset.UnixEpoch).Min();
            db.DefinitionVersions.Add(new DefinitionVersion
            {
                Id = Guid.NewGuid(), DefinitionId = definition.Definition.DefinitionId, Version = definition.Definition.Version,
                Name = definition.Definition.Name, Status = DefinitionStatus.Published, Json = DefinitionJson.Write(definition.Definition),
                ContentHash = "parity", CreatedAt = at, CreatedBy = "parity", PublishedAt = at, PublishedBy = "parity",
            });
            db.Patients.Add(new Patient
            {
                Id = patient.PatientId, Mrn = "PARITY-1", GivenName = "Par", FamilyName = "Ity", BirthDate = patient.BirthDate, Sex = WireNames.Parse<PatientSex>(patient.Sex),
                Diagnosis = patient.Diagnosis, FactsJson = new JsonObject(patient.Facts.Select(f => KeyValuePair.Create(f.Key, f.Value?.DeepClone()))).ToJsonString(),
                CreatedAt = at,
            });
            db.PatientMeasurements.AddRange(patient.Measurements.Select(m => new PatientMeasurement
            {
                Id = Guid.NewGuid(), PatientId = patient.PatientId, Kind = m.Kind, Value = m.Value, Unit = m.Unit, MeasuredAt = m.MeasuredAt, RecordedBy = "parity",
            }));
            await db.SaveChangesAsync(ct);
            return patient.PatientId;
        }

        public async Task<T> RunAsync<T>(Func<PathwayRuntime, Task<T>> call, CancellationToken ct)
        {
            await using var scope = _services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CarePathwayDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var result = await call(scope.ServiceProvider.GetRequiredService<PathwayRuntime>());
            await transaction.CommitAsync(ct);
            return result;
        }

        public async Task TimerFiredAsync(string bookmarkId, CancellationToken ct)
        {
            await using var scope = _services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CarePathwayDbContext>();
            await db.TimerRequests.Where(t => t.Id == bookmarkId).ExecuteUpdateAsync(t => t.SetProperty(r => r.State, TimerState.Fired), ct);
        }

        public async Task<List<JournalEntry>> JournalAsync(Guid instanceId)
        {
            await using var scope = _services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<CarePathwayDbContext>().JournalEntries.AsNoTracking()
                .Where(j => j.InstanceId == instanceId).OrderBy(j => j.Sequence).ToListAsync();
        }

        public ValueTask DisposeAsync() => _services.DisposeAsync();
    }
}

public sealed class SqliteRuntimeParityTests(SqliteDatabase database) : RuntimeParityTests, IClassFixture<SqliteDatabase>
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task<string> NewDatabaseAsync() => Task.FromResult(database.CreateExtra("parity"));
}

public sealed class PostgresRuntimeParityTests(PostgresDatabase database) : RuntimeParityTests, IClassFixture<PostgresDatabase>
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override Task<string> NewDatabaseAsync() => database.CreateExtraAsync("parity");
}
