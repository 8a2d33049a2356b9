using System.Net;
using System.Text.Json.Nodes;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Features;

/// <summary>
/// Who does what: a task is claimed, assigned, reassigned and released by people who could do it, only to someone who
/// could; "my work" is the worklist's assignee filter; every change of hands is in the pathway's journal.
/// </summary>
public abstract class TaskAssignmentTests(CarePathwayAppFactory factory)
{
    private const string SecondCoordinator = "coordinator-two";
    private readonly CarePathwayApi api = CarePathwayApi.For(factory);

    [Fact]
    public async Task A_task_claimed_assigned_to_a_colleague_and_released_is_journaled_each_time_and_my_work_follows_it()
    {
        var (instanceId, taskId) = await CoordinatorTaskAsync();
        var coordinator = await api.Coordinator;
        var colleague = await api.UserInRoleAsync(SecondCoordinator, "coordinator");

        var claimed = await (await coordinator.PostAsync($"/api/tasks/{taskId}/claim", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("coordinator", claimed["task"].Str("assignee"));
        Assert.Contains(taskId, await MyWorkAsync(coordinator));
        Assert.DoesNotContain(taskId, await MyWorkAsync(colleague));
        Assert.DoesNotContain(taskId, await IdsAsync(coordinator, "assignee=none"));

        // Someone else claiming it now is told who has it; giving it to them is a deliberate reassignment.
        var refused = await (await colleague.PostAsync($"/api/tasks/{taskId}/claim", null)).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("already claimed by coordinator", refused.Str("detail"), StringComparison.Ordinal);
        await (await coordinator.PostJsonAsync($"/api/tasks/{taskId}/assign", new { assignee = SecondCoordinator })).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(taskId, await MyWorkAsync(colleague));
        Assert.DoesNotContain(taskId, await MyWorkAsync(coordinator));
        Assert.Equal(SecondCoordinator, (await IdsAndAssigneesAsync(coordinator, $"assignee={SecondCoordinator}"))[taskId]);

        var released = await (await colleague.PostAsync($"/api/tasks/{taskId}/release", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Null(released["task"]!["assignee"]);
        Assert.Contains(taskId, await IdsAsync(coordinator, "assignee=none"));

        var changes = (await api.JournalAsync(instanceId)).OfType("task.assigned");
        Assert.Equal(
            [("claimed", null, "coordinator", "coordinator"), ("assigned", "coordinator", SecondCoordinator, "coordinator"), ("released", SecondCoordinator, null, SecondCoordinator)],
            changes.Select(e => (e["data"].Str("action"), e["data"]!["from"]?.GetValue<string>(), e["data"]!["to"]?.GetValue<string>(), e.Actor())));
        Assert.All(changes, e => Assert.Equal((taskId, "user"), (e["data"].Id("taskId"), e.Cause())));
    }

    [Fact]
    public async Task A_task_goes_only_to_someone_in_its_role_and_only_while_it_is_open()
    {
        var (_, taskId) = await CoordinatorTaskAsync();
        var coordinator = await api.Coordinator;

        var notTheirs = await (await coordinator.PostJsonAsync($"/api/tasks/{taskId}/assign", new { assignee = "clinician" })).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "assignee");
        Assert.Contains("not a user in the coordinator role", notTheirs["errors"]!["assignee"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        await (await coordinator.PostJsonAsync($"/api/tasks/{taskId}/assign", new { assignee = "nobody-of-that-name" })).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "assignee");
        await (await coordinator.PostJsonAsync($"/api/tasks/{taskId}/assign", new { assignee = "" })).ExpectProblemAsync(HttpStatusCode.BadRequest, "assignee");
        await (await (await api.Clinician).PostAsync($"/api/tasks/{taskId}/claim", null)).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await coordinator.PostAsync($"/api/tasks/{Guid.NewGuid()}/claim", null)).ExpectProblemAsync(HttpStatusCode.NotFound);

        await (await CarePathwayApi.CompleteAsync(coordinator, taskId, "done")).ExpectAsync(HttpStatusCode.OK);
        await (await coordinator.PostAsync($"/api/tasks/{taskId}/claim", null)).ExpectProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_coordinator_routes_a_clinicians_approval_to_a_named_clinician_who_alone_may_claim_it()
    {
        var (instanceId, approvalId) = await api.StartAtApprovalAsync("1h");
        var coordinator = await api.Coordinator;
        await (await coordinator.PostAsync($"/api/tasks/{approvalId}/claim", null)).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await coordinator.PostJsonAsync($"/api/tasks/{approvalId}/assign", new { assignee = "coordinator" })).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "assignee");

        var routed = await (await coordinator.PostJsonAsync($"/api/tasks/{approvalId}/assign", new { assignee = "clinician" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("clinician", routed["task"].Str("assignee"));
        Assert.Contains(approvalId, await MyWorkAsync(await api.Clinician));
        Assert.Equal("coordinator", Assert.Single((await api.JournalAsync(instanceId)).OfType("task.assigned")).Actor());
    }

    [Fact]
    public async Task The_staff_list_names_the_coordinators_and_clinicians_work_can_go_to()
    {
        await api.UserInRoleAsync(SecondCoordinator, "coordinator");
        var staff = (await (await api.Coordinator).GetJsonAsync("/api/staff")).AsArray();
        var names = staff.Select(s => s.Str("userName")).ToList();
        Assert.Contains("coordinator", names);
        Assert.Contains("clinician", names);
        Assert.Contains(SecondCoordinator, names);
        Assert.DoesNotContain("admin", names);
        Assert.Equal(["clinician"], staff.Single(s => s.Str("userName") == "clinician")!["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        var clinicians = (await (await api.Coordinator).GetJsonAsync("/api/staff?role=clinician")).AsArray().Select(s => s.Str("userName"));
        Assert.DoesNotContain("coordinator", clinicians);
        await (await (await api.Coordinator).GetAsync("/api/staff?role=administrator")).ExpectProblemAsync(HttpStatusCode.BadRequest, "role");
    }

    /// <summary>The sample pathway's first reminder: a coordinator's task, open as soon as it starts.</summary>
    private async Task<(Guid InstanceId, Guid TaskId)> CoordinatorTaskAsync()
    {
        var patientId = await api.CreatePatientAsync(vertebralLesion: false);
        var instanceId = (await api.StartAsync(patientId)).Id();
        var task = Assert.Single(await api.OpenTasksAsync(instanceId, role: "coordinator"));
        return (instanceId, task.Id());
    }

    private static Task<IReadOnlyList<Guid>> MyWorkAsync(HttpClient client) => IdsAsync(client, "assignee=me");

    private static async Task<IReadOnlyList<Guid>> IdsAsync(HttpClient client, string filter) => [.. (await IdsAndAssigneesAsync(client, filter)).Keys];

    private static async Task<Dictionary<Guid, string?>> IdsAndAssigneesAsync(HttpClient client, string filter) =>
        (await client.GetJsonAsync($"/api/tasks?view=all&pageSize=200&sort=created&{filter}")).Items().ToDictionary(t => t.Id(), t => t["assignee"]?.GetValue<string>());
}

public sealed class SqliteTaskAssignmentTests(SqliteAppFactory factory) : TaskAssignmentTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresTaskAssignmentTests(PostgresAppFactory factory) : TaskAssignmentTests(factory), IClassFixture<PostgresAppFactory>;
