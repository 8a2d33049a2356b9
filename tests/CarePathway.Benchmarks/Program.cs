using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CarePathway.Benchmarks;
using CarePathway.Benchmarks.Fhir;
using CarePathway.Benchmarks.Persistence;
using CarePathway.Benchmarks.Timers;
using CarePathway.Benchmarks.Ward;
using CarePathway.Benchmarks.Worklist;
using CarePathway.Engine.Execution;
using CarePathway.Server.Persistence;
using Npgsql;

// Usage: dotnet run -c Release --project tests/CarePathway.Benchmarks [-- engine|crmo|persistence|sqlite|postgres|worklist[-sqlite|-postgres]|ward[-sqlite|-postgres]|timers[-sqlite|-postgres]|fhir ...]
//        [--transitions N] [--instances N] [--warmup N] [--timer-instances N] [--later-timer-seconds N]
var parts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
var options = new PersistenceOptions();
var timerOptions = TimerScaleOptions.Default;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--transitions": options = options with { Transitions = PositiveInt(args, ++i) }; break;
        case "--instances": options = options with { Instances = PositiveInt(args, ++i) }; break;
        case "--warmup": options = options with { WarmUp = PositiveInt(args, ++i) }; break;
        case "--timer-instances": timerOptions = timerOptions with { Instances = PositiveInt(args, ++i) }; break;
        case "--later-timer-seconds": timerOptions = timerOptions with { LaterTimer = TimeSpan.FromSeconds(PositiveInt(args, ++i)) }; break;
        case "engine" or "crmo" or "persistence" or "sqlite" or "postgres" or "worklist" or "worklist-sqlite" or "worklist-postgres" or "ward" or "ward-sqlite" or "ward-postgres" or "timers" or "timers-sqlite" or "timers-postgres" or "fhir": parts.Add(args[i]); break;
        case "-h" or "--help":
            Console.WriteLine("usage: CarePathway.Benchmarks [engine] [crmo] [persistence | sqlite | postgres] [worklist | worklist-sqlite | worklist-postgres] [ward | ward-sqlite | ward-postgres] [timers | timers-sqlite | timers-postgres] [fhir] [--transitions N] [--instances N] [--warmup N] [--timer-instances N] [--later-timer-seconds N]");
            return 0;
        default:
            Console.Error.WriteLine($"unknown argument '{args[i]}' (try --help)");
            return 2;
    }
}

if (parts.Count == 0) parts.UnionWith(["engine", "crmo", "persistence", "worklist"]);
var runEngine = parts.Contains("engine");
var runSqlite = parts.Contains("persistence") || parts.Contains("sqlite");
var runPostgres = parts.Contains("persistence") || parts.Contains("postgres");

Console.WriteLine($"CarePathway benchmarks, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}; .NET {Environment.Version}, {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
if (File.Exists("/proc/loadavg"))
    Console.WriteLine($"Load average (1, 5, 15 min) at start: {string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}: other work on the machine slows every figure.");
if (!Debugger.IsAttached && typeof(PersistenceBenchmark).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false) is [DebuggableAttribute { IsJITOptimizerDisabled: true }])
    Console.WriteLine("WARNING: a Debug build; figures are only meaningful with -c Release.");

(double CompileMs, double FirstRunMs)? cold = runEngine ? MeasureColdStart() : null;
var engine = runEngine ? RunEngineBenchmarks() : null;
var crmo = parts.Contains("crmo") ? CrmoCourseBenchmark.Run() : null;
var figures = new List<TransitionFigures>();
var skipped = new List<SkippedDatabase>();
if (runSqlite) figures.AddRange(await RunSqliteAsync(options));
if (runPostgres)
{
    var (rows, skip) = await RunPostgresAsync(options);
    figures.AddRange(rows);
    if (skip is not null) skipped.Add(skip);
}

var worklist = new List<WorklistFigures>();
var worklistSkipped = new List<SkippedDatabase>();
if (parts.Contains("worklist") || parts.Contains("worklist-sqlite"))
    worklist.AddRange(await RunWorklistAsync());
