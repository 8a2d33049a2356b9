using System.Net;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Runtime;
using CarePathway.Server.Persistence;
using CarePathway.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Tests.Features;

/// <summary>
/// The server stops while a pathway's timer is pending and a new server starts on the same
/// database: the timer still fires, once, and nothing from before the restart is lost.
/// </summary>
public abstract class ServerRestartTests(DatabaseProvider provider, string connectionString)
{
    [Fact]
    public async Task A_timer_pending_when_the_server_stops_fires_exactly_once_after_a_restart_and_nothing_is_lost()
    {
        Guid instanceId, approvalId;
        IReadOnlyList<System.Text.Json.Nodes.JsonNode> journalBefore, remindersBefore;
        var first = new ExistingDatabaseAppFactory(provider, connectionString);
        try
        {
            var api = new CarePathwayApi(first);
            (instanceId, approvalId) = await api.StartAtApprovalAsync(followUpAfter: "4s");
            await (await CarePathwayApi.CompleteAsync(await api.Clinician, approvalId, "approved")).ExpectAsync(HttpStatusCode.OK);
            journalBefore = await api.JournalAsync(instanceId);
            remindersBefore = await api.OpenTasksAsync(instanceId, role: "coordinator");
            Assert.Single(journalBefore.OfType("timer.scheduled", "follow-up"));
        }
        finally
        {
            await first.DisposeAsync();
        }

        // The first server is stopped and the timer has not fired: the instance still waits for it.
        await using (var db = TestDatabases.CreateContext(provider, connectionString))
        {
            var stored = await db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == instanceId);
            Assert.Equal(InstanceStatus.Running, stored.Status);
            Assert.False(await db.JournalEntries.AnyAsync(j => j.InstanceId == instanceId && j.Type == "timer.fired"));
        }

        var second = new ExistingDatabaseAppFactory(provider, connectionString);
        try
        {
            await AfterRestartAsync(new CarePathwayApi(second), instanceId, approvalId, journalBefore, remindersBefore);
        }
        finally
        {
            await second.DisposeAsync();
        }

        await using var check = TestDatabases.CreateContext(provider, connectionString);
        var timer = await check.TimerRequests.AsNoTracking().SingleAsync(t => t.InstanceId == instanceId);
        Assert.Equal(TimerState.Fired, timer.State);
    }

    private static async Task AfterRestartAsync(CarePathwayApi restarted, Guid instanceId, Guid approvalId,
        IReadOnlyList<System.Text.Json.Nodes.JsonNode> journalBefore, IReadOnlyList<System.Text.Json.Nodes.JsonNode> remindersBefore)
    {
        await restarted.WaitForStatusAsync(instanceId, "completed");

        var journal = await restarted.JournalAsync(instanceId);
        var fired = Assert.Single(journal.OfType("timer.fired", "follow-up"));
        Assert.Equal("timer", fired.Cause());
        Assert.Single(journal.OfType("pathway.completed"));
        // Everything journaled before the restart is there, unchanged, in the same order.
        Assert.Equal(journalBefore.Select(e => e.ToJsonString()), journal.Take(journalBefore.Count).Select(e => e.ToJsonString()));

        var approval = await (await restarted.Clinician).GetJsonAsync($"/api/tasks/{approvalId}");
        Assert.Equal(("completed", "approved", "clinician"), (approval["task"]!.Str("status"), approval["task"]!.Str("outcome"), approval.Str("completedBy")));
        Assert.Equal(remindersBefore.Select(r => r.Id()).Order(), (await restarted.OpenTasksAsync(instanceId, role: "coordinator")).Select(r => r.Id()).Order());
    }
}

public sealed class SqliteServerRestartTests(SqliteDatabase database)
    : ServerRestartTests(DatabaseProvider.Sqlite, database.ConnectionString), IClassFixture<SqliteDatabase>;

public sealed class PostgresServerRestartTests(PostgresDatabase database)
    : ServerRestartTests(DatabaseProvider.Postgres, database.ConnectionString), IClassFixture<PostgresDatabase>;
