using System.Data.Common;
using System.Globalization;
using CarePathway.Server.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CarePathway.Server.Tests.Infrastructure;

/// <summary>
/// Reads a database's schema back as sorted lines of text: one per column (type, nullability,
/// identity/default), primary key, index (with uniqueness and column order) and foreign key.
/// EF's own __EF tables are left out: they are not in the model (Hangfire's tables live in a schema of their own).
/// Two schemas are equal when their lines are.
/// </summary>
public static class SchemaReader
{
    public static async Task<IReadOnlyList<string>> ReadAsync(DatabaseProvider provider, string connectionString) =>
        provider == DatabaseProvider.Sqlite ? await ReadSqliteAsync(connectionString) : await ReadPostgresAsync(connectionString);

    public static bool IsModelTable(string table) =>
        !table.StartsWith("__EF", StringComparison.Ordinal)
        && !table.StartsWith("sqlite_", StringComparison.Ordinal);

    /// <summary>Lines in <paramref name="expected"/> but not <paramref name="actual"/> ("- ") and the reverse ("+ ").</summary>
    public static IReadOnlyList<string> Diff(IReadOnlyList<string> expected, IReadOnlyList<string> actual) =>
        expected.Except(actual).Select(x => "- " + x).Concat(actual.Except(expected).Select(x => "+ " + x)).ToList();

    public static async Task<IReadOnlyList<string>> ReadSqliteAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var lines = new List<string>();
        var tables = await QueryAsync(connection, "SELECT name, sql FROM sqlite_master WHERE type = 'table'", r => (Name: r.GetString(0), Sql: r.GetString(1)));
        foreach (var (table, sql) in tables.Where(t => IsModelTable(t.Name)))
        {
            lines.Add($"{table} TABLE{(sql.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase) ? " AUTOINCREMENT" : "")}");
            var columns = await QueryAsync(connection, $"PRAGMA table_info(\"{table}\")", r => (
                Name: r.GetString(1), Type: r.GetString(2), NotNull: r.GetInt64(3) != 0, Default: r.IsDBNull(4) ? null : r.GetString(4), Pk: r.GetInt64(5)));
            foreach (var c in columns)
            {
                lines.Add($"{table}.{c.Name} {c.Type} {(c.NotNull ? "NOT NULL" : "NULL")}{(c.Default is null ? "" : " DEFAULT " + c.Default)}");
            }

            var pk = columns.Where(c => c.Pk > 0).OrderBy(c => c.Pk).Select(c => c.Name);
            lines.Add($"{table} PRIMARY KEY ({string.Join(", ", pk)})");

            var indexes = await QueryAsync(connection, $"PRAGMA index_list(\"{table}\")", r => (Name: r.GetString(1), Unique: r.GetInt64(2) != 0, Origin: r.GetString(3)));
            foreach (var index in indexes.Where(i => i.Origin != "pk"))
            {
                var indexColumns = await QueryAsync(connection, $"PRAGMA index_info(\"{index.Name}\")", r => (Seq: r.GetInt64(0), Name: r.GetString(2)));
                lines.Add($"{table} INDEX {index.Name}{(index.Unique ? " UNIQUE" : "")} ({string.Join(", ", indexColumns.OrderBy(c => c.Seq).Select(c => c.Name))})");
            }

            var foreignKeys = await QueryAsync(connection, $"PRAGMA foreign_key_list(\"{table}\")", r => (
                Id: r.GetInt64(0), Seq: r.GetInt64(1), Table: r.GetString(2), From: r.GetString(3), To: r.GetString(4), OnDelete: r.GetString(6)));
            foreach (var fk in foreignKeys.GroupBy(f => f.Id))
            {
                var ordered = fk.OrderBy(f => f.Seq).ToList();
                lines.Add($"{table} FOREIGN KEY ({string.Join(", ", ordered.Select(f => f.From))}) REFERENCES {ordered[0].Table} ({string.Join(", ", ordered.Select(f => f.To))}) ON DELETE {ordered[0].OnDelete}");
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    public static async Task<IReadOnlyList<string>> ReadPostgresAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var lines = new List<string>();

        var columns = await QueryAsync(connection, """
            SELECT table_name, column_name, udt_name, character_maximum_length, numeric_precision, numeric_scale,
                   is_nullable, is_identity, identity_generation, column_default
            FROM information_schema.columns
            WHERE table_schema = 'public'
            """, r => (
                Table: r.GetString(0), Name: r.GetString(1), Type: r.GetString(2),
                Length: r.IsDBNull(3) ? (int?)null : r.GetInt32(3),
                Precision: r.IsDBNull(4) ? (int?)null : r.GetInt32(4),
                Scale: r.IsDBNull(5) ? (int?)null : r.GetInt32(5),
                Nullable: r.GetString(6) == "YES",
                Identity: r.GetString(7) == "YES" ? " IDENTITY " + r.GetString(8) : "",
                Default: r.IsDBNull(9) ? null : r.GetString(9)));
        foreach (var c in columns.Where(c => IsModelTable(c.Table)))
        {
            var type = c.Type
                + (c.Length is { } length ? $"({length})" : "")
                + (c.Type == "numeric" && c.Precision is { } precision ? string.Create(CultureInfo.InvariantCulture, $"({precision},{c.Scale})") : "");
            lines.Add($"{c.Table}.{c.Name} {type} {(c.Nullable ? "NULL" : "NOT NULL")}{c.Identity}{(c.Default is null ? "" : " DEFAULT " + c.Default)}");
        }

        var indexes = await QueryAsync(connection, "SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public'", r => (Table: r.GetString(0), Definition: r.GetString(1)));
        lines.AddRange(indexes.Where(i => IsModelTable(i.Table)).Select(i => $"{i.Table} {i.Definition}"));

        var constraints = await QueryAsync(connection, """
            SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
            FROM pg_constraint c
            WHERE c.connamespace = 'public'::regnamespace AND c.contype IN ('p', 'u', 'f', 'c')
            """, r => (Table: r.GetString(0).Trim('"'), Name: r.GetString(1), Definition: r.GetString(2)));
        lines.AddRange(constraints.Where(c => IsModelTable(c.Table)).Select(c => $"{c.Table} CONSTRAINT {c.Name} {c.Definition}"));

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static async Task<List<T>> QueryAsync<T>(DbConnection connection, string sql, Func<DbDataReader, T> map)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var result = new List<T>();
        while (await reader.ReadAsync())
        {
            result.Add(map(reader));
        }

        return result;
    }
}