if (parts.Contains("worklist") || parts.Contains("worklist-postgres"))
{
    var (rows, skip) = await BenchmarkDatabases.WithPostgresAsync(connectionString => RunWorklistOnAsync("PostgreSQL", DatabaseProvider.Postgres, connectionString));
    worklist.AddRange(rows ?? []);
    if (skip is not null) worklistSkipped.Add(skip);
}

var ward = new List<WardFigures>();
var wardSkipped = new List<SkippedDatabase>();
if (parts.Contains("ward") || parts.Contains("ward-sqlite"))
    ward.AddRange(await BenchmarkDatabases.WithSqliteAsync(connectionString => RunWardOnAsync("SQLite", DatabaseProvider.Sqlite, connectionString)));
if (parts.Contains("ward") || parts.Contains("ward-postgres"))
{
    var (rows, skip) = await BenchmarkDatabases.WithPostgresAsync(connectionString => RunWardOnAsync("PostgreSQL", DatabaseProvider.Postgres, connectionString));
    ward.AddRange(rows ?? []);
    if (skip is not null) wardSkipped.Add(skip);
}

var timers = new List<TimerScaleFigures>();
var timersSkipped = new List<SkippedDatabase>();
if (parts.Contains("timers") || parts.Contains("timers-sqlite"))
    timers.Add(await BenchmarkDatabases.WithSqliteAsync(connectionString => new TimerScaleBenchmark("SQLite", DatabaseProvider.Sqlite, connectionString, timerOptions).RunAsync()));
if (parts.Contains("timers") || parts.Contains("timers-postgres"))
{
    var (row, skip) = await BenchmarkDatabases.WithPostgresAsync(connectionString => new TimerScaleBenchmark("PostgreSQL", DatabaseProvider.Postgres, connectionString, timerOptions).RunAsync());
    if (row is not null) timers.Add(row);
    if (skip is not null) timersSkipped.Add(skip);
}

var fhir = new List<FhirPanelFigures>();
var fhirSkipped = new List<SkippedDatabase>();
if (parts.Contains("fhir"))
{
    fhir.AddRange(await BenchmarkDatabases.WithSqliteAsync(connectionString => new FhirPanelBenchmark("SQLite", DatabaseProvider.Sqlite, connectionString, FhirPanelBenchmark.Bundles).RunAsync(CancellationToken.None)));
    var (rows, skip) = await BenchmarkDatabases.WithPostgresAsync(connectionString => new FhirPanelBenchmark("PostgreSQL", DatabaseProvider.Postgres, connectionString, FhirPanelBenchmark.Bundles).RunAsync(CancellationToken.None));
    fhir.AddRange(rows ?? []);
    if (skip is not null) fhirSkipped.Add(skip);
}

PrintSummary(cold, engine, figures, skipped, options);
PrintWorklist(worklist, worklistSkipped);
PrintWard(ward, wardSkipped);
PrintTimers(timers, timersSkipped);
PrintFhir(fhir, fhirSkipped);
// Issue 3's figure, the last lines of the summary.
if (crmo is not null) Console.WriteLine(crmo.Describe());
return 0;

static void PrintFhir(List<FhirPanelFigures> fhir, List<SkippedDatabase> skipped)
{
    if (fhir.Count == 0 && skipped.Count == 0) return;
    Console.WriteLine();
    Console.WriteLine("FHIR intake, POST /fhir transaction bundle of 10 Observations through the in-process server (parse, R4 validation, lab entry, store, deliver; one client, sequential):");
    Console.WriteLine($"  {"database",-10} {"case",-34} {"bundles",6} {"bundles/s",10} {"p50 ms",9} {"p99 ms",9}");
    foreach (var f in fhir) Console.WriteLine(f.Line());
    foreach (var s in skipped) Console.WriteLine($"  {s.Database,-10} skipped: {s.Reason}");
}

static int PositiveInt(string[] args, int index) =>
    index < args.Length && int.TryParse(args[index], CultureInfo.InvariantCulture, out var n) && n > 0
        ? n
        : throw new ArgumentException($"{args[index - 1]} needs a positive number");

