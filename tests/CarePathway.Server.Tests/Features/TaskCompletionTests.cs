using System.Net;
using CarePathway.Server.Security;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Features;

/// <summary>Deciding a task: once, by one person, and the pathway moves on once.</summary>
public abstract class TaskCompletionTests(CarePathwayAppFactory factory)
{
    private readonly CarePathwayApi api = CarePathwayApi.For(factory);

    [Fact]
    public async Task Two_clinicians_completing_the_same_task_at_once_get_one_200_and_one_409_naming_who_decided_first()
    {
        var clients = new[] { await api.SignInAsync(DemoUsers.Clinician), await api.UserInRoleAsync("clinician-2", Roles.Clinician) };
        var names = new[] { DemoUsers.Clinician, "clinician-2" };
        for (var round = 0; round < 6; round++)
        {
            var (instanceId, taskId) = await api.StartAtApprovalAsync(followUpAfter: "1h");

            var responses = await Task.WhenAll(clients.Select(c => CarePathwayApi.CompleteAsync(c, taskId, "approved")));

            var statuses = responses.Select(r => r.StatusCode).ToList();
            Assert.True(statuses.Order().SequenceEqual([HttpStatusCode.OK, HttpStatusCode.Conflict]),
                $"round {round}: {string.Join(", ", statuses)}: {string.Join(" | ", await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync())))}");
            var winner = names[statuses.IndexOf(HttpStatusCode.OK)];
            var problem = await responses[statuses.IndexOf(HttpStatusCode.Conflict)].ExpectProblemAsync(HttpStatusCode.Conflict);
            Assert.Contains($"approved by {winner}", problem.Str("detail"), StringComparison.Ordinal);
            Assert.Equal(winner, problem["current"]?.Str("completedBy"));

            var decided = Assert.Single((await api.JournalAsync(instanceId)).OfType("task.completed"));
            Assert.Equal(winner, decided.Actor());
            Assert.Equal(winner, (await (await api.Clinician).GetJsonAsync($"/api/tasks/{taskId}")).Str("completedBy"));
            // The pathway moved on once: one fork, so exactly two reminders.
            Assert.Equal(2, (await api.OpenTasksAsync(instanceId, role: "coordinator")).Count);
        }
    }

    [Fact]
    public async Task Completing_a_task_that_is_already_decided_is_409_with_the_first_decision()
    {
        var (_, taskId) = await api.StartAtApprovalAsync(followUpAfter: "1h");
        var clinician = await api.Clinician;
        await (await CarePathwayApi.CompleteAsync(clinician, taskId, "rejected", "no vertebral lesion on review")).ExpectAsync(HttpStatusCode.OK);

        var again = await (await CarePathwayApi.CompleteAsync(clinician, taskId, "approved")).ExpectProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("rejected by clinician", again.Str("detail"), StringComparison.Ordinal);
        Assert.Equal("no vertebral lesion on review", again["current"]?.Str("reason"));
    }
}

public sealed class SqliteTaskCompletionTests(SqliteAppFactory factory) : TaskCompletionTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresTaskCompletionTests(PostgresAppFactory factory) : TaskCompletionTests(factory), IClassFixture<PostgresAppFactory>;
