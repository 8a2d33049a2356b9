using System.Diagnostics;
using CarePathway.Server.Persistence;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CarePathway.Benchmarks.Ward;

/// <summary>How the ward is loaded: the client counts in turn, each for a warm-up then a measured period.</summary>
internal sealed record WardLoadOptions(IReadOnlyList<int> Clients, TimeSpan WarmUp, TimeSpan Measured, int PatientsPerClient)
{
    public static WardLoadOptions Default { get; } = new([10, 50, 200], TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(20), 2);
}

/// <summary>
/// A ward's mix (<see cref="WardMix"/>) over real HTTP: the whole server on Kestrel (scheduler on, as in production),
/// each client a loop of requests with no think time, every answer read whole. Per client count it prints each
/// operation's throughput, p50 and p99 from the client's side, and every error (status code, or what failed).
/// </summary>
internal sealed class WardLoadBenchmark(string database, DatabaseProvider provider, string connectionString, WardLoadOptions options)
{
    /// <summary>Admissions before the run go this many at a time, so setting up 200 clients does not measure itself.</summary>
    private const int SetUpConcurrency = 8;

    public async Task<IReadOnlyList<WardFigures>> RunAsync(CancellationToken ct)
    {
        var server = new BenchmarkServer(provider, connectionString, scheduling: true);
        try
        {
            return await RunOnAsync(server, ct);
        }
        finally
        {
            await StopAsync(server);
        }
    }

    /// <summary>A server that cannot stop cleanly after the load (jobs still running) is a finding, not a reason to lose the figures.</summary>
    private async Task StopAsync(BenchmarkServer server)
    {
        try
        {
            await server.DisposeAsync();
        }
        catch (Exception ex) when (ex is OperationCanceledException or AggregateException)
        {
            Console.WriteLine($"{database}: the server did not stop cleanly after the load: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private async Task<IReadOnlyList<WardFigures>> RunOnAsync(BenchmarkServer server, CancellationToken ct)
    {
        server.UseKestrel(0);
        server.StartServer();
        var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients.Max() };
        // Long enough that a collapse shows as latency, not as a wall of client timeouts.
        using var http = new HttpClient(handler) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(120) };
        var coordinator = await BenchmarkServer.BearerTokenAsync(http, "coordinator", ct);
        var clinician = await BenchmarkServer.BearerTokenAsync(http, "clinician", ct);

        var figures = new List<WardFigures>();
        var clients = new List<WardClient>();
        foreach (var count in options.Clients)
        {
            var setUp = Stopwatch.StartNew();
            var added = Enumerable.Range(clients.Count, Math.Max(0, count - clients.Count)).Select(i => new WardClient(http, coordinator, clinician, seed: i)).ToList();
            await Parallel.ForEachAsync(added.SelectMany(c => Enumerable.Repeat(c, options.PatientsPerClient)),
                new ParallelOptions { MaxDegreeOfParallelism = SetUpConcurrency, CancellationToken = ct }, async (client, token) => await client.AdmitAsync(token));
            clients.AddRange(added);
            Console.WriteLine($"{database}: {count} clients ready ({added.Count * options.PatientsPerClient} admissions in {setUp.Elapsed.TotalSeconds:F1} s); warm-up {options.WarmUp.TotalSeconds:F0} s, measuring {options.Measured.TotalSeconds:F0} s");
            var level = new WardFigures(database, count, options.Measured);
            await RunLevelAsync(clients.Take(count).ToList(), new WardFigures(database, count, options.WarmUp), options.WarmUp, ct);
            await RunLevelAsync(clients.Take(count).ToList(), level, options.Measured, ct);
            figures.Add(level);
            foreach (var line in level.Lines()) Console.WriteLine(line);
        }

        return figures;
    }

    /// <summary>Every client loops until <paramref name="period"/> is over; what it did goes into <paramref name="figures"/>.</summary>
    private static async Task RunLevelAsync(IReadOnlyList<WardClient> clients, WardFigures figures, TimeSpan period, CancellationToken ct)
    {
        using var over = CancellationTokenSource.CreateLinkedTokenSource(ct);
        over.CancelAfter(period);
        await Task.WhenAll(clients.Select(async client =>
        {
            while (!over.IsCancellationRequested)
            {
                // The last request of a period is finished (not cancelled), so its answer is counted where it belongs.
                await client.RunOneAsync(figures, ct);
            }
        }));
    }
}