// The very first run in a fresh process: definition read, validation, compilation and JIT included.
static (double CompileMs, double FirstRunMs) MeasureColdStart()
{
    var started = Stopwatch.GetTimestamp();
    var definition = Pathways.Compile(Pathways.SequentialJson());
    var compiled = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    started = Stopwatch.GetTimestamp();
    var patient = Pathways.Patient(Guid.CreateVersion7());
    var result = new WorkflowRunner(TimeProvider.System).Start(definition, new StartRequest(Guid.CreateVersion7(), patient.PatientId, "benchmark"), patient);
    var firstRun = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    if (result.State.Status != InstanceStatus.Completed) throw new InvalidOperationException("the sequential pathway did not complete");
    return (compiled, firstRun);
}

static Summary RunEngineBenchmarks()
{
    // In-process: no separate project to generate and build (BenchmarkDotNet 0.14 predates .NET 10),
    // and a short job (5 warm-up, 10 measured iterations) keeps this part well under a minute.
    var job = Job.ShortRun.WithWarmupCount(5).WithIterationCount(10).WithToolchain(InProcessEmitToolchain.Instance).WithId("Short-InProcess");
    var config = ManualConfig.CreateMinimumViable()
        .AddJob(job)
        .AddDiagnoser(MemoryDiagnoser.Default)
        .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "carepathway-benchmarks"))
        .WithOptions(ConfigOptions.DisableOptimizationsValidator);
    return BenchmarkRunner.Run<EngineBenchmarks>(config);
}

static Task<IReadOnlyList<TransitionFigures>> RunSqliteAsync(PersistenceOptions options) =>
    BenchmarkDatabases.WithSqliteAsync(connectionString =>
    {
        Console.WriteLine();
        Console.WriteLine($"SQLite: {connectionString} ({options.Transitions} transitions per path, {options.Instances} instances each)");
        return new PersistenceBenchmark("SQLite", new DatabaseSettings(DatabaseProvider.Sqlite, connectionString),
            new AdoDialect.Sqlite(connectionString), options).RunAsync(CancellationToken.None);
    });

static async Task<(IReadOnlyList<TransitionFigures> Rows, SkippedDatabase? Skipped)> RunPostgresAsync(PersistenceOptions options)
{
    Console.WriteLine();
    var (rows, skipped) = await BenchmarkDatabases.WithPostgresAsync(connectionString =>
    {
        Console.WriteLine($"PostgreSQL: database {new NpgsqlConnectionStringBuilder(connectionString).Database} ({options.Transitions} transitions per path, {options.Instances} instances each)");
        return new PersistenceBenchmark("PostgreSQL", new DatabaseSettings(DatabaseProvider.Postgres, connectionString),
            new AdoDialect.Postgres(connectionString), options).RunAsync(CancellationToken.None);
    });
    return (rows ?? [], skipped);
}

static Task<IReadOnlyList<WorklistFigures>> RunWorklistAsync() =>
    BenchmarkDatabases.WithSqliteAsync(connectionString => RunWorklistOnAsync("SQLite", DatabaseProvider.Sqlite, connectionString));

static Task<IReadOnlyList<WorklistFigures>> RunWorklistOnAsync(string database, DatabaseProvider provider, string connectionString)
{
    Console.WriteLine();
    Console.WriteLine($"Worklist on {database}: {WorklistBenchmarkRuns.Iterations} requests per query after {WorklistBenchmarkRuns.WarmUp} warm-up");
    return new WorklistBenchmark(database, provider, connectionString, WorklistBenchmarkRuns.Iterations, WorklistBenchmarkRuns.WarmUp).RunAsync(CancellationToken.None);
}

static Task<IReadOnlyList<WardFigures>> RunWardOnAsync(string database, DatabaseProvider provider, string connectionString)
{
    Console.WriteLine();
    var options = WardLoadOptions.Default;
    Console.WriteLine($"Ward load on {database}: {string.Join(", ", options.Clients)} concurrent clients over HTTP");
    return new WardLoadBenchmark(database, provider, connectionString, options).RunAsync(CancellationToken.None);
}

