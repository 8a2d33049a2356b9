using Npgsql;

namespace CarePathway.Server.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the tests run against: admin connection string from the environment
/// variable <c>CAREPATHWAY_TEST_POSTGRES</c> (tests/postgres-up.sh starts a local one and prints it).
/// Missing or unreachable PostgreSQL fails the test with an explanation; it is never skipped.
/// </summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "CAREPATHWAY_TEST_POSTGRES";

    public static string AdminConnectionString
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new InvalidOperationException(
                    $"{EnvironmentVariable} is not set. The server tests need a real PostgreSQL: run " +
                    $"`eval \"$(tests/postgres-up.sh --export)\"` (or .ci/run), or set {EnvironmentVariable} to an admin " +
                    "connection string such as Host=127.0.0.1;Port=5432;Username=carepathway;Password=carepathway;Database=postgres.");
            }

            return value;
        }
    }

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

        return new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString;
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
