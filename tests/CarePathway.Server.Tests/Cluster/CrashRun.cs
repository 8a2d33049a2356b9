using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using CarePathway.Server.Security;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Cluster;

/// <summary>How big a crash run is. <see cref="FromEnvironment"/> lets one command run a long one.</summary>
public sealed record CrashRunOptions(int Instances, int Kills, int Nodes = 3)
{
    public const string InstancesVariable = "CAREPATHWAY_CRASH_INSTANCES";
    public const string KillsVariable = "CAREPATHWAY_CRASH_KILLS";

    /// <summary>Timers of the run's instances are this many seconds long, each drawn at random.</summary>
    public (int Min, int Max) TimerSeconds { get; init; } = (2, 6);

    /// <summary>Seconds between one kill and the next, drawn at random: below a node's start-up time, so kills come back to back.</summary>
    public (double Min, double Max) KillGapSeconds { get; init; } = (1, 6);

    public static CrashRunOptions FromEnvironment(int instances, int kills) =>
        new(Read(InstancesVariable) ?? instances, Read(KillsVariable) ?? kills);

    private static int? Read(string variable) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), out var value) && value > 0 ? value : null;
}

/// <summary>
/// Several server nodes (real processes) on one PostgreSQL database, driven through the HTTP API by clients that go to
/// any node: instances of the sample pathway, each with three short timers (the NSAID trial, the response wait's
/// timeout, the follow-up) and two clinician decisions (the review, the escalation approval). Meanwhile nodes are
/// killed with SIGKILL at random moments and started again. Then every node is up, every instance must finish, and
/// <see cref="CrashChecks"/> reads the database.
/// </summary>
public sealed class CrashRun(CrashRunOptions options, string connectionString, string logFolder, Action<string> log)
{
    private readonly ConcurrentBag<Guid> instances = [];
    private readonly ConcurrentBag<(Guid TaskId, string Outcome)> completedWith200 = [];
    private readonly ConcurrentBag<Task> restarts = [];
    private int kills;

    public async Task<CrashReport> RunAsync()
    {
        var nodes = Enumerable.Range(1, options.Nodes).Select(i => new ServerNode($"node{i}", connectionString, logFolder)).ToList();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var clock = Stopwatch.StartNew();
        try
        {
            // All at once on the empty database: the start-up lock makes them take turns.
            nodes.ForEach(node => node.Start());
            await Task.WhenAll(nodes.Select(node => node.WaitReadyAsync(http, TimeSpan.FromMinutes(3))));
            log($"{nodes.Count} nodes ready after {clock.Elapsed.TotalSeconds:0.0} s");

            var client = new ClusterClient(nodes, http);
            await client.SignInAsync(DemoUsers.Coordinator, DemoUsers.Clinician, SecuritySeeder.DemoPassword);

            using var stop = new CancellationTokenSource();
            var decisions = DecideTasksAsync(client, stop.Token);
            var killing = KillAsync(nodes, http);
            await StartInstancesAsync(client, TimeSpan.FromSeconds(options.Kills * (options.KillGapSeconds.Min + options.KillGapSeconds.Max) / 2));
            await killing;
            await Task.WhenAll(restarts);
            await Task.WhenAll(nodes.Select(node => node.WaitReadyAsync(http, TimeSpan.FromMinutes(3))));
            var lastRestart = clock.Elapsed;
            log($"{kills} kills done, every node up again at {lastRestart.TotalSeconds:0.0} s; {instances.Count} instances started");

            // Three minutes, or more for a long run's backlog (the timers and decisions queued behind the kills).
            var finishWithin = TimeSpan.FromSeconds(Math.Max(180, 0.6 * instances.Count));
            var finished = await CrashChecks.WaitUntilFinishedAsync(connectionString, instances.Count, finishWithin);
            var settle = clock.Elapsed - lastRestart;
            await stop.CancelAsync();
            await decisions;

            return await CrashChecks.CheckAsync(connectionString, [.. instances], [.. completedWith200]) with
            {
                Kills = kills,
                Nodes = nodes.Count,
                Unanswered = client.Unanswered,
                ServerErrors = client.ServerErrors,
                Elapsed = clock.Elapsed,
                SettledAfterLastRestart = finished ? settle : null,
            };
        }
        finally
        {
            try
            {
                await Task.WhenAll(restarts);
            }
            finally
            {
                // Even when a restart failed (a node not ready in time): no node process outlives the run.
                nodes.ForEach(node => node.Dispose());
            }
        }
    }

