using CarePathway.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Tests.Infrastructure;

/// <summary>The schema the model itself creates (no migrations), as <see cref="SchemaReader"/> reads it: what every migrated database must match.</summary>
public static class ModelSchema
{
    public static async Task<IReadOnlyList<string>> ReadAsync(DatabaseProvider provider, string emptyDatabase)
    {
        await using var db = TestDatabases.CreateContext(provider, emptyDatabase);
        if (provider == DatabaseProvider.Postgres)
        {
            // EnsureCreated skips an existing (empty) database on PostgreSQL; run the model's own script instead.
            await db.Database.ExecuteSqlRawAsync(db.Database.GenerateCreateScript());
        }
        else
        {
            await db.Database.EnsureCreatedAsync();
        }

        return await SchemaReader.ReadAsync(provider, emptyDatabase);
    }
}
