using CarePathway.Engine.Activities;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Runtime;
using CarePathway.Server.Persistence;
using CarePathway.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Tests.Persistence;

/// <summary>
/// The closed sets are enums in the model and the same lowercase text in the columns as when they were string
/// constants: rows written before read as they are, and rows written now read the same to anything else.
/// </summary>
public abstract class ClosedSetStorageTests
{
    protected abstract DatabaseProvider Provider { get; }

    protected abstract string ConnectionString { get; }

    private CarePathwayDbContext NewContext() => TestDatabases.CreateContext(Provider, ConnectionString);

    [Fact]
    public async Task Statuses_are_stored_as_their_lowercase_names_and_read_back_from_them()
    {
        var now = new DateTimeOffset(2026, 11, 22, 9, 30, 0, TimeSpan.Zero);
        var patient = new Patient { Id = Guid.NewGuid(), Mrn = "MRN-" + Guid.NewGuid().ToString("N")[..10], GivenName = "A", FamilyName = "B", Sex = PatientSex.Unknown, CreatedAt = now };
        var instance = new WorkflowInstance { Id = Guid.NewGuid(), DefinitionId = "test", Version = 1, PatientId = patient.Id, Status = InstanceStatus.Suspended, CreatedAt = now, UpdatedAt = now, CreatedBy = "test" };
        var task = new HumanTask { Id = Guid.NewGuid(), InstanceId = instance.Id, PatientId = patient.Id, Kind = TaskKinds.OrderLabs, LabHold = LabHold.Missing, CreatedAt = now };
        var timer = new TimerRequest { Id = $"timer:{instance.Id:N}:wait", InstanceId = instance.Id, DueAt = now, CreatedAt = now, UpdatedAt = now };
        var bookmark = new CarePathway.Server.Persistence.Bookmark { Id = $"task:{instance.Id:N}", InstanceId = instance.Id, ActivityId = "ask", Kind = BookmarkKind.Task, CreatedAt = now };
        task.MoveTo(HumanTaskStatus.Cancelled);
        timer.MoveTo(TimerState.Scheduled, now);
        await using (var db = NewContext())
        {
            await db.Database.MigrateAsync();
            db.AddRange(patient, instance, task, timer, bookmark);
            await db.SaveChangesAsync();
        }

        await using (var db = NewContext())
        {
            Assert.Equal("suspended", await Text(db, """SELECT "Status" AS "Value" FROM "WorkflowInstances" WHERE """ + IdIs, instance.Id.ToString()));
            Assert.Equal("cancelled", await Text(db, """SELECT "Status" AS "Value" FROM "HumanTasks" WHERE """ + IdIs, task.Id.ToString()));
            Assert.Equal("missing", await Text(db, """SELECT "LabHold" AS "Value" FROM "HumanTasks" WHERE """ + IdIs, task.Id.ToString()));
            Assert.Equal("scheduled", await Text(db, """SELECT "State" AS "Value" FROM "TimerRequests" WHERE """ + IdIs, timer.Id));
            Assert.Equal("task", await Text(db, """SELECT "Kind" AS "Value" FROM "Bookmarks" WHERE """ + IdIs, bookmark.Id));

            // As a database from before the enums holds them, and as another writer would set them.
            await db.Database.ExecuteSqlRawAsync("""UPDATE "HumanTasks" SET "Status" = 'completed', "LabHold" = 'held' WHERE """ + IdIs, task.Id.ToString());
            await db.Database.ExecuteSqlRawAsync("""UPDATE "WorkflowInstances" SET "Status" = 'faulted' WHERE """ + IdIs, instance.Id.ToString());
            await db.Database.ExecuteSqlRawAsync("""UPDATE "TimerRequests" SET "State" = 'fired' WHERE """ + IdIs, timer.Id);
        }

        await using var reader = NewContext();
        var stored = await reader.HumanTasks.SingleAsync(t => t.Id == task.Id);
        Assert.Equal((HumanTaskStatus.Completed, LabHold.Held), (stored.Status, stored.LabHold));
        Assert.True(await reader.WorkflowInstances.AnyAsync(i => i.Id == instance.Id && i.Status == InstanceStatus.Faulted));
        Assert.Equal(TimerState.Fired, (await reader.TimerRequests.SingleAsync(t => t.Id == timer.Id)).State);
    }

    private static Task<string> Text(CarePathwayDbContext db, string select, string id) => db.Database.SqlQueryRaw<string>(select, id).SingleAsync();

    // Ids are (upper-case) text on SQLite and uuid on PostgreSQL: compare them as lower-case text on both.
    private const string IdIs = """lower(CAST("Id" AS TEXT)) = {0}""";
}

public sealed class SqliteClosedSetStorageTests(SqliteDatabase database) : ClosedSetStorageTests, IClassFixture<SqliteDatabase>
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override string ConnectionString => database.ConnectionString;
}

public sealed class PostgresClosedSetStorageTests(PostgresDatabase database) : ClosedSetStorageTests, IClassFixture<PostgresDatabase>
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override string ConnectionString => database.ConnectionString;
}
