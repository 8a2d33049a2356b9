using System.Net;
using CarePathway.Engine.Runtime;
using CarePathway.Server.Persistence;
using CarePathway.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Tests.Features;

/// <summary>
/// The restore drill of deploy/backup-restore.md: a database backed up while a pathway waits on a timer, restored into
/// a new database, and a server started on the copy finds the instance, keeps its users signed in (the key ring is in
/// the backup) and fires the timer, once.
/// </summary>
public abstract class BackupRestoreDrillTests
{
    protected abstract DatabaseProvider Provider { get; }

    protected abstract Task<string> NewDatabaseAsync(string purpose);

    /// <summary>Backs up the (stopped) server's database the way the guide says and restores it into a new database; answers the copy's connection string.</summary>
    protected abstract Task<string> BackUpAndRestoreAsync(string connectionString);

    [Fact]
    public async Task A_restored_backup_has_the_instance_its_pending_timer_and_the_sign_ins_and_the_timer_fires_once()
    {
        var original = await NewDatabaseAsync("backup_source");
        Guid instanceId;
        string accessToken;
        IReadOnlyList<System.Text.Json.Nodes.JsonNode> journalBefore;
        var before = new ExistingDatabaseAppFactory(Provider, original);
        try
        {
            var api = new CarePathwayApi(before);
            var clinician = await api.SignInAsync(DemoUsers.Clinician);
            accessToken = clinician.DefaultRequestHeaders.Authorization!.Parameter!;
            Guid approvalId;
            (instanceId, approvalId) = await api.StartAtApprovalAsync(followUpAfter: "8s");
            await (await CarePathwayApi.CompleteAsync(clinician, approvalId, "approved")).ExpectAsync(HttpStatusCode.OK);
            journalBefore = await api.JournalAsync(instanceId);
            Assert.Single(journalBefore.OfType("timer.scheduled", "follow-up"));
        }
        finally
        {
            await before.DisposeAsync();
        }

        var restored = await BackUpAndRestoreAsync(original);
        await using (var db = TestDatabases.CreateContext(Provider, restored))
        {
            var timer = await db.TimerRequests.AsNoTracking().SingleAsync(t => t.InstanceId == instanceId);
            Assert.NotEqual(TimerState.Fired, timer.State);
        }

        var after = new ExistingDatabaseAppFactory(Provider, restored);
        try
        {
            var api = new CarePathwayApi(after);
            var signedIn = api.Anonymous();
            signedIn.DefaultRequestHeaders.Authorization = new("Bearer", accessToken);
            Assert.Equal(DemoUsers.Clinician, (await signedIn.GetJsonAsync("/api/auth/me")).Str("name"));

            await api.WaitForStatusAsync(instanceId, "completed");
            var journal = await api.JournalAsync(instanceId);
            Assert.Equal(journalBefore.Select(e => e.ToJsonString()), journal.Take(journalBefore.Count).Select(e => e.ToJsonString()));
            Assert.Single(journal.OfType("timer.fired", "follow-up"));
        }
        finally
        {
            await after.DisposeAsync();
        }
    }
}

/// <summary>SQLite: the file copied with the server stopped (the guide's first way; <c>sqlite3 .backup</c> is the online one).</summary>
public sealed class SqliteBackupRestoreDrillTests(SqliteDatabase database) : BackupRestoreDrillTests, IClassFixture<SqliteDatabase>
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task<string> NewDatabaseAsync(string purpose) => Task.FromResult(database.CreateExtra(purpose));

    protected override Task<string> BackUpAndRestoreAsync(string connectionString)
    {
        SqliteConnection.ClearAllPools();
        var copy = database.CreateExtra("restored");
        // WAL mode: a stopped server has checkpointed, but copy the -wal file too if one is left, as the guide says.
        var from = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var to = new SqliteConnectionStringBuilder(copy).DataSource;
        File.Copy(from, to);
        if (File.Exists(from + "-wal")) File.Copy(from + "-wal", to + "-wal");
        return Task.FromResult(copy);
    }
}

/// <summary>PostgreSQL: pg_dump in its custom format, pg_restore into a new empty database.</summary>
public sealed class PostgresBackupRestoreDrillTests(PostgresDatabase database) : BackupRestoreDrillTests, IClassFixture<PostgresDatabase>
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override Task<string> NewDatabaseAsync(string purpose) => database.CreateExtraAsync(purpose);

    protected override async Task<string> BackUpAndRestoreAsync(string connectionString)
    {
        var file = Path.Combine(Path.GetTempPath(), $"carepathway-{Guid.NewGuid():N}.dump");
        try
        {
            await PostgresBackup.DumpAsync(connectionString, file);
            var copy = await database.CreateExtraAsync("restored");
            await PostgresBackup.RestoreAsync(file, copy);
            return copy;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
