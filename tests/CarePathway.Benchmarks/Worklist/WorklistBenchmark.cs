using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CarePathway.Benchmarks.Persistence;
using CarePathway.Engine.Runtime;
using CarePathway.Server.Persistence;
using CarePathway.Server.Security;
using Microsoft.Extensions.DependencyInjection;

namespace CarePathway.Benchmarks.Worklist;

/// <summary>One worklist request, as the web app sends it, by whom (which services they hold), and what it took.</summary>
internal sealed record WorklistFigures(string Database, string Query, string Who, string Url, int Total, IReadOnlyList<double> LatenciesMs)
{
    public double MeanMs => LatenciesMs.Average();

    public double Percentile(double p) => Percentiles.Of(LatenciesMs, p);
}

/// <summary>
/// The worklist with <see cref="WorklistSeed.OpenTasks"/> open tasks, through the server's public surface: the whole
/// server in process (WebApplicationFactory, Development, scheduler off) on a seeded database, a coordinator signed
/// in with a bearer token, and each tab's <c>GET /api/tasks</c> timed end to end (routing, authentication, MediatR,
/// both SQL queries, JSON) - sequentially, after a warm-up. Each query is asked by the demo coordinator, who holds
/// every service, and by a coordinator of one service of three (issue 12: the patient scope narrows every list
/// through the query filters, so its cost shows as the difference).
/// </summary>
internal sealed class WorklistBenchmark(string database, DatabaseProvider provider, string connectionString, int iterations, int warmUp)
{
    /// <summary>
    /// The web app's tabs (each a server view, page size 25, as it asks), the counts it asks for beside them (every
    /// tab's count, the kinds, the suspended pathways), then a deep page, the other sorts, the filters and one patient's tasks.
    /// </summary>
    private static readonly (string Name, string Path, string Query)[] Queries =
    [
        ("Counts of every tab", "/api/tasks/counts", ""),
        ("Due today", Tasks, "view=today"),
        ("Overdue", Tasks, "view=overdue"),
        ("Upcoming", Tasks, "view=upcoming"),
        ("No due date", Tasks, "view=undated"),
        ("Held", Tasks, "view=held"),
        ("Waiting for approval", Tasks, "view=approval"),
        ("Missing labs", Tasks, "view=missing-labs"),
        ("All open, first page", Tasks, "view=all"),
        ("All open, page 300 (deep)", Tasks, "view=all&page=300"),
        ("All open, newest first", Tasks, "view=all&sort=created"),
        ("All open, by patient", Tasks, "view=all&sort=patient"),
        ("Upcoming, newest first", Tasks, "view=upcoming&sort=created"),
        ("Missing labs, page 40 (deep)", Tasks, "view=missing-labs&page=40"),
        ("My work (assignee=me)", Tasks, "view=all&assignee=me"),
        ("Unassigned, due today", Tasks, "view=today&assignee=none"),
        ("Patient search", Tasks, "view=all&patient=family42"),
        ("Counts, patient search", "/api/tasks/counts", "patient=family42"),
        ("Counts, my work", "/api/tasks/counts", "assignee=me"),
        ("One patient's tasks", Tasks, "patientId={patient}"),
    ];

    private const string Tasks = "/api/tasks";

    public async Task<IReadOnlyList<WorklistFigures>> RunAsync(CancellationToken ct)
    {
        await using var server = new BenchmarkServer(provider, connectionString, scheduling: false);
        var client = server.CreateClient();
        var seeding = Stopwatch.StartNew();
        Guid patientId;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CarePathwayDbContext>();
            await WorklistSeed.SeedAsync(db, TimeProvider.System.GetUtcNow(), ct);
            patientId = db.HumanTasks.Where(t => t.Status == HumanTaskStatus.Open).Select(t => t.PatientId).First();
        }

        Console.WriteLine($"{database}: seeded {WorklistSeed.OpenTasks} open and {WorklistSeed.ClosedTasks} closed tasks of {WorklistSeed.Patients} patients in {seeding.Elapsed.TotalSeconds:F1} s");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await BenchmarkServer.BearerTokenAsync(client, "coordinator", ct));
        var oneService = server.CreateClient();
        oneService.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await OneServiceCoordinatorTokenAsync(server, ct));

        var figures = new List<WorklistFigures>();
        foreach (var (name, path, query) in Queries)
        {
            var list = path == Tasks ? "status=open&pageSize=25&" : "";
            var url = $"{path}?{list}{query.Replace("{patient}", patientId.ToString(), StringComparison.Ordinal)}".TrimEnd('&', '?');
            figures.Add(await MeasureAsync(client, name, "every service", url, ct));
            figures.Add(await MeasureAsync(oneService, name, "one service", url, ct));
        }

        return figures;
    }

    private async Task<WorklistFigures> MeasureAsync(HttpClient client, string name, string who, string url, CancellationToken ct)
    {
        var total = 0;
        for (var i = 0; i < warmUp; i++) total = await GetTotalAsync(client, url, ct);
        var latencies = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await GetTotalAsync(client, url, ct);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        return new WorklistFigures(database, name, who, url, total, latencies);
    }

    /// <summary>A coordinator of the first demo service only, made by the demo administrator through the accounts API; its bearer token.</summary>
    private static async Task<string> OneServiceCoordinatorTokenAsync(BenchmarkServer server, CancellationToken ct)
    {
        var admin = server.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await BenchmarkServer.BearerTokenAsync(admin, "admin", ct));
        const string name = "bench-one-service";
        var created = await admin.PostAsJsonAsync("/api/accounts", new
        {
            userName = name,
            password = SecuritySeeder.DemoPassword,
            roles = new[] { Roles.Coordinator },
            services = new[] { SecuritySeeder.DemoServices[0].Code },
        }, ct);
        created.EnsureSuccessStatusCode();
        return await BenchmarkServer.BearerTokenAsync(admin, name, ct);
    }

    /// <summary>
    /// The whole response is read and parsed, as a client would, so serialisation and transfer are counted. A page
    /// answers its total; the counts answer the "all" view's.
    /// </summary>
    private static async Task<int> GetTotalAsync(HttpClient client, string url, CancellationToken ct)
    {
        using var response = await client.GetAsync(url, ct);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return body.RootElement.TryGetProperty("total", out var total)
            ? total.GetInt32()
            : body.RootElement.GetProperty("views").EnumerateArray().Single(v => v.GetProperty("view").GetString() == "all").GetProperty("count").GetInt32();
    }
}

/// <summary>How many timed requests per query, after how many untimed ones.</summary>
internal static class WorklistBenchmarkRuns
{
    public const int Iterations = 200;
    public const int WarmUp = 20;
}
