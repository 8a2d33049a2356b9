using System.Net;
using CarePathway.Server.Persistence;
using CarePathway.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Tests.Persistence;

/// <summary>
/// A database built by the hand-written migrations that came before the generated ones (<c>LegacySchema/*.sql</c>: the
/// script EF generated from that chain, one per provider, history rows included) upgrades when the server starts on it:
/// recognised as having the baseline, no DDL run twice, its rows kept.
/// </summary>
public abstract class LegacyDatabaseUpgradeTests
{
    protected abstract DatabaseProvider Provider { get; }

    protected abstract Task<string> NewDatabaseAsync(string purpose);

    private async Task<string> LegacyDatabaseAsync(Func<string, bool>? keepStatement = null)
    {
        var connectionString = await NewDatabaseAsync("legacy");
        var script = await File.ReadAllTextAsync(RepositoryPaths.Of("tests", "CarePathway.Server.Tests", "Persistence", "LegacySchema", $"{Provider.ToString().ToLowerInvariant()}.sql"));
        if (keepStatement is not null)
        {
            script = string.Join(";", script.Split(';').Where(keepStatement));
        }

        await using var db = TestDatabases.CreateContext(Provider, connectionString);
        await db.Database.ExecuteSqlRawAsync(script);
        return connectionString;
    }

    [Fact]
    public async Task A_database_of_the_hand_written_migrations_upgrades_at_start_up_keeping_its_rows()
    {
        var connectionString = await LegacyDatabaseAsync();
        var patientId = Guid.NewGuid();
        await using (var db = TestDatabases.CreateContext(Provider, connectionString))
        {
            // Written in the old schema's own columns (today's model has more, e.g. the patient's service), each in the form its provider stores.
            var sqlite = Provider == DatabaseProvider.Sqlite;
            object id = sqlite ? patientId.ToString().ToUpperInvariant() : patientId;
            object birthDate = sqlite ? "1950-03-01" : new DateOnly(1950, 3, 1);
            object createdAt = sqlite ? DateTimeOffset.UtcNow.UtcTicks : DateTimeOffset.UtcNow;
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "Patients" ("Id", "Mrn", "GivenName", "FamilyName", "BirthDate", "Sex", "Diagnosis", "FactsJson", "CreatedAt", "RowVersion")
                VALUES ({id}, 'LEGACY-1', 'Ada', 'Old', {birthDate}, 'unknown', '', {"{}"}, {createdAt}, 0)
                """);
        }

        var server = new ExistingDatabaseAppFactory(Provider, connectionString);
        var patient = await server.RunAsync(async app => await (await CarePathwayApi.For(app).Coordinator).GetJsonAsync($"/api/patients/{patientId}"));

        Assert.Equal("LEGACY-1", patient.Str("mrn"));
        Assert.Equal("general", patient.Str("service"));
        await using var upgraded = TestDatabases.CreateContext(Provider, connectionString);
        Assert.Empty(await upgraded.Database.GetPendingMigrationsAsync());
        Assert.Equal(
            // The old chain's ids kept, the baseline recorded, and every migration after it applied.
            LegacyMigrationHistory.HandWrittenMigrationIds.Concat(upgraded.Database.GetMigrations()).Order(StringComparer.Ordinal),
            (await upgraded.Database.GetAppliedMigrationsAsync()).Order(StringComparer.Ordinal));
        var diff = SchemaReader.Diff(await ModelSchema.ReadAsync(Provider, await NewDatabaseAsync("model")), await SchemaReader.ReadAsync(Provider, connectionString));
        Assert.True(diff.Count == 0, "The upgraded schema differs from the model (- model only, + database only):\n" + string.Join("\n", diff));
    }

    [Fact]
    public async Task A_database_part_way_through_the_hand_written_migrations_is_refused_naming_what_it_lacks()
    {
        // The last hand-written migration left out: its column and its history row.
        var connectionString = await LegacyDatabaseAsync(statement => !statement.Contains("EnteredInError", StringComparison.Ordinal));

        var server = new ExistingDatabaseAppFactory(Provider, connectionString);
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => server.RunAsync(async app => (await app.CreateClient().GetAsync("/health/live")).StatusCode == HttpStatusCode.OK));

        Assert.Contains("lacks 20261215000001_LabEnteredInError", failure.ToString(), StringComparison.Ordinal);
    }
}

public sealed class SqliteLegacyDatabaseUpgradeTests(SqliteDatabase database) : LegacyDatabaseUpgradeTests, IClassFixture<SqliteDatabase>
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task<string> NewDatabaseAsync(string purpose) => Task.FromResult(database.CreateExtra(purpose));
}

public sealed class PostgresLegacyDatabaseUpgradeTests(PostgresDatabase database) : LegacyDatabaseUpgradeTests, IClassFixture<PostgresDatabase>
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override Task<string> NewDatabaseAsync(string purpose) => database.CreateExtraAsync(purpose);
}