static void PrintWard(List<WardFigures> ward, List<SkippedDatabase> skipped)
{
    if (ward.Count == 0 && skipped.Count == 0) return;
    var options = WardLoadOptions.Default;
    Console.WriteLine();
    Console.WriteLine($"Ward load over HTTP (Kestrel, scheduler on; each client loops with no think time; {options.WarmUp.TotalSeconds:F0} s warm-up, {options.Measured.TotalSeconds:F0} s measured per level;");
    Console.WriteLine($"  mix: {string.Join(", ", WardMix.Weights.Select(w => $"{w.Operation} {w.Weight}%"))}; an approval with none left becomes an admission):");
    Console.WriteLine($"  {"database",-10} {"clients",7}  {"operation",-15} {"ops/s",8} {"p50 ms",9} {"p99 ms",9}  errors");
    foreach (var line in ward.SelectMany(f => f.Lines())) Console.WriteLine(line);
    foreach (var s in skipped) Console.WriteLine($"  {s.Database,-10} skipped: {s.Reason}");
}

static void PrintTimers(List<TimerScaleFigures> timers, List<SkippedDatabase> skipped)
{
    if (timers.Count == 0 && skipped.Count == 0) return;
    Console.WriteLine();
    Console.WriteLine("Timer scale (whole server in process, scheduler on): live lag = timer.fired - due time, seconds; after a restart, the");
    Console.WriteLine("  overdue timers' drain, from the new server's start until the last fired:");
    Console.WriteLine(TimerScaleFigures.Header);
    foreach (var row in timers) Console.WriteLine(row.Row());
    foreach (var s in skipped) Console.WriteLine($"  {s.Database,-10} skipped: {s.Reason}");
}

static void PrintWorklist(List<WorklistFigures> worklist, List<SkippedDatabase> skipped)
{
    if (worklist.Count == 0 && skipped.Count == 0) return;
    var c = CultureInfo.InvariantCulture;
    Console.WriteLine();
    Console.WriteLine($"Worklist, GET /api/tasks through the in-process server ({WorklistSeed.OpenTasks} open + {WorklistSeed.ClosedTasks} closed tasks, {WorklistSeed.Patients} patients; page size 25; {WorklistBenchmarkRuns.Iterations} requests each):");
    Console.WriteLine($"  {"database",-10} {"query",-32} {"asked by",-14} {"total",6} {"mean ms",8} {"p50 ms",8} {"p95 ms",8}");
    foreach (var f in worklist)
    {
        Console.WriteLine(string.Format(c, "  {0,-10} {1,-32} {2,-14} {3,6} {4,8:F2} {5,8:F2} {6,8:F2}", f.Database, f.Query, f.Who, f.Total, f.MeanMs, f.Percentile(0.5), f.Percentile(0.95)));
    }

    foreach (var s in skipped) Console.WriteLine($"  {s.Database,-10} skipped: {s.Reason}");
    Console.WriteLine("  (each request: routing, bearer authentication, MediatR, the count and the page query, JSON written and read back)");
}

