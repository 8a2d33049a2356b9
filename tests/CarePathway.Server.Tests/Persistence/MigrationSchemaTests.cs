using CarePathway.Server.Persistence;
using CarePathway.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Tests.Persistence;

/// <summary>
/// The hand-written migrations stand in for EF's model snapshot: a database built by the
/// migrations must have exactly the schema a database built from the model has.
/// </summary>
public abstract class MigrationSchemaTests
{
    protected abstract DatabaseProvider Provider { get; }

    protected abstract Task<string> NewDatabaseAsync(string purpose);

    private async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var db = TestDatabases.CreateContext(Provider, connectionString);
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    private async Task<IReadOnlyList<string>> MigratedSchemaAsync(string connectionString)
    {
        await using var db = TestDatabases.CreateContext(Provider, connectionString);
        await db.Database.MigrateAsync();
        return await SchemaReader.ReadAsync(Provider, connectionString);
    }

    private async Task<IReadOnlyList<string>> ModelSchemaAsync()
    {
        var connectionString = await NewDatabaseAsync("model");
        await using var db = TestDatabases.CreateContext(Provider, connectionString);
        if (Provider == DatabaseProvider.Postgres)
        {
            // EnsureCreated skips an existing (empty) database on PostgreSQL; run the model's own script instead.
            await db.Database.ExecuteSqlRawAsync(db.Database.GenerateCreateScript());
        }
        else
        {
            await db.Database.EnsureCreatedAsync();
        }

        return await SchemaReader.ReadAsync(Provider, connectionString);
    }

    [Fact]
    public async Task Migrations_apply_to_an_empty_database_and_produce_the_model_schema()
    {
        var migrated = await MigratedSchemaAsync(await NewDatabaseAsync("migrated"));
        var model = await ModelSchemaAsync();

        Assert.NotEmpty(model);
        var diff = SchemaReader.Diff(model, migrated);
        Assert.True(diff.Count == 0, "Migrated schema differs from the model (- model only, + migration only):\n" + string.Join("\n", diff));
    }

    [Fact]
    public async Task The_schema_comparison_notices_a_column_the_model_lacks()
    {
        var connectionString = await NewDatabaseAsync("drift");
        await MigratedSchemaAsync(connectionString);
        await ExecuteAsync(connectionString, "ALTER TABLE \"Patients\" ADD COLUMN \"Nickname\" text NULL");
        await ExecuteAsync(connectionString, "DROP INDEX \"IX_Bookmarks_InstanceId\"");

        var diff = SchemaReader.Diff(await ModelSchemaAsync(), await SchemaReader.ReadAsync(Provider, connectionString));

        Assert.Contains(diff, line => line.StartsWith("+ ", StringComparison.Ordinal) && line.Contains("Nickname", StringComparison.Ordinal));
        Assert.Contains(diff, line => line.StartsWith("- ", StringComparison.Ordinal) && line.Contains("IX_Bookmarks_InstanceId", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Migrations_leave_no_quartz_job_store_tables_and_are_recorded_as_applied()
    {
        var connectionString = await NewDatabaseAsync("quartz");
        await using var db = TestDatabases.CreateContext(Provider, connectionString);
        await db.Database.MigrateAsync();

        var tables = Provider == DatabaseProvider.Sqlite
            ? await db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name LIKE 'QRTZ%'").ToListAsync()
            : await db.Database.SqlQueryRaw<string>("SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 'qrtz%'").ToListAsync();
        Assert.Empty(tables);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(
            ["20261122000001_Initial", "20261122000002_QuartzJobStore", "20261122000003_WorklistLabHold", "20261201000001_PendingDeliveries",
                "20261201000002_DropQuartzJobStore", "20261210000001_DataProtectionKeys", "20261215000001_LabEnteredInError", "20261224000001_Accounts"],
            (await db.Database.GetAppliedMigrationsAsync()).ToList());
    }
}

public sealed class SqliteMigrationSchemaTests(SqliteDatabase database) : MigrationSchemaTests, IClassFixture<SqliteDatabase>
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task<string> NewDatabaseAsync(string purpose) => Task.FromResult(database.CreateExtra(purpose));
}

public sealed class PostgresMigrationSchemaTests(PostgresDatabase database) : MigrationSchemaTests, IClassFixture<PostgresDatabase>
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override Task<string> NewDatabaseAsync(string purpose) => database.CreateExtraAsync(purpose);
}
