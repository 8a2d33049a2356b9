using CarePathway.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CarePathway.Server.Tests.Cluster;

/// <summary>
/// Three server processes on one PostgreSQL database, nodes killed with SIGKILL at random moments and started again
/// while clients drive pathways through the API (<see cref="CrashRun"/>). Afterwards: every timer fired exactly once
/// (journal) and none early, no task completed twice, every completion answered 200 is in the journal, no instance
/// stuck, no timer left unfired, no incident. CI runs it small; a long run is the same test with
/// <c>CAREPATHWAY_CRASH_INSTANCES</c> and <c>CAREPATHWAY_CRASH_KILLS</c> set (Cluster/README.md).
/// </summary>
public sealed class ThreeNodeCrashTests(PostgresDatabase database, ITestOutputHelper output) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Nodes_killed_at_random_moments_lose_nothing_and_fire_every_timer_once()
    {
        var options = CrashRunOptions.FromEnvironment(instances: 8, kills: 3);
        var logFolder = Path.Combine(Path.GetTempPath(), "carepathway-crash", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(logFolder);
        var run = new CrashRun(options, database.ConnectionString, logFolder, line => output.WriteLine(line));

        var report = await run.RunAsync();

        var figures = report.Figures();
        output.WriteLine(figures);
        await File.WriteAllTextAsync(Path.Combine(logFolder, "figures.txt"), figures + Environment.NewLine + string.Join(Environment.NewLine, report.Violations));
        Assert.True(report.Violations.Count == 0,
            $"{figures}\n{string.Join("\n", report.Violations.Take(30))}\nnode logs: {logFolder}");
        Assert.Equal(options.Instances, report.Instances);
        Assert.Equal(options.Kills, report.Kills);
        Assert.Equal(3 * options.Instances, report.Timers);
    }
}
