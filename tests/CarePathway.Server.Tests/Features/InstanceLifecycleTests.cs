using System.Net;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Features;

/// <summary>Suspending, resuming and cancelling a running pathway through the API.</summary>
public abstract class InstanceLifecycleTests(CarePathwayAppFactory factory)
{
    private readonly CarePathwayApi api = CarePathwayApi.For(factory);

    private async Task<HttpResponseMessage> ChangeAsync(Guid instanceId, string change, string? reason = null) =>
        await (await api.Coordinator).PostJsonAsync($"/api/instances/{instanceId}/{change}", new { reason });

    [Fact]
    public async Task A_pathway_without_clinical_activities_shows_an_empty_course_and_no_baselines()
    {
        var (instanceId, _) = await api.StartAtApprovalAsync(followUpAfter: "1h");

        var instance = await api.InstanceAsync(instanceId);

        var course = instance["course"]!;
        Assert.Equal(0, course["cycle"]!.GetValue<int>());
        Assert.Empty(course["administered"]!.AsArray());
        Assert.Null(course["plan"]);
        Assert.Null(course["clearance"]);
        Assert.Empty(instance["baselines"]!.AsObject());
    }

    [Fact]
    public async Task A_task_of_a_suspended_pathway_cannot_be_completed_until_it_is_resumed()
    {
        var (instanceId, taskId) = await api.StartAtApprovalAsync(followUpAfter: "1h");

        var suspended = await (await ChangeAsync(instanceId, "suspend", "patient admitted elsewhere")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("suspended", suspended.Str("status"));

        await (await CarePathwayApi.CompleteAsync(await api.Clinician, taskId, "approved")).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Single(await api.OpenTasksAsync(instanceId, kind: "escalation-approval"));
        Assert.Empty((await api.JournalAsync(instanceId)).OfType("task.completed"));
        await (await ChangeAsync(instanceId, "suspend")).ExpectProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("running", (await (await ChangeAsync(instanceId, "resume")).ExpectAsync(HttpStatusCode.OK)).Str("status"));
        await (await CarePathwayApi.CompleteAsync(await api.Clinician, taskId, "approved")).ExpectAsync(HttpStatusCode.OK);

        var journal = await api.JournalAsync(instanceId);
        var suspendedEntry = Assert.Single(journal.OfType("pathway.suspended"));
        Assert.Equal(("user", "coordinator"), (suspendedEntry.Cause(), suspendedEntry.Actor()));
        Assert.Single(journal.OfType("pathway.resumed"));
        Assert.Single(journal.OfType("task.completed"));
        await (await ChangeAsync(instanceId, "resume")).ExpectProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_timer_that_comes_due_while_suspended_fires_after_the_resume()
    {
        var (instanceId, taskId) = await api.StartAtApprovalAsync(followUpAfter: "1s");
        await (await CarePathwayApi.CompleteAsync(await api.Clinician, taskId, "approved")).ExpectAsync(HttpStatusCode.OK);
        await (await ChangeAsync(instanceId, "suspend")).ExpectAsync(HttpStatusCode.OK);

        await (await ChangeAsync(instanceId, "resume")).ExpectAsync(HttpStatusCode.OK);

        await api.WaitForStatusAsync(instanceId, "completed");
        Assert.Single((await api.JournalAsync(instanceId)).OfType("timer.fired", "follow-up"));
    }

    [Fact]
    public async Task Cancelling_a_pathway_cancels_its_open_tasks_and_reminders()
    {
        var (instanceId, taskId) = await api.StartAtApprovalAsync(followUpAfter: "1h");
        await (await CarePathwayApi.CompleteAsync(await api.Clinician, taskId, "approved")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, (await api.OpenTasksAsync(instanceId)).Count);

        var cancelled = await (await ChangeAsync(instanceId, "cancel", "family declined")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("cancelled", cancelled.Str("status"));
        Assert.Empty(await api.OpenTasksAsync(instanceId));
        var closed = await api.OpenTasksAsync(instanceId, status: "cancelled");
        Assert.Equal(["gp-letter", "infusion-booking"], closed.Select(t => t.Str("kind")).Order(StringComparer.Ordinal));
        var entry = Assert.Single((await api.JournalAsync(instanceId)).OfType("pathway.cancelled"));
        Assert.Equal("family declined", entry["data"]?.Str("reason"));
        var instance = await api.InstanceAsync(instanceId);
        Assert.Empty(instance["waiting"]!.AsArray());
        await (await ChangeAsync(instanceId, "cancel")).ExpectProblemAsync(HttpStatusCode.Conflict);
        await (await ChangeAsync(instanceId, "resume")).ExpectProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Cancelling_closes_a_blocking_task_so_it_can_no_longer_be_completed()
    {
        var (instanceId, taskId) = await api.StartAtApprovalAsync(followUpAfter: "1h");

        await (await ChangeAsync(instanceId, "cancel")).ExpectAsync(HttpStatusCode.OK);

        var task = await (await api.Clinician).GetJsonAsync($"/api/tasks/{taskId}");
        Assert.Equal("cancelled", task["task"]!.Str("status"));
        var refused = await (await CarePathwayApi.CompleteAsync(await api.Clinician, taskId, "approved")).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("cancelled", refused.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_completed_pathway_cannot_be_suspended_or_cancelled()
    {
        var (instanceId, taskId) = await api.StartAtApprovalAsync(followUpAfter: "1s");
        await (await CarePathwayApi.CompleteAsync(await api.Clinician, taskId, "approved")).ExpectAsync(HttpStatusCode.OK);
        await api.WaitForStatusAsync(instanceId, "completed");

        await (await ChangeAsync(instanceId, "suspend")).ExpectProblemAsync(HttpStatusCode.Conflict);
        await (await ChangeAsync(instanceId, "cancel")).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("completed", (await api.InstanceAsync(instanceId))["instance"]!.Str("status"));
    }

    [Fact]
    public async Task Changing_an_unknown_instance_is_404()
    {
        await (await ChangeAsync(Guid.NewGuid(), "suspend")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }
}

public sealed class SqliteInstanceLifecycleTests(SqliteAppFactory factory) : InstanceLifecycleTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresInstanceLifecycleTests(PostgresAppFactory factory) : InstanceLifecycleTests(factory), IClassFixture<PostgresAppFactory>;
