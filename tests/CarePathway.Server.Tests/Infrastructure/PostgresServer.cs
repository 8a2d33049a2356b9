using System.Diagnostics;
using System.Text.RegularExpressions;
using Npgsql;

namespace CarePathway.Server.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the tests run against: admin connection string from the environment
/// variable <c>CAREPATHWAY_TEST_POSTGRES</c>. When it is unset, <c>tests/postgres-up.sh --export</c>
/// is run once per test run (it installs and starts a local PostgreSQL if needed and prints the
/// connection string), so <c>dotnet test CarePathway.sln</c> works on a fresh machine.
/// Missing or unreachable PostgreSQL fails the test with an explanation; it is never skipped.
/// </summary>
public static partial class PostgresServer
{
    public const string EnvironmentVariable = "CAREPATHWAY_TEST_POSTGRES";

    /// <summary>How long opening a test connection may take (Npgsql waits 15 s by default).</summary>
    private const int ConnectTimeoutSeconds = 60;

    private static readonly Lazy<string> Started = new(StartLocalServer, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string AdminConnectionString
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(EnvironmentVariable);
            return string.IsNullOrWhiteSpace(value) ? Started.Value : value;
        }
    }

    /// <summary>Runs <c>tests/postgres-up.sh --export</c> (found by walking up to CarePathway.sln) and reads the connection string it exports.</summary>
    private static string StartLocalServer()
    {
        var advice = $"Set {EnvironmentVariable} to an admin connection string such as " +
            "Host=127.0.0.1;Port=5432;Username=carepathway;Password=carepathway;Database=postgres, or run " +
            "`eval \"$(tests/postgres-up.sh --export)\"` yourself and look at its output.";
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "CarePathway.sln"))) root = root.Parent;
        if (root is null)
        {
            throw new InvalidOperationException($"{EnvironmentVariable} is not set and no CarePathway.sln was found above {AppContext.BaseDirectory} to start PostgreSQL with tests/postgres-up.sh. {advice}");
        }

        var script = Path.Combine(root.FullName, "tests", "postgres-up.sh");
        var start = new ProcessStartInfo("bash") { WorkingDirectory = root.FullName, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add("--export");
        string output, errors;
        int exitCode;
        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
            var stderr = process.StandardError.ReadToEndAsync();
            output = process.StandardOutput.ReadToEnd();
            errors = stderr.GetAwaiter().GetResult();
            if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"{script} --export did not finish within 10 minutes. {advice}");
            }

            exitCode = process.ExitCode;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or IOException)
        {
            throw new InvalidOperationException($"{EnvironmentVariable} is not set and {script} could not be run: {ex.Message}. {advice}", ex);
        }

        var match = ExportLine().Match(output);
        if (exitCode != 0 || !match.Success)
        {
            throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set and `{script} --export` failed (exit code {exitCode}); its output:{Environment.NewLine}{output}{errors}{Environment.NewLine}{advice}");
        }

        return match.Groups["value"].Value;
    }

    /// <summary>The line the script prints: <c>export CAREPATHWAY_TEST_POSTGRES='...'</c>.</summary>
    [GeneratedRegex(@"^export CAREPATHWAY_TEST_POSTGRES='(?<value>[^']+)'\s*$", RegexOptions.Multiline)]
    private static partial Regex ExportLine();

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string purpose)
    {
        var admin = AdminConnectionString;
        var name = $"cp_test_{Sanitize(purpose)}_{Guid.NewGuid():N}"; // at most 8 + 20 + 1 + 32 = 61 characters
        try
        {
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"PostgreSQL is not reachable with {EnvironmentVariable} ({Describe(admin)}): {ex.Message}. " +
                "Start it with tests/postgres-up.sh.", ex);
        }

        // Without pooling every open is a new backend; on a loaded 2-core machine (a whole solution's tests at once, each
        // test host's job server polling every second) that can take longer than Npgsql's 15 s default to connect.
        return new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false, Timeout = ConnectTimeoutSeconds }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Sanitize(string purpose)
    {
        var chars = purpose.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c == '_').Take(20).ToArray();
        return new string(chars);
    }

    private static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"host {builder.Host}, port {builder.Port}, user {builder.Username}";
    }
}

/// <summary>
/// One PostgreSQL database per test class (xUnit class fixture): created before the first test,
/// dropped after the last. <see cref="CreateExtraAsync"/> makes more, dropped with it.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    private readonly List<string> extra = [];

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync() => ConnectionString = await PostgresServer.CreateDatabaseAsync("main");

    public async Task<string> CreateExtraAsync(string purpose)
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync(purpose);
        lock (extra)
        {
            extra.Add(connectionString);
        }

        return connectionString;
    }

    public async Task DisposeAsync()
    {
        foreach (var connectionString in extra.Append(ConnectionString).Where(x => x.Length > 0))
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }
}
