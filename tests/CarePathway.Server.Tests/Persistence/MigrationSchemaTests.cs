using CarePathway.Server.Persistence;
using CarePathway.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Tests.Persistence;

/// <summary>
/// Each provider's generated migrations against its model: EF's own pending-changes check (the model against the
/// provider's snapshot), and a database built by the migrations against one built from the model (what a hand edit
/// of a generated migration could break).
/// </summary>
public abstract class MigrationSchemaTests
{
    protected abstract DatabaseProvider Provider { get; }

    protected abstract Task<string> NewDatabaseAsync(string purpose);

    /// <summary>The pending-changes check compares the model with the snapshot and opens no database.</summary>
    private string UnopenedDatabase => Provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=localhost;Database=unused";

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

    [Fact]
    public void The_model_has_no_change_that_no_migration_covers()
    {
        using var db = TestDatabases.CreateContext(Provider, UnopenedDatabase);

        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changes no {Provider} migration covers: add one (src/CarePathway.Server/README.md, \"Migrations\").");
    }

    [Fact]
    public void A_model_change_without_its_migration_is_reported()
    {
        var options = new DbContextOptionsBuilder<CarePathwayDbContext>();
        PersistenceExtensions.ConfigureProvider(options, new DatabaseSettings(Provider, UnopenedDatabase));
        using var db = new ContextWithANewColumn(options.Options);

        Assert.True(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public async Task Migrations_apply_to_an_empty_database_and_produce_the_model_schema()
    {
        var migrated = await MigratedSchemaAsync(await NewDatabaseAsync("migrated"));
        var model = await ModelSchema.ReadAsync(Provider, await NewDatabaseAsync("model"));

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

        var diff = SchemaReader.Diff(await ModelSchema.ReadAsync(Provider, await NewDatabaseAsync("model")), await SchemaReader.ReadAsync(Provider, connectionString));

        Assert.Contains(diff, line => line.StartsWith("+ ", StringComparison.Ordinal) && line.Contains("Nickname", StringComparison.Ordinal));
        Assert.Contains(diff, line => line.StartsWith("- ", StringComparison.Ordinal) && line.Contains("IX_Bookmarks_InstanceId", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_database_records_the_providers_own_migrations_as_applied()
    {
        await using var db = TestDatabases.CreateContext(Provider, await NewDatabaseAsync("history"));
        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(LegacyMigrationHistory.BaselineMigrationId, db.Database.GetMigrations().First());
    }

    /// <summary>The model with one more column than the snapshots know.</summary>
    private sealed class ContextWithANewColumn(DbContextOptions<CarePathwayDbContext> options) : CarePathwayDbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder builder)
        {
            base.OnModelCreating(builder);
            builder.Entity<Patient>().Property<string>("Nickname");
        }
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