    /// <summary>Kills a random running node (maybe one still starting), and starts it again a moment later.</summary>
    private async Task KillAsync(IReadOnlyList<ServerNode> nodes, HttpClient http)
    {
        for (var i = 0; i < options.Kills; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(Between(options.KillGapSeconds.Min, options.KillGapSeconds.Max)));
            var running = nodes.Where(node => node.Running).ToList();
            if (running.Count == 0) continue;
            var victim = running[Random.Shared.Next(running.Count)];
            victim.Kill();
            Interlocked.Increment(ref kills);
            log($"kill -9 {victim.Name} at {DateTime.UtcNow:HH:mm:ss.fff}");
            restarts.Add(RestartAsync(victim, http));
        }
    }

    private static async Task RestartAsync(ServerNode node, HttpClient http)
    {
        await Task.Delay(TimeSpan.FromSeconds(Between(0.5, 3)));
        node.Start();
        try
        {
            await node.WaitReadyAsync(http, TimeSpan.FromMinutes(3));
        }
        catch (InvalidOperationException)
        {
            // Killed again while starting: the kill that did it started it again.
        }
    }

    /// <summary>Starts the instances spread over <paramref name="over"/>, a few at a time.</summary>
    private async Task StartInstancesAsync(ClusterClient client, TimeSpan over)
    {
        var gap = over / options.Instances;
        using var slots = new SemaphoreSlim(4);
        var starts = new List<Task>();
        for (var i = 0; i < options.Instances; i++)
        {
            await slots.WaitAsync();
            starts.Add(StartOneAsync(client, i).ContinueWith(_ => slots.Release(), TaskScheduler.Default));
            await Task.Delay(gap);
        }

        await Task.WhenAll(starts);
    }

    private async Task StartOneAsync(ClusterClient client, int index)
    {
        var parameters = new JsonObject
        {
            ["nsaidTrialLength"] = TimerLength(),
            ["responseWait"] = TimerLength(),
            ["followUpAfter"] = TimerLength(),
        };
        while (true)
        {
            // A patient of its own: an unanswered create is simply made again (an extra patient is harmless).
            var patient = await client.AsCoordinatorAsync(HttpMethod.Post, "/api/patients", NewPatient(index));
            if (patient.Status != HttpStatusCode.Created)
            {
                await Task.Delay(200);
                continue;
            }

            var patientId = patient.Body!["id"]!.GetValue<Guid>();
            while (true)
            {
                var started = await client.AsCoordinatorAsync(HttpMethod.Post, "/api/instances",
                    new { definitionId = CarePathwayApi.Sample, patientId, parameters });
                if (started.Status == HttpStatusCode.Created)
                {
                    instances.Add(started.Body!["id"]!.GetValue<Guid>());
                    return;
                }

                if (started.Answered && started.Status != HttpStatusCode.ServiceUnavailable && (int)started.Status! < 500)
                    throw new InvalidOperationException($"Starting an instance was refused: {started.Status} {started.Body?.ToJsonString()}");

                // No answer (or a node failing while another dies): the start may have been committed. Look before starting again.
                await Task.Delay(200);
                var existing = (await client.ReadAsync($"/api/instances?patientId={patientId}", TimeSpan.FromMinutes(2))).Items();
                if (existing.Count > 0)
                {
                    instances.Add(existing[0].Id());
                    return;
                }
            }
        }
    }

    /// <summary>The clinician's worklist, read again and again: every review is escalated and every approval approved.</summary>
    private async Task DecideTasksAsync(ClusterClient client, CancellationToken stop)
    {
        var inFlight = new ConcurrentDictionary<Guid, bool>();
        while (!stop.IsCancellationRequested)
        {
            var page = await client.AsClinicianAsync(HttpMethod.Get, "/api/tasks?role=clinician&status=open&pageSize=200");
            if (page.Status == HttpStatusCode.OK)
            {
                var decisions = page.Body.Items()
                    .Select(task => (Id: task.Id(), Outcome: task.Str("kind") switch { "nsaid-review" => "escalate", "escalation-approval" => "approved", _ => null }))
                    .Where(task => task.Outcome is not null && inFlight.TryAdd(task.Id, true))
                    .ToList();
                await Parallel.ForEachAsync(decisions, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (task, _) =>
                {
                    var answer = await client.AsClinicianAsync(HttpMethod.Post, $"/api/tasks/{task.Id}/complete", new { outcome = task.Outcome });
                    if (answer.Status == HttpStatusCode.OK) completedWith200.Add((task.Id, task.Outcome!));
                    inFlight.TryRemove(task.Id, out var _);
                });
            }

            try
            {
                await Task.Delay(500, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private string TimerLength() => $"{Random.Shared.Next(options.TimerSeconds.Min, options.TimerSeconds.Max + 1)}s";

    private static object NewPatient(int index) => new
    {
        mrn = $"CRASH-{index}-{Guid.NewGuid():N}"[..40],
        givenName = "Crash",
        familyName = $"Test{index}",
        birthDate = "2014-01-05",
        sex = "female",
        diagnosis = "CRMO", service = "paediatric-rheumatology",
        weightKg = 40,
        heightCm = 150,
        facts = new JsonObject(),
    };

    private static double Between(double min, double max) => min + (Random.Shared.NextDouble() * (max - min));
}
