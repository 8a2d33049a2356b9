using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Runtime;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Features.Engine;
using CarePathway.Server.Features.Timers;
using CarePathway.Server.Persistence;
using CarePathway.Server.Scheduling;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CarePathway.Benchmarks.Persistence;

/// <summary>How many instances and transitions the persistence harness uses.</summary>
internal sealed record PersistenceOptions
{
    /// <summary>Instances per path; transitions go round-robin over them.</summary>
    public int Instances { get; init; } = 20;

    /// <summary>Measured transitions per path.</summary>
    public int Transitions { get; init; } = 1000;

    /// <summary>Unmeasured transitions per path first (JIT, pools, caches, statistics).</summary>
    public int WarmUp { get; init; } = 100;

    /// <summary>The measured transitions are taken in this many interleaved blocks, so every path sees the same machine load.</summary>
    public int Rounds { get; init; } = 5;
}

/// <summary>
/// Persisted transitions per second on one database, three ways, in the same run and the same
/// database: the server's engine transaction, the server's whole command pipeline, and a plain
/// ADO.NET baseline that commits the same rows with hand-written SQL.
/// A transition: a timer of the timer-loop pathway fires; the instance row is loaded, the engine
/// resumes it (Delay done, SetVariable, Decision, Delay again), and one transaction writes the
/// instance state (UPDATE with the RowVersion check), removes the fired bookmark and adds the new
/// one, appends the journal entries, adds the new timer request and marks the fired one.
/// </summary>
internal sealed class PersistenceBenchmark
{
    public const string EngineTransactionPath = "EF + engine (FireTimer handler, 1 tx)";
    public const string PipelinePath = "EF + engine, full command pipeline";
    public const string AdoPath = "ADO.NET baseline (same writes)";
    public const string AdoBatchedPath = "ADO.NET baseline, writes in 1 command";

    private static readonly Guid PatientId = Guid.Parse("0194c1c2-0000-7000-8000-00000000beef");

    private readonly string _database;
    private readonly DatabaseSettings _settings;
    private readonly AdoDialect _ado;
    private readonly PersistenceOptions _options;
    private readonly CommandCounter _counter = new();
    private AdoTemplate _template = null!;

    public PersistenceBenchmark(string database, DatabaseSettings settings, AdoDialect ado, PersistenceOptions options)
    {
        _database = database;
        _settings = settings;
        _ado = ado;
        _options = options;
    }

    public async Task<IReadOnlyList<TransitionFigures>> RunAsync(CancellationToken ct)
    {
        await using var provider = BuildServices();
        await provider.MigrateDatabaseAsync(ct);
        await SeedAsync(provider, ct);
        _template = AdoTemplate.Build();

        var paths = new[]
        {
            new TransitionPath(EngineTransactionPath, 1, await StartInstancesAsync(provider, ct), i => EngineTransactionAsync(provider, i, ct)),
            new TransitionPath(PipelinePath, 1, await StartInstancesAsync(provider, ct), i => PipelineAsync(provider, i, ct)),
            new TransitionPath(AdoPath, 1, await StartInstancesAsync(provider, ct), i => AdoTransitionAsync(i, batched: false, ct)),
            new TransitionPath(AdoBatchedPath, 1, await StartInstancesAsync(provider, ct), i => AdoTransitionAsync(i, batched: true, ct)),
        };

        foreach (var path in paths)
        {
            for (var i = 0; i < _options.WarmUp; i++) await path.StepAsync(measure: false);
        }

        var perRound = Math.Max(1, _options.Transitions / _options.Rounds);
        for (var round = 0; round < _options.Rounds; round++)
        {
            foreach (var path in paths)
            {
                for (var i = 0; i < perRound; i++) await path.StepAsync(measure: true);
            }
        }

        await CheckAsync(provider, paths[0], ct);
        return [.. paths.Select(p => new TransitionFigures(_database, p.Name, p.Latencies, (double)p.Commands / p.Latencies.Count, p.CommandTime.TotalMilliseconds / p.Latencies.Count, p.Commits))];
    }