static void PrintSummary((double CompileMs, double FirstRunMs)? cold, Summary? engine, List<TransitionFigures> figures, List<SkippedDatabase> skipped, PersistenceOptions options)
{
    var c = CultureInfo.InvariantCulture;
    Console.WriteLine();
    Console.WriteLine("================================ SUMMARY ================================");
    if (engine is not null)
    {
        Console.WriteLine("Engine, in memory (BenchmarkDotNet, in-process, 10 iterations; mean and standard deviation per operation):");
        Console.WriteLine($"  {"benchmark",-52} {"mean",12} {"stddev",12} {"allocated",12}");
        foreach (var report in engine.Reports)
        {
            var stats = report.ResultStatistics;
            var bytes = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
            Console.WriteLine($"  {Describe(report.BenchmarkCase.Descriptor.WorkloadMethod.Name),-52} {(stats is null ? "failed" : FormatTime(stats.Mean)),12} {(stats is null ? "" : FormatTime(stats.StandardDeviation)),12} {(bytes is { } b ? FormatBytes(b) : "?"),12}");
        }
    }

    if (cold is { } first)
    {
        Console.WriteLine(string.Format(c, "  {0,-52} {1,12}", "cold: read + validate + compile sequential definition", $"{first.CompileMs:F1} ms"));
        Console.WriteLine(string.Format(c, "  {0,-52} {1,12}", "cold: first Start in the process (JIT included)", $"{first.FirstRunMs:F1} ms"));
        Console.WriteLine($"  (the simulation runs {RepoPaths.SampleScenario[(RepoPaths.Root.Length + 1)..]} on {RepoPaths.SampleWorkflow[(RepoPaths.Root.Length + 1)..]})");
    }

    if (figures.Count > 0 || skipped.Count > 0)
    {
        Console.WriteLine();
        Console.WriteLine($"Persisted transitions (timer fired -> resume -> commit), sequential single writer, {options.Transitions} measured per row after {options.WarmUp} warm-up:");
        Console.WriteLine($"  {"database",-10} {"path",-40} {"trans/s",9} {"mean ms",8} {"p50 ms",8} {"p95 ms",8} {"cmds/tr",8} {"cmd ms",7} {"commits",8} {"vs ADO",7}");
        foreach (var group in figures.GroupBy(f => f.Database))
        {
            var baseline = group.FirstOrDefault(f => f.Path == PersistenceBenchmark.AdoPath);
            foreach (var f in group)
            {
                var ratio = baseline is null ? "" : string.Format(c, "{0:F2}x", f.MeanMs / baseline.MeanMs);
                Console.WriteLine(string.Format(c, "  {0,-10} {1,-40} {2,9:F0} {3,8:F2} {4,8:F2} {5,8:F2} {6,8:F1} {7,7:F2} {8,8} {9,7}",
                    f.Database, f.Path, f.PerSecond, f.MeanMs, f.Percentile(0.5), f.Percentile(0.95), f.CommandsPerTransition, f.CommandMs, f.Commits, ratio));
            }
        }

        foreach (var s in skipped) Console.WriteLine($"  {s.Database,-10} skipped: {s.Reason}");
        Console.WriteLine("  (vs ADO: mean time per transition relative to the ADO.NET baseline on the same database; cmds/tr: SQL commands sent per transition;");
        Console.WriteLine("   cmd ms: time inside those commands' Execute calls per transition (the rest is EF, the engine, DI and the commit);");
        Console.WriteLine("   commits: transactions per transition. The pipeline row adds MediatR and the audit row (same commit); Hangfire hand-off is not included.)");
    }

    Console.WriteLine("=========================================================================");
}

static string Describe(string method) => method switch
{
    nameof(EngineBenchmarks.SequentialStart) => "10-activity sequential pathway, WorkflowRunner.Start",
    nameof(EngineBenchmarks.TimerLoopTransition) => "timer-loop transition: FromJson + Resume + ToJson",
    nameof(EngineBenchmarks.SimulateSample730Days) => "sample-nsaid-review, 730-day simulation",
    _ => method,
};

static string FormatTime(double ns) => ns switch
{
    < 1_000 => string.Format(CultureInfo.InvariantCulture, "{0:F1} ns", ns),
    < 1_000_000 => string.Format(CultureInfo.InvariantCulture, "{0:F2} us", ns / 1_000),
    _ => string.Format(CultureInfo.InvariantCulture, "{0:F3} ms", ns / 1_000_000),
};

static string FormatBytes(long bytes) => bytes switch
{
    < 1024 => $"{bytes} B",
    < 1024 * 1024 => string.Format(CultureInfo.InvariantCulture, "{0:F1} KB", bytes / 1024.0),
    _ => string.Format(CultureInfo.InvariantCulture, "{0:F2} MB", bytes / (1024.0 * 1024)),
};
