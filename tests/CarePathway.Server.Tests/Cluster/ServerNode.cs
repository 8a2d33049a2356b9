using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Cluster;

/// <summary>
/// One server node as a real process (<c>dotnet CarePathway.Server.dll</c> from the server's own build output) on a
/// fixed local port, so a restarted node answers at the same address. <see cref="Kill"/> is <c>kill -9</c>: the
/// process gets no chance to finish anything. Its console goes to <see cref="LogPath"/>, appended across restarts.
/// </summary>
public sealed class ServerNode : IDisposable
{
    private readonly IReadOnlyDictionary<string, string> environment;
    private Process? process;

    public ServerNode(string name, string postgresConnectionString, string logFolder)
    {
        Name = name;
        Port = FreePort();
        LogPath = Path.Combine(logFolder, name + ".log");
        environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development", // the demo users; the key ring unencrypted (no certificate here)
            ["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/'),
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__CarePathway"] = Pooled(postgresConnectionString),
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        };
    }

    /// <summary>
    /// The test database's connection string (unpooled, for the test's own short-lived connections) pooled as a node in
    /// production runs it (deploy/configuration.md: 30 per node on 2 cores). Unpooled, every query of a node opened a
    /// new TLS session and backend: a dispatch pass of 300 pending timers held the dispatch lock for minutes, and a
    /// restarted node's start-up pass waited behind it past the 3-minute ready limit (the first long runs' failure).
    /// </summary>
    private static string Pooled(string connectionString) =>
        new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Pooling = true, MaxPoolSize = 30 }.ConnectionString;

    public string Name { get; }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public string LogPath { get; }

    public bool Running => process is { HasExited: false };

    /// <summary>The server's build output next to this test's: <c>src/CarePathway.Server/bin/&lt;configuration&gt;/net10.0</c>.</summary>
    public static string ServerFolder()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testOutput.Parent!.Name;
        var folder = RepositoryPaths.Of("src", "CarePathway.Server", "bin", configuration, testOutput.Name);
        if (!File.Exists(Path.Combine(folder, "CarePathway.Server.dll")))
            throw new InvalidOperationException($"No server build in {folder}: build the solution (or src/CarePathway.Server) in {configuration} first.");
        return folder;
    }

    /// <summary>Starts the process (not waiting for it to be ready).</summary>
    public void Start()
    {
        if (Running) throw new InvalidOperationException($"{Name} is already running.");
        File.AppendAllText(LogPath, $"==== start {DateTime.UtcNow:O}{Environment.NewLine}");
        var folder = ServerFolder();
        // exec: the shell becomes the server, so the pid killed is the server's own; the shell's redirection keeps the
        // console in the log file without a pipe this process would have to drain.
        var start = new ProcessStartInfo("bash") { WorkingDirectory = folder, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec dotnet CarePathway.Server.dll >>\"$0\" 2>&1");
        start.ArgumentList.Add(LogPath);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        process = Process.Start(start) ?? throw new InvalidOperationException($"{Name} did not start.");
    }

    /// <summary>SIGKILL (what <c>kill -9</c> sends), then waits until the process is gone.</summary>
    public void Kill()
    {
        if (process is null || process.HasExited) return;
        File.AppendAllText(LogPath, $"==== kill -9 {DateTime.UtcNow:O}{Environment.NewLine}");
        process.Kill(entireProcessTree: false);
        process.WaitForExit();
        process.Dispose();
        process = null;
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200 (database migrated, job storage answering).</summary>
    public async Task WaitReadyAsync(HttpClient http, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (!Running) throw new InvalidOperationException($"{Name} exited while starting; see {LogPath}.");
            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, "health/ready"));
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{Name} not ready after {timeout.TotalSeconds:0} s; see {LogPath}.");
            await Task.Delay(250);
        }
    }

    public void Dispose() => Kill();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