    private ServiceProvider BuildServices()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        // The server's own registration: AddDbContext on ConfigureProvider, with every singleton IInterceptor.
        services.AddPersistence();
        services.AddSingleton(_settings);
        services.AddSingleton<IInterceptor>(_counter);
        services.AddSingleton<TimerOutboxSignal>();
        services.AddSingleton<IInterceptor, TimerOutboxInterceptor>();
        services.AddSingleton<ICurrentUser, SystemUser>();
        // Hangfire sits outside the measured transaction (an outbox the commit only signals); its hand-off is not measured.
        services.AddMediator();
        services.AddEngine();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private static async Task SeedAsync(IServiceProvider provider, CancellationToken ct)
    {
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CarePathwayDbContext>();
        var now = TimeProvider.System.GetUtcNow();
        db.Patients.Add(new Patient
        {
            Id = PatientId,
            Mrn = "BENCH-0001",
            GivenName = "Bench",
            FamilyName = "Mark",
            BirthDate = new DateOnly(2014, 1, 5),
            Sex = PatientSex.Female,
            Diagnosis = "CRMO",
            FactsJson = """{"vertebralLesion":false}""",
            CreatedAt = now,
        });
        // A modest history, as a real patient has: the server loads all of it for every transition.
        db.PatientMeasurements.AddRange(
            new PatientMeasurement { Id = Guid.CreateVersion7(), PatientId = PatientId, Kind = CarePathway.Engine.Patients.MeasurementKinds.Weight, Value = 40m, Unit = "kg", MeasuredAt = now.AddDays(-30), RecordedBy = "benchmark" },
            new PatientMeasurement { Id = Guid.CreateVersion7(), PatientId = PatientId, Kind = CarePathway.Engine.Patients.MeasurementKinds.Height, Value = 150m, Unit = "cm", MeasuredAt = now.AddDays(-30), RecordedBy = "benchmark" });
        for (var i = 0; i < 4; i++)
        {
            db.LabResults.Add(new LabResult { Id = Guid.CreateVersion7(), PatientId = PatientId, Code = "2160-0", Value = 0.6m + (i * 0.01m), Unit = "mg/dL", ObservedAt = now.AddDays(-90 + (i * 20)), RecordedAt = now, RecordedBy = "benchmark" });
        }

        db.DefinitionVersions.Add(new DefinitionVersion
        {
            Id = Guid.CreateVersion7(),
            DefinitionId = Pathways.TimerLoopId,
            Version = 1,
            Name = "Benchmark: timer loop",
            Status = CarePathway.Engine.Definitions.DefinitionStatus.Published,
            Json = Pathways.TimerLoopJson(),
            ContentHash = "benchmark",
            CreatedAt = now,
            CreatedBy = "benchmark",
            PublishedAt = now,
            PublishedBy = "benchmark",
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Starts instances the way StartInstanceHandler does: through the pathway runtime, each stored by its writer.</summary>
    private async Task<List<LoopInstance>> StartInstancesAsync(IServiceProvider provider, CancellationToken ct)
    {
        await using var scope = provider.CreateAsyncScope();
        var runtime = scope.ServiceProvider.GetRequiredService<PathwayRuntime>();
        var instances = new List<LoopInstance>();
        for (var i = 0; i < _options.Instances; i++)
        {
            var result = await runtime.StartAsync(new StartPathway(Guid.CreateVersion7(), Pathways.TimerLoopId, 1, PatientId), Actor.Anyone("benchmark"), ct);
            instances.Add(new LoopInstance(result.State.InstanceId, result.ScheduledTimers.Single().BookmarkId, result.State.JournalSequence, result.State.NextSequence));
        }

        return instances;
    }

    /// <summary>The server's handler for a fired timer, in the one transaction TransactionBehavior opens.</summary>
    private async Task<StepCost> EngineTransactionAsync(IServiceProvider provider, LoopInstance instance, CancellationToken ct)
    {
        var (before, beforeTime) = (_counter.Count, _counter.Duration);
        await using var scope = provider.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<CarePathwayDbContext>();
        var handler = sp.GetRequiredService<IRequestHandler<FireTimer, bool>>();
        bool applied;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            applied = await handler.Handle(new FireTimer(instance.Id, instance.BookmarkId), ct);
            await transaction.CommitAsync(ct);
        }

        instance.BookmarkId = NextTimer(db, instance, applied);
        return new StepCost(_counter.Count - before, _counter.Duration - beforeTime);
    }

    /// <summary>
    /// What a Hangfire timer job sends: FireTimer through MediatR with the server's behaviours (audit,
    /// validation, transaction). The audit row commits in the same transaction as the change.
    /// </summary>
    private async Task<StepCost> PipelineAsync(IServiceProvider provider, LoopInstance instance, CancellationToken ct)
    {
        var (before, beforeTime) = (_counter.Count, _counter.Duration);
        await using var scope = provider.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var applied = await sp.GetRequiredService<IMediator>().Send(new FireTimer(instance.Id, instance.BookmarkId), ct);
        instance.BookmarkId = NextTimer(sp.GetRequiredService<CarePathwayDbContext>(), instance, applied);
        return new StepCost(_counter.Count - before, _counter.Duration - beforeTime);
    }

    /// <summary>The new timer request the transition committed, still tracked by the scope's context (no extra query).</summary>
    private static string NextTimer(CarePathwayDbContext db, LoopInstance instance, bool applied)
    {
        if (!applied) throw new InvalidOperationException($"timer {instance.BookmarkId} of instance {instance.Id} was not applied");
        return db.ChangeTracker.Entries<TimerRequest>()
            .Select(e => e.Entity)
            .Single(t => t.InstanceId == instance.Id && t.State == TimerState.Pending)
            .Id;
    }

    /// <summary>
    /// The baseline: the same rows with hand-written SQL, in one transaction: one command per
    /// statement, or (batched) the writes sent together as one command, as EF does on PostgreSQL.
    /// It reads the instance row (its RowVersion is needed for the check) but runs no engine and
    /// loads nothing else; the state and journal payloads are a real transition's, of the same size.
    /// </summary>
    private async Task<StepCost> AdoTransitionAsync(LoopInstance instance, bool batched, CancellationToken ct)
    {
        var now = TimeProvider.System.GetUtcNow();
        var due = now.AddDays(1);
        var oldBookmark = instance.BookmarkId;
        var newBookmark = $"{instance.Id:N}-{instance.NextSequence}";
        var commandTime = TimeSpan.Zero;

        await using var connection = _ado.CreateConnection();
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);

        long rowVersion;
        await using (var select = Command(connection, transaction, """SELECT "StateJson", "RowVersion" FROM "WorkflowInstances" WHERE "Id" = @id""", [("@id", _ado.Guid(instance.Id))]))
        {
            var started = Stopwatch.GetTimestamp();
            await using var reader = await select.ExecuteReaderAsync(ct);
            commandTime += Stopwatch.GetElapsedTime(started);
            if (!await reader.ReadAsync(ct)) throw new InvalidOperationException($"instance {instance.Id} not found");
            _ = reader.GetString(0);
            rowVersion = reader.GetInt64(1);
        }

        var writes = new List<Statement>
        {
            new("""UPDATE "WorkflowInstances" SET "StateJson" = @state, "UpdatedAt" = @now, "RowVersion" = @next WHERE "Id" = @id AND "RowVersion" = @version""",
                [("@state", _template.StateJson), ("@now", _ado.Time(now)), ("@next", rowVersion + 1), ("@id", _ado.Guid(instance.Id)), ("@version", rowVersion)]),
            new("""DELETE FROM "Bookmarks" WHERE "Id" = @id""", [("@id", oldBookmark)]),
            new("""
                INSERT INTO "Bookmarks" ("Id", "InstanceId", "ActivityId", "Kind", "TaskId", "DueAt", "EventType", "EventKey", "CreatedAt")
                VALUES (@id, @instance, @activity, @kind, @task, @due, @eventType, @eventKey, @now)
                """,
                [("@id", newBookmark), ("@instance", _ado.Guid(instance.Id)), ("@activity", "wait"), ("@kind", BookmarkKind.Timer.WireName()),
                    ("@task", DBNull.Value), ("@due", _ado.Time(due)), ("@eventType", DBNull.Value), ("@eventKey", DBNull.Value), ("@now", _ado.Time(now))]),
        };
        foreach (var entry in _template.Journal)
        {
            writes.Add(new("""
                INSERT INTO "JournalEntries" ("InstanceId", "Sequence", "At", "Type", "ActivityId", "Outcome", "CauseKind", "Actor", "DataJson")
                VALUES (@instance, @sequence, @at, @type, @activity, @outcome, @cause, @actor, @data)
                """,
                [("@instance", _ado.Guid(instance.Id)), ("@sequence", ++instance.JournalSequence), ("@at", _ado.Time(now)), ("@type", entry.Type),
                    ("@activity", (object?)entry.ActivityId ?? DBNull.Value), ("@outcome", (object?)entry.Outcome ?? DBNull.Value),
                    ("@cause", entry.CauseKind), ("@actor", oldBookmark), ("@data", entry.DataJson)]));
        }

        writes.Add(new("""
            INSERT INTO "TimerRequests" ("Id", "InstanceId", "DueAt", "State", "CreatedAt", "UpdatedAt")
            VALUES (@id, @instance, @due, @state, @now, @now)
            """,
            [("@id", newBookmark), ("@instance", _ado.Guid(instance.Id)), ("@due", _ado.Time(due)), ("@state", TimerState.Pending.WireName()), ("@now", _ado.Time(now))]));
        writes.Add(new("""UPDATE "TimerRequests" SET "State" = @state, "UpdatedAt" = @now WHERE "Id" = @id""",
            [("@state", TimerState.Fired.WireName()), ("@now", _ado.Time(now)), ("@id", oldBookmark)]));

        // Every write touches exactly one row; one short means the RowVersion check (or another) failed.
        if (batched)
        {
            commandTime += await ExecuteAsync(connection, transaction, Statement.Combine(writes), writes.Count, ct);
        }
        else
        {
            foreach (var write in writes) commandTime += await ExecuteAsync(connection, transaction, write, 1, ct);
        }

        await transaction.CommitAsync(ct);

        instance.BookmarkId = newBookmark;
        instance.NextSequence += _template.SequencesPerTransition;
        return new StepCost(1 + (batched ? 1 : writes.Count), commandTime);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, IEnumerable<(string Name, object Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static async Task<TimeSpan> ExecuteAsync(DbConnection connection, DbTransaction transaction, Statement statement, int expectedRows, CancellationToken ct)
    {
        await using var command = Command(connection, transaction, statement.Sql, statement.Parameters);
        var started = Stopwatch.GetTimestamp();
        var rows = await command.ExecuteNonQueryAsync(ct);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (rows != expectedRows)
            throw new DBConcurrencyException($"expected {expectedRows} row(s), {rows} affected: {statement.Sql.Split('\n')[0]}");
        return elapsed;
    }

    /// <summary>One SQL statement and its parameters.</summary>
    private sealed record Statement(string Sql, IReadOnlyList<(string Name, object Value)> Parameters)
    {
        /// <summary>Several statements as one command text; parameters renamed per statement (@id -> @id_3).</summary>
        public static Statement Combine(IReadOnlyList<Statement> statements)
        {
            var sql = new System.Text.StringBuilder();
            var parameters = new List<(string Name, object Value)>();
            for (var i = 0; i < statements.Count; i++)
            {
                var suffix = "_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                sql.Append(System.Text.RegularExpressions.Regex.Replace(statements[i].Sql, @"@(\w+)", "@$1" + suffix)).Append(";\n");
                parameters.AddRange(statements[i].Parameters.Select(p => (p.Name + suffix, p.Value)));
            }

            return new Statement(sql.ToString(), parameters);
        }
    }

    /// <summary>Sanity check: an instance of the engine path counted exactly the timers delivered to it.</summary>
    private static async Task CheckAsync(IServiceProvider provider, TransitionPath path, CancellationToken ct)
    {
        var instance = path.Instances[0];
        await using var scope = provider.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<CarePathwayDbContext>().WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == instance.Id, ct);
        var state = InstanceState.FromJson(row.StateJson);
        var counter = state.Variables["counter"]?.GetValue<decimal>() ?? 0;
        // The server claims the instance row before writing a run's rows, so the row version moves
        // at least once per transition (twice today); the counter must match exactly.
        if (counter != instance.Transitions || row.RowVersion < instance.Transitions)
            throw new InvalidOperationException($"instance {instance.Id}: counter {counter}, RowVersion {row.RowVersion}, but {instance.Transitions} timers were delivered");
    }

    private sealed class TransitionPath(string name, int commits, List<LoopInstance> instances, Func<LoopInstance, Task<StepCost>> step)
    {
        private int _next;

        public string Name { get; } = name;
        public int Commits { get; } = commits;
        public List<LoopInstance> Instances { get; } = instances;
        public List<double> Latencies { get; } = [];
        public long Commands { get; private set; }
        public TimeSpan CommandTime { get; private set; }

        public async Task StepAsync(bool measure)
        {
            var instance = Instances[_next++ % Instances.Count];
            var started = Stopwatch.GetTimestamp();
            var cost = await step(instance);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            instance.Transitions++;
            if (!measure) return;
            Latencies.Add(elapsed);
            Commands += cost.Commands;
            CommandTime += cost.CommandTime;
        }
    }

    /// <summary>SQL commands one transition sent, and the time spent executing them.</summary>
    private readonly record struct StepCost(long Commands, TimeSpan CommandTime);

    private sealed class LoopInstance(Guid id, string bookmarkId, int journalSequence, int nextSequence)
    {
        public Guid Id { get; } = id;
        public string BookmarkId { get; set; } = bookmarkId;
        public int JournalSequence { get; set; } = journalSequence;
        public int NextSequence { get; set; } = nextSequence;
        public int Transitions { get; set; }
    }

    /// <summary>The payloads of one real transition of the timer loop, run in memory, for the baseline to write.</summary>
    private sealed record AdoTemplate(string StateJson, IReadOnlyList<JournalTemplate> Journal, int SequencesPerTransition)
    {
        public static AdoTemplate Build()
        {
            var definition = Pathways.Compile(Pathways.TimerLoopJson());
            var runner = new WorkflowRunner(TimeProvider.System);
            var patient = Pathways.Patient(PatientId);
            var started = runner.Start(definition, new StartRequest(Guid.CreateVersion7(), PatientId, "benchmark"), patient);
            var before = started.State.NextSequence;
            var resumed = runner.Resume(definition, started.State, patient, new TimerFired(started.ScheduledTimers.Single().BookmarkId));
            var journal = resumed.Journal
                .Select(r => new JournalTemplate(r.Type, r.ActivityId, r.Outcome, r.Cause.Kind.WireName(), r.Data.ToJsonString()))
                .ToList();
            return new AdoTemplate(resumed.State.ToJson(), journal, resumed.State.NextSequence - before);
        }
    }

    private sealed record JournalTemplate(string Type, string? ActivityId, string? Outcome, string CauseKind, string DataJson);

    private sealed class SystemUser : ICurrentUser
    {
        public string Name => "system";

        public bool IsInRole(string role) => false;
    }
}
