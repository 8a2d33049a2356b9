using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;
using CarePathway.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Benchmarks.Timers;

/// <summary>How many instances, and their two timers: the short one measured live, the later one left to come due while the server is down.</summary>
internal sealed record TimerScaleOptions(int Instances, TimeSpan ShortTimer, TimeSpan LaterTimer)
{
    public static TimerScaleOptions Default { get; } = new(10_000, TimeSpan.FromSeconds(20), TimeSpan.FromMinutes(4));
}

/// <summary>
/// Many instances with a short timer, on the whole server in process (scheduler on). Each instance of the sample pathway
/// waits <c>nsaidTrialLength</c> (the short timer), then <c>responseWait</c> (the later one). Live: the instances are
/// started over HTTP, eight at a time, and every short timer's lag is its <c>timer.fired</c> minus its due time
/// (<c>timer.scheduled</c>'s <c>dueAt</c>). Restart: once every short timer has fired the server stops; when every later
/// timer is overdue a new server starts on the same database, and the drain is the time from its start until the last
/// of them has fired (on SQLite the outbox re-dispatches them all at start-up; on PostgreSQL Hangfire's stored jobs run).
/// </summary>
internal sealed class TimerScaleBenchmark(string database, DatabaseProvider provider, string connectionString, TimerScaleOptions options)
{
    private const int Concurrency = 8;
    private const int PatientsCount = 100;

    public async Task<TimerScaleFigures> RunAsync()
    {
        Console.WriteLine($"Timer scale on {database}: {options.Instances} instances, timers of {options.ShortTimer.TotalSeconds:0} s, then {options.LaterTimer.TotalMinutes:0} min");
        var first = new BenchmarkServer(provider, connectionString, scheduling: true);
        TimeSpan startDuration;
        IReadOnlyList<double> liveLag;
        try
        {
            var clock = Stopwatch.StartNew();
            await StartInstancesAsync(first);
            startDuration = clock.Elapsed;
            Console.WriteLine($"  {options.Instances} started in {startDuration.TotalSeconds:0} s ({options.Instances / startDuration.TotalSeconds:0} starts/s)");
            liveLag = await WaitForFiredAsync("nsaid-trial", options.Instances, TimeSpan.FromMinutes(15));
            Console.WriteLine($"  live lag p50 {Percentiles.Of(liveLag, 0.5):0.00} s, p99 {Percentiles.Of(liveLag, 0.99):0.00} s, max {Percentiles.Of(liveLag, 1):0.00} s");
        }
        finally
        {
            await first.DisposeAsync();
        }

        var firedBeforeStop = (await LagsAsync(connectionString, "await-response")).Count;
        var lastDue = await LastDueAsync("await-response");
        var wait = lastDue - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(2);
        Console.WriteLine($"  server stopped; {firedBeforeStop} later timers fired before the stop; waiting {Math.Max(0, wait.TotalSeconds):0} s until every one is overdue");
        if (wait > TimeSpan.Zero) await Task.Delay(wait);

        var restart = Stopwatch.StartNew();
        var second = new BenchmarkServer(provider, connectionString, scheduling: true);
        try
        {
            _ = second.Services; // starts the host: migrations, outbox dispatch, job server
            var ready = restart.Elapsed;
            await WaitForFiredAsync("await-response", options.Instances, TimeSpan.FromMinutes(20));
            var drain = restart.Elapsed;
            Console.WriteLine($"  restarted: up in {ready.TotalSeconds:0.0} s, {options.Instances - firedBeforeStop} overdue timers drained {drain.TotalSeconds:0.0} s after the start");
            return new TimerScaleFigures(database, options.Instances, startDuration, liveLag, options.Instances - firedBeforeStop, ready, drain);
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    private async Task StartInstancesAsync(BenchmarkServer server)
    {
        using var http = server.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await BenchmarkServer.BearerTokenAsync(http, "coordinator", CancellationToken.None));
        var patients = new List<Guid>();
        for (var i = 0; i < PatientsCount; i++)
        {
            var response = await http.PostAsJsonAsync("/api/patients", new
            {
                mrn = $"TIMERS-{i}-{Guid.NewGuid():N}"[..30], givenName = "Timer", familyName = $"Scale{i}", birthDate = "2014-01-05",
                sex = "female", diagnosis = "CRMO", service = "paediatric-rheumatology", weightKg = 40, heightCm = 150, facts = new JsonObject(),
            });
            response.EnsureSuccessStatusCode();
            patients.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid());
        }

        var parameters = new JsonObject { ["nsaidTrialLength"] = $"{options.ShortTimer.TotalSeconds:0}s", ["responseWait"] = $"{options.LaterTimer.TotalSeconds:0}s" };
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Instances), new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (i, ct) =>
        {
            var response = await http.PostAsJsonAsync("/api/instances", new { definitionId = "sample-nsaid-review", patientId = patients[i % patients.Count], parameters }, ct);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"start {i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        });
    }

