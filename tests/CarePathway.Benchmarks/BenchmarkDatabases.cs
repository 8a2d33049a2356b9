using CarePathway.Benchmarks.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CarePathway.Benchmarks;

/// <summary>A fresh database per benchmark, removed afterwards: a SQLite file in the temporary folder, or a PostgreSQL database.</summary>
internal static class BenchmarkDatabases
{
    public const string PostgresVariable = "CAREPATHWAY_TEST_POSTGRES";

    /// <summary>Runs <paramref name="body"/> on a new SQLite file (its connection string), then deletes the file.</summary>
    public static async Task<T> WithSqliteAsync<T>(Func<string, Task<T>> body)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"carepathway-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            return await body(new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "bench.db") }.ConnectionString);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Runs <paramref name="body"/> on a new database (<c>cp_bench_&lt;guid&gt;</c>) of the server named by
    /// <see cref="PostgresVariable"/>, then drops it. Without the variable, or when the server does not answer,
    /// nothing runs and the reason comes back (this is a tool, not a test: it says why instead of failing).
    /// </summary>
    public static async Task<(T? Result, SkippedDatabase? Skipped)> WithPostgresAsync<T>(Func<string, Task<T>> body)
    {
        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(admin))
            return Skip($"{PostgresVariable} is not set (run `eval \"$(tests/postgres-up.sh --export)\"` first)");

        var name = $"cp_bench_{Guid.NewGuid():N}";
        try
        {
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            return Skip($"PostgreSQL not reachable with {PostgresVariable}: {ex.Message}");
        }

        try
        {
            return (await body(new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString), null);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        static (T?, SkippedDatabase?) Skip(string reason)
        {
            Console.WriteLine($"PostgreSQL: skipped: {reason}.");
            return (default, new SkippedDatabase("PostgreSQL", reason));
        }
    }
}
