using System.Net;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Features;

/// <summary>
/// Recording an infusion through the task API: the form's values are checked by the server (types, the
/// datetime start) and by the engine (never above the approved dose, never shorter than planned); a refused
/// answer is 422 naming the field and changes nothing; not giving it needs a reason and no form values.
/// </summary>
public abstract class InfusionTaskTests(CarePathwayAppFactory factory)
{
    private readonly CarePathwayApi api = CarePathwayApi.For(factory);
    private readonly CrmoCourse course = new(CarePathwayApi.For(factory));

    [Theory]
    [InlineData("""{"doseMg":36.5,"infusionMinutes":240}""", "data.doseMg", "36.5 mg is above the approved 36 mg for this day")]
    [InlineData("""{"doseMg":0,"infusionMinutes":240}""", "data.doseMg", "must be above 0 mg")]
    [InlineData("""{"doseMg":36,"infusionMinutes":120}""", "data.infusionMinutes", "120 minutes is shorter than the required 240 minutes")]
    [InlineData("""{"infusionMinutes":240}""", "data.doseMg", "is required")]
    [InlineData("""{"doseMg":"a lot","infusionMinutes":240}""", "data.doseMg", "must be a number")]
    [InlineData("""{"doseMg":36,"infusionMinutes":240,"startedAt":"this morning"}""", "data.startedAt", "must be a date and time")]
    [InlineData("""{"doseMg":36,"infusionMinutes":240,"startedAt":5}""", "data.startedAt", "must be a date and time")]
    [InlineData("""{"doseMg":36,"infusionMinutes":240}""", "data.startedAt", "the infusion was given no start, so it starts now and runs 240 minutes")]
    public async Task A_recorded_infusion_the_rules_refuse_is_422_naming_the_field_and_changes_nothing(string data, string field, string message)
    {
        var (_, instanceId, task) = await course.StartAtFirstDoseAsync();
        var coordinator = await api.Coordinator;
        var before = await api.InstanceAsync(instanceId);
        var journal = await api.JournalAsync(instanceId);

        var problem = await (await CrmoCourse.CompleteAsync(coordinator, task, "given", System.Text.Json.Nodes.JsonNode.Parse(data)))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, field);

        Assert.Contains(message, problem["errors"]![field]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var after = await coordinator.GetJsonAsync($"/api/tasks/{task["task"].Id()}");
        Assert.Equal(("open", task["rowVersion"]!.GetValue<long>()), (after["task"].Str("status"), after["rowVersion"]!.GetValue<long>()));
        Assert.Equal(before["rowVersion"]!.GetValue<long>(), (await api.InstanceAsync(instanceId))["rowVersion"]!.GetValue<long>());
        Assert.Empty((await api.InstanceAsync(instanceId))["course"]!["administered"]!.AsArray());
        Assert.Equal(journal.Count, (await api.JournalAsync(instanceId)).Count);
    }

    [Fact]
    public async Task A_dose_recorded_with_its_start_time_is_stored_with_the_task_and_in_the_course()
    {
        var (_, instanceId, task) = await course.StartAtFirstDoseAsync(infusionTime: CrmoCourse.InstantInfusion);
        // Now, to the second, written with an offset: it comes back as the same instant.
        var startedAt = CrmoCourse.MinutesAgo(0).ToOffset(TimeSpan.FromHours(1));

        var done = await (await CrmoCourse.CompleteAsync(await api.Coordinator, task, "given", CrmoCourse.Given(35.5m, 0, startedAt)))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal((35.5m, 0), (done["result"]!["doseMg"]!.GetValue<decimal>(), done["result"]!["infusionMinutes"]!.GetValue<int>()));
        var given = Assert.Single((await api.InstanceAsync(instanceId))["course"]!["administered"]!.AsArray())!;
        Assert.Equal((35.5m, 0, 1), (given["doseMg"]!.GetValue<decimal>(), given["infusionMinutes"]!.GetValue<int>(), given["cycleDay"]!.GetValue<int>()));
        Assert.Equal(startedAt, given["startedAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task Not_giving_the_infusion_needs_a_reason_but_no_form_values_and_goes_to_a_clinicians_missed_dose_review()
    {
        var (_, instanceId, task) = await course.StartAtFirstDoseAsync();
        var coordinator = await api.Coordinator;

        await (await CrmoCourse.CompleteAsync(coordinator, task, "not-given")).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "reason");
        await (await CrmoCourse.CompleteAsync(coordinator, task, "not-given", reason: "febrile on arrival")).ExpectAsync(HttpStatusCode.OK);

        // A dose not given never ends the cycle silently (hazard 6): a clinician decides to give it later, end the cycle or stop.
        var review = await course.OpenTaskAsync(instanceId, "missed-dose");
        Assert.Equal(("clinician", "missed-dose-review"), (review["task"].Str("role"), review["task"].Str("kind")));
        Assert.Empty((await api.InstanceAsync(instanceId))["course"]!["administered"]!.AsArray());
        var recorded = Assert.Single((await api.JournalAsync(instanceId)).OfType("task.completed", "give"));
        Assert.Equal("not-given", recorded["outcome"]?.GetValue<string>());
    }
}

public sealed class SqliteInfusionTaskTests(SqliteAppFactory factory) : InfusionTaskTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresInfusionTaskTests(PostgresAppFactory factory) : InfusionTaskTests(factory), IClassFixture<PostgresAppFactory>;
