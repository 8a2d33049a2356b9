using System.Diagnostics;
using System.Text;

namespace CarePathway.Web.Tests.Unit;

/// <summary>
/// The web app's own checks, under the repository's one test command: ESLint (types, hooks, module
/// boundaries) and the Vitest unit tests of its pure modules, each run as `npm run ...` in
/// src/CarePathway.Web. Their output is the failure message. They run after the browser tests, not
/// beside them: type-aware linting takes the CPU the journeys' timeouts count on.
/// </summary>
[Collection(nameof(WebUnitTestsRunAlone))]
public sealed class WebUnitTests(WebAppPackages packages) : IClassFixture<WebAppPackages>
{
    [Fact]
    public async Task The_web_app_passes_lint()
    {
        var run = await packages.NpmAsync("run", "lint");

        Assert.True(run.ExitCode == 0, $"`npm run lint` in {packages.Directory} exited {run.ExitCode}:{Environment.NewLine}{run.Output}");
    }

    [Fact]
    public async Task The_web_apps_unit_tests_pass()
    {
        var run = await packages.NpmAsync("run", "test:unit");

        Assert.True(run.ExitCode == 0, $"`npm run test:unit` in {packages.Directory} exited {run.ExitCode}:{Environment.NewLine}{run.Output}");
        Assert.Contains("passed", run.Output, StringComparison.Ordinal);
    }
}

[CollectionDefinition(nameof(WebUnitTestsRunAlone), DisableParallelization = true)]
public sealed class WebUnitTestsRunAlone;

/// <summary>
/// src/CarePathway.Web with its packages installed. The server's build runs `npm ci` there already
/// (this project references the server); when it was skipped (`-p:SkipWebApp=true`) it runs here.
/// </summary>
public sealed class WebAppPackages : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public string Directory { get; } = Path.Combine(RepositoryRoot(), "src", "CarePathway.Web");

    public async Task InitializeAsync()
    {
        if (File.Exists(Path.Combine(Directory, "node_modules", ".package-lock.json"))) return;
        var install = await NpmAsync("ci", "--no-audit", "--no-fund");
        if (install.ExitCode != 0) throw new InvalidOperationException($"`npm ci` in {Directory} exited {install.ExitCode}:{Environment.NewLine}{install.Output}");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Runs npm with <paramref name="arguments"/> in the web app's folder; stdout and stderr together, uncoloured.</summary>
    public async Task<(int ExitCode, string Output)> NpmAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("npm") { WorkingDirectory = Directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["NO_COLOR"] = "1";
        start.Environment["FORCE_COLOR"] = "0";
        start.Environment["CI"] = "true";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("npm did not start (is Node.js installed?)");
        var output = new StringBuilder();
        var lines = new object();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (lines) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (lines) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            lock (lines) output.AppendLine($"(stopped after {Timeout.TotalMinutes} minutes)");
        }

        lock (lines) return (process.ExitCode, output.ToString());
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CarePathway.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("CarePathway.sln not found above " + AppContext.BaseDirectory);
    }
}
