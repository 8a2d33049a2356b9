using System.Net;
using CarePathway.Server.Tests.Infrastructure;
using Npgsql;

namespace CarePathway.Server.Tests.Scheduling;

/// <summary>
/// A node killed with kill -9 while it held one of Hangfire.PostgreSql's locks (rows in <c>hangfire.lock</c>) leaves
/// the row behind. The crash test found the next node's start-up failing on it (registering the recurring jobs waits
/// 15 s for that lock; Hangfire.PostgreSql frees a dead node's lock only after 10 minutes by default). Now a node
/// starts and serves at once, and the lock is taken back after <c>Scheduling:InvisibilityTimeout</c>.
/// </summary>
public sealed class StaleJobLockTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const string RecurringJobLock = "hangfire:lock:recurring-job:timer-outbox-sweep";

    [Fact]
    public async Task A_lock_left_by_a_killed_node_neither_stops_the_next_start_nor_outlives_the_invisibility_timeout()
    {
        // A first node creates Hangfire's schema and the recurring jobs; then a "killed" node's lock is left in the table.
        await new ExistingDatabaseAppFactory(Server.Persistence.DatabaseProvider.Postgres, database.ConnectionString)
            .RunAsync(async app => (await app.CreateClient().GetAsync("/health/ready")).StatusCode);
        await ExecuteAsync($"INSERT INTO hangfire.lock (resource, updatecount, acquired) VALUES ('{RecurringJobLock}', 0, now())");

        var next = new ExistingDatabaseAppFactory(Server.Persistence.DatabaseProvider.Postgres, database.ConnectionString)
            .WithSetting("Scheduling:InvisibilityTimeout", "00:00:03");
        await next.RunAsync(async app =>
        {
            Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/health/ready")).StatusCode);
            await Eventually.UntilAsync(() => LockRowsAsync(), rows => rows == 0, "the dead node's lock to be taken back and released", TimeSpan.FromSeconds(30));
            return true;
        });
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> LockRowsAsync()
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM hangfire.lock WHERE resource = '{RecurringJobLock}'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
