using System.Net;
using System.Text.Json.Nodes;
using CarePathway.Server.Persistence;
using CarePathway.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePathway.Server.Tests.Features;

/// <summary>
/// The worklist's due order (due first, undated last) is a stored column (HumanTask.DueOrder) read from an index: these
/// check through the API that it is right and never stale, page by page and in the counts.
/// </summary>
public abstract class WorklistDueOrderTests(CarePathwayAppFactory factory)
{
    private readonly CarePathwayApi api = CarePathwayApi.For(factory);

    [Fact]
    public async Task Open_tasks_come_due_first_undated_last_and_leave_the_order_when_completed_or_cancelled()
    {
        var token = "D" + Guid.NewGuid().ToString("N")[..10];
        var (dated, undated) = await StartNsaidDefinitionsAsync();
        var inFiveDays = await StartAsync(dated, token, "Eve", "5d");
        var undatedTask = await StartAsync(undated, token, "Ann", dueIn: null);
        var inOneDay = await StartAsync(dated, token, "Cy", "1d");
        var inThreeDays = await StartAsync(dated, token, "Bo", "3d");
        var coordinator = await api.Coordinator;

        Assert.Equal([inOneDay.Task, inThreeDays.Task, inFiveDays.Task, undatedTask.Task], await AllOpenAsync(token));
        Assert.Equal([inOneDay.Task, inThreeDays.Task, inFiveDays.Task, undatedTask.Task], await AllOpenPageByPageAsync(token));
        Assert.Equal([undatedTask.Task], await ViewAsync("undated", token));
        Assert.Equal([inOneDay.Task, inThreeDays.Task, inFiveDays.Task], await ViewAsync("upcoming", token));
        Assert.Equal((4, 3, 1), await CountsAsync(token, "all", "upcoming", "undated"));

        (await CarePathwayApi.CompleteAsync(coordinator, inThreeDays.Task, "done")).EnsureSuccessStatusCode();
        (await coordinator.PostJsonAsync($"/api/instances/{inOneDay.Instance}/cancel", new { reason = "moved to another hospital" })).EnsureSuccessStatusCode();

        Assert.Equal([inFiveDays.Task, undatedTask.Task], await AllOpenAsync(token));
        Assert.Equal([inFiveDays.Task], await ViewAsync("upcoming", token));
        Assert.Equal((2, 1, 1), await CountsAsync(token, "all", "upcoming", "undated"));
        var completed = (await coordinator.GetJsonAsync($"/api/tasks?view=all&status=completed&patient={token}")).Items().Select(t => t.Id());
        Assert.Equal([inThreeDays.Task], completed);
    }

    /// <summary>
    /// No endpoint changes a due date today (a task is due as its pathway created it), so the change is made on the entity, as
    /// any future writer would: the order and the views follow it in the same save.
    /// </summary>
    [Fact]
    public async Task A_changed_due_date_moves_the_task_in_the_order_and_between_the_views_at_once()
    {
        var token = "C" + Guid.NewGuid().ToString("N")[..10];
        var (dated, undated) = await StartNsaidDefinitionsAsync();
        var first = await StartAsync(dated, token, "Al", "1d");
        var second = await StartAsync(dated, token, "Bea", "2d");
        var later = await StartAsync(undated, token, "Cal", dueIn: null);

        await SetDueAtAsync(first.Task, null);
        await SetDueAtAsync(later.Task, DateTimeOffset.UtcNow.AddHours(-1));

        Assert.Equal([later.Task, second.Task, first.Task], await AllOpenAsync(token));
        Assert.Equal([later.Task], await ViewAsync("overdue", token));
        Assert.Equal([first.Task], await ViewAsync("undated", token));
        Assert.Equal((1, 1, 1), await CountsAsync(token, "overdue", "upcoming", "undated"));
    }

    /// <summary>Two copies of the sample whose first task (the NSAID start, the coordinator's) is due in <c>param.reviewDueIn</c>, or never.</summary>
    private async Task<(string Dated, string Undated)> StartNsaidDefinitionsAsync()
    {
        var ids = new List<string>();
        foreach (var dueIn in new JsonNode?[] { "param.reviewDueIn", null })
        {
            var document = await api.SampleCopyAsync();
            var inputs = document["activities"]!.AsArray().Single(a => a.Str("id") == "start-nsaid")!["inputs"]!.AsObject();
            if (dueIn is null) inputs.Remove("dueIn");
            else inputs["dueIn"] = dueIn;
            await (await (await api.Administrator).PostJsonAsync("/api/definitions", document)).ExpectAsync(HttpStatusCode.Created);
            await api.PublishAsync(document.Str("definitionId"), 1);
            ids.Add(document.Str("definitionId"));
        }

        return (ids[0], ids[1]);
    }

    /// <summary>A non-vertebral patient named for the test on <paramref name="definitionId"/>: its one open task, the NSAID start.</summary>
    private async Task<(Guid Instance, Guid Task)> StartAsync(string definitionId, string token, string familyName, string? dueIn)
    {
        var patient = CarePathwayApi.NewPatientJson(p =>
        {
            p["familyName"] = familyName + token;
            p["givenName"] = token;
            p["facts"] = new JsonObject { ["vertebralLesion"] = false };
        });
        var patientId = (await (await (await api.Coordinator).PostJsonAsync("/api/patients", patient)).ExpectAsync(HttpStatusCode.Created)).Id();
        var parameters = dueIn is null ? null : new JsonObject { ["reviewDueIn"] = dueIn };
        var instanceId = (await api.StartAsync(patientId, parameters, definitionId)).Id();
        var task = Assert.Single(await api.OpenTasksAsync(instanceId));
        Assert.Equal("nsaid-start", task.Str("kind"));
        return (instanceId, task.Id());
    }

    private async Task SetDueAtAsync(Guid taskId, DateTimeOffset? dueAt)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CarePathwayDbContext>();
        var task = await db.HumanTasks.SingleAsync(t => t.Id == taskId);
        task.DueAt = dueAt;
        await db.SaveChangesAsync();
    }

    private async Task<IReadOnlyList<Guid>> AllOpenAsync(string token) => await ViewAsync("all", token);

    private async Task<IReadOnlyList<Guid>> ViewAsync(string view, string token) =>
        [.. (await (await api.Coordinator).GetJsonAsync($"/api/tasks?view={view}&patient={token}")).Items().Select(t => t.Id())];

    /// <summary>One task a page: the pages' order is the index's too, and no task is on two pages or on none.</summary>
    private async Task<IReadOnlyList<Guid>> AllOpenPageByPageAsync(string token)
    {
        var ids = new List<Guid>();
        for (var page = 1; page <= 5; page++)
            ids.AddRange((await (await api.Coordinator).GetJsonAsync($"/api/tasks?view=all&patient={token}&pageSize=1&page={page}")).Items().Select(t => t.Id()));
        return ids;
    }

    private async Task<(int, int, int)> CountsAsync(string token, string first, string second, string third)
    {
        var counts = await (await api.Coordinator).GetJsonAsync($"/api/tasks/counts?patient={token}");
        int Count(string view) => counts["views"]!.AsArray().Single(v => v.Str("view") == view)!["count"]!.GetValue<int>();
        return (Count(first), Count(second), Count(third));
    }
}

public sealed class SqliteWorklistDueOrderTests(SqliteAppFactory factory) : WorklistDueOrderTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresWorklistDueOrderTests(PostgresAppFactory factory) : WorklistDueOrderTests(factory), IClassFixture<PostgresAppFactory>;