    /// <summary>Polls until <paramref name="count"/> timers at <paramref name="activityId"/> have fired; returns their lags in seconds.</summary>
    private async Task<IReadOnlyList<double>> WaitForFiredAsync(string activityId, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using (var db = Context(connectionString))
            {
                var fired = await db.JournalEntries.CountAsync(j => j.Type == JournalTypes.TimerFired && j.ActivityId == activityId);
                if (fired >= count) break;
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"{database}: {fired} of {count} {activityId} timers fired after {timeout.TotalMinutes:0} min");
            }

            await Task.Delay(500);
        }

        return await LagsAsync(connectionString, activityId);
    }

    /// <summary>Each fired timer's lag: its <c>timer.fired</c> time minus the <c>dueAt</c> its <c>timer.scheduled</c> gave.</summary>
    private async Task<IReadOnlyList<double>> LagsAsync(string connection, string activityId)
    {
        await using var db = Context(connection);
        var entries = await db.JournalEntries.AsNoTracking()
            .Where(j => j.ActivityId == activityId && (j.Type == JournalTypes.TimerScheduled || j.Type == JournalTypes.TimerFired))
            .Select(j => new { j.InstanceId, j.Type, j.At, j.DataJson })
            .ToListAsync();
        var due = entries.Where(j => j.Type == JournalTypes.TimerScheduled)
            .ToDictionary(j => j.InstanceId, j => JsonNode.Parse(j.DataJson)!["dueAt"]!.GetValue<DateTimeOffset>());
        return [.. entries.Where(j => j.Type == JournalTypes.TimerFired).Select(j => (j.At - due[j.InstanceId]).TotalSeconds)];
    }

    private async Task<DateTimeOffset> LastDueAsync(string activityId)
    {
        await using var db = Context(connectionString);
        var data = await db.JournalEntries.AsNoTracking().Where(j => j.ActivityId == activityId && j.Type == JournalTypes.TimerScheduled).Select(j => j.DataJson).ToListAsync();
        return data.Max(json => JsonNode.Parse(json)!["dueAt"]!.GetValue<DateTimeOffset>());
    }

    private CarePathwayDbContext Context(string connection)
    {
        var builder = new DbContextOptionsBuilder<CarePathwayDbContext>();
        PersistenceExtensions.ConfigureProvider(builder, new DatabaseSettings(provider, connection));
        return new CarePathwayDbContext(builder.Options);
    }
}

internal sealed record TimerScaleFigures(string Database, int Instances, TimeSpan StartDuration, IReadOnlyList<double> LiveLagSeconds, int Overdue, TimeSpan RestartedIn, TimeSpan Drain)
{
    public string Row() =>
        $"  {Database,-10} {Instances,9} {Instances / StartDuration.TotalSeconds,9:0} {Percentiles.Of(LiveLagSeconds, 0.5),9:0.00} {Percentiles.Of(LiveLagSeconds, 0.99),9:0.00} {Percentiles.Of(LiveLagSeconds, 1),9:0.00} {Overdue,9} {RestartedIn.TotalSeconds,10:0.0} {Drain.TotalSeconds,9:0.0} {Overdue / (Drain - RestartedIn).TotalSeconds,9:0}";

    public const string Header = "  database   instances  starts/s   lag p50   lag p99   lag max   overdue  up after s  drained s  fired/s";
}
