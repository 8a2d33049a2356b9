using CarePathway.Server.Persistence;
using CarePathway.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Tests.Persistence;

public abstract class RowVersionTests
{
    protected abstract DatabaseProvider Provider { get; }

    protected abstract string ConnectionString { get; }

    private CarePathwayDbContext NewContext() => TestDatabases.CreateContext(Provider, ConnectionString);

    private async Task<Guid> AddPatientAsync()
    {
        await using var db = NewContext();
        await db.Database.MigrateAsync();
        var patient = new Patient
        {
            Id = Guid.NewGuid(),
            Mrn = "MRN-" + Guid.NewGuid().ToString("N")[..10],
            GivenName = "Ada",
            FamilyName = "Lovelace",
            BirthDate = new DateOnly(1960, 12, 10),
            Sex = PatientSex.Female,
            Diagnosis = "test",
            CreatedAt = new DateTimeOffset(2026, 11, 22, 9, 30, 0, TimeSpan.FromHours(2)),
        };
        db.Patients.Add(patient);
        await db.SaveChangesAsync();
        return patient.Id;
    }

    [Fact]
    public async Task Saving_a_change_increments_the_row_version_and_keeps_times_in_utc()
    {
        var id = await AddPatientAsync();
        await using (var db = NewContext())
        {
            var patient = await db.Patients.SingleAsync(p => p.Id == id);
            Assert.Equal(0, patient.RowVersion);
            patient.Diagnosis = "changed";
            await db.SaveChangesAsync();
            Assert.Equal(1, patient.RowVersion);
        }

        await using var reader = NewContext();
        var stored = await reader.Patients.SingleAsync(p => p.Id == id);
        Assert.Equal(1, stored.RowVersion);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 7, 30, 0, TimeSpan.Zero), stored.CreatedAt);
        Assert.Equal(TimeSpan.Zero, stored.CreatedAt.Offset);
        Assert.Equal(1, await reader.Patients.CountAsync(p => p.Id == id && p.CreatedAt < new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public async Task A_concurrent_update_raises_a_concurrency_exception()
    {
        var id = await AddPatientAsync();
        await using var first = NewContext();
        await using var second = NewContext();
        var a = await first.Patients.SingleAsync(p => p.Id == id);
        var b = await second.Patients.SingleAsync(p => p.Id == id);

        a.Diagnosis = "first writer";
        await first.SaveChangesAsync();
        b.Diagnosis = "second writer";

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
    }

    [Fact]
    public async Task A_stale_version_sent_by_a_client_is_rejected()
    {
        var id = await AddPatientAsync();
        await using (var db = NewContext())
        {
            (await db.Patients.SingleAsync(p => p.Id == id)).Diagnosis = "moved on";
            await db.SaveChangesAsync();
        }

        await using var client = NewContext();
        var patient = await client.Patients.SingleAsync(p => p.Id == id);
        client.Entry(patient).Property(p => p.RowVersion).OriginalValue = 0; // the version the client saw
        patient.Diagnosis = "stale edit";

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => client.SaveChangesAsync());
    }
}

public sealed class SqliteRowVersionTests(SqliteDatabase database) : RowVersionTests, IClassFixture<SqliteDatabase>
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override string ConnectionString => database.ConnectionString;
}

public sealed class PostgresRowVersionTests(PostgresDatabase database) : RowVersionTests, IClassFixture<PostgresDatabase>
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override string ConnectionString => database.ConnectionString;
}
