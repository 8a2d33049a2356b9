using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CarePathway.Server.Persistence;

/// <summary>
/// A unique key that two requests claimed at the same moment (the same MRN, the first draft of a
/// definition): the handler's own check saw nothing, so the database's unique index is what refused.
/// Read from either provider's error, in one place, so every such race answers the same 409.
/// </summary>
/// <param name="Entity">The entity, as the API names it (e.g. "patient").</param>
/// <param name="Current">The key's fields and the values this request tried to claim, which another record now holds.</param>
public sealed record UniqueViolation(string Entity, IReadOnlyDictionary<string, object?> Current)
{
    /// <summary>SQLite's extended codes for a UNIQUE and a PRIMARY KEY constraint (primary code 19, SQLITE_CONSTRAINT).</summary>
    private const int SqliteUnique = 2067, SqlitePrimaryKey = 1555;

    public string Message => $"another {Entity} with the same {string.Join(" and ", Current.Keys)} was saved at the same moment; nothing of this request was saved";

    /// <summary>The violation <paramref name="exception"/> reports, or null when it is not a unique-key violation.</summary>
    public static UniqueViolation? Of(DbUpdateException exception)
    {
        var (table, matches) = exception.InnerException switch
        {
            PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } p =>
                (p.TableName, (Func<Microsoft.EntityFrameworkCore.Metadata.IReadOnlyIndex, bool>)(i => i.GetDatabaseName() == p.ConstraintName)),
            SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: SqliteUnique or SqlitePrimaryKey } s when SqliteColumns(s.Message) is { } columns =>
                (columns.Table, i => i.Properties.Select(p => p.GetColumnName()).SequenceEqual(columns.Names)),
            _ => (null, null),
        };
        if (table is null || matches is null) return null;

        var entry = exception.Entries.FirstOrDefault(e => e.Metadata.GetTableName() == table);
        if (entry is null) return new UniqueViolation(table, new Dictionary<string, object?>());
        var key = entry.Metadata.GetIndexes().FirstOrDefault(i => i.IsUnique && matches(i))?.Properties
            ?? entry.Metadata.FindPrimaryKey()?.Properties ?? [];
        return new UniqueViolation(
            JsonNamingPolicy.CamelCase.ConvertName(entry.Metadata.ClrType.Name),
            key.ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), p => entry.Property(p.Name).CurrentValue));
    }

    /// <summary>SQLite names the columns in its message: "UNIQUE constraint failed: DefinitionVersions.DefinitionId, DefinitionVersions.Version".</summary>
    private static (string Table, string[] Names)? SqliteColumns(string message)
    {
        var start = message.IndexOf("failed: ", StringComparison.Ordinal);
        if (start < 0) return null;
        var list = message[(start + "failed: ".Length)..].TrimEnd('\'', '.', ' ');
        var columns = list.Split(", ").Select(c => c.Split('.')).Where(parts => parts.Length == 2).ToArray();
        return columns.Length == 0 ? null : (columns[0][0], columns.Select(parts => parts[1]).ToArray());
    }
}
