using CarePathway.Server.Features.Definitions;
using System.Net;
using System.Text.Json.Nodes;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Features;

/// <summary>
/// The designer's tools on the server: running a scenario on the document being edited (never
/// stored) and where the running instances of a version are.
/// </summary>
public abstract class DesignerToolsTests(CarePathwayAppFactory factory)
{
    private readonly CarePathwayApi api = CarePathwayApi.For(factory);

    /// <summary>A vertebral patient on the sample: escalated at once, approved, followed up, ended.</summary>
    private static JsonObject Scenario(string pathway) => new()
    {
        ["pathway"] = pathway,
        ["start"] = "2026-01-05T09:00:00Z",
        ["patient"] = new JsonObject { ["birthDate"] = "2014-01-05", ["sex"] = "female", ["weightKg"] = 40, ["facts"] = new JsonObject { ["vertebralLesion"] = true } },
        ["answers"] = new JsonObject { ["tasks"] = new JsonObject { ["escalation-approval"] = new JsonArray("approved") } },
        ["until"] = 365,
    };

    [Fact]
    public async Task A_scenario_runs_on_an_unsaved_document_and_answers_its_timeline()
    {
        var admin = await api.Administrator;
        // Never saved: only the request carries this definition.
        var document = await api.SampleCopyAsync();
        var id = document.Str("definitionId");

        var result = await (await admin.PostJsonAsync("/api/definitions/simulate", new JsonObject { ["definition"] = document, ["scenario"] = Scenario(id) }))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(id, result.Str("pathway"));
        Assert.Equal("completed", result.Str("status"));
        var timeline = result["timeline"]!.AsArray().Select(e => e!).ToList();
        Assert.Equal("pathway.started", timeline[0].Str("type"));
        var approval = Assert.Single(timeline, e => e.Str("type") == "task.created" && e["kind"]?.GetValue<string>() == "escalation-approval");
        Assert.Equal(0, approval["day"]!.GetValue<int>());
        Assert.Contains(timeline, e => e.Str("type") == "task.completed" && e["outcome"]?.GetValue<string>() == "approved");
        Assert.Equal("pathway.completed", timeline[^1].Str("type"));
        await (await admin.GetAsync($"/api/definitions/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_pathway_looping_on_a_one_second_delay_stops_at_its_output_limit_and_says_so()
    {
        var id = "loop-" + Guid.NewGuid().ToString("N")[..8];
        var document = JsonNode.Parse($$"""
            {
              "definitionId": "{{id}}", "version": 1, "name": "Ticks every second",
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "tick", "type": "Delay", "inputs": { "duration": "1s" } },
                { "id": "again", "type": "Decision", "inputs": { "condition": "true" } },
                { "id": "end", "type": "End" }
              ],
              "connections": [
                { "from": "start", "outcome": "done", "to": "tick" },
                { "from": "tick", "outcome": "done", "to": "again" },
                { "from": "again", "outcome": "true", "to": "tick" },
                { "from": "again", "outcome": "false", "to": "end" }
              ]
            }
            """)!.AsObject();
        var scenario = Scenario(id);
        scenario["until"] = 4;

        var result = await (await (await api.Administrator).PostJsonAsync("/api/definitions/simulate", new JsonObject { ["definition"] = document, ["scenario"] = scenario }))
            .ExpectAsync(HttpStatusCode.OK);

        // Four simulated days of a 1 s loop are 345,600 steps, each writing timeline entries: it stops at the request's
        // output limit (reached before the step limit), keeps what it did, and says why.
        Assert.Equal("output: the simulation stopped at 20000 timeline entries (its output limit)", result.Str("stoppedBy"));
        Assert.Equal("running", result.Str("status"));
        var timeline = result["timeline"]!.AsArray();
        Assert.InRange(timeline.Count, SimulateDefinition.Limits.MaxTimelineEntries, SimulateDefinition.Limits.MaxTimelineEntries + 10);
        Assert.Equal("pathway.started", timeline[0]!.Str("type"));
    }

    [Fact]
    public async Task An_invalid_definition_is_not_simulated_and_its_problems_are_named()
    {
        var document = await api.SampleCopyAsync();
        ((JsonArray)document["activities"]!).Add(new JsonObject { ["id"] = "orphan", ["type"] = "Teleport" });

        await (await (await api.Administrator).PostJsonAsync("/api/definitions/simulate", new JsonObject { ["definition"] = document, ["scenario"] = Scenario(document.Str("definitionId")) }))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "orphan.type");
    }

    [Theory]
    [InlineData("patient", null, "scenario.patient")]
    [InlineData("pathway", "another-pathway", "scenario.pathway")]
    [InlineData("until", 100000, "scenario.until")]
    [InlineData("start", "next tuesday", "scenario.start")]
    [InlineData("parameters", """{"bogus":"2d"}""", "scenario.parameters.bogus")]
    [InlineData("events", """[{"day":3,"lab":{"code":"2160-0","value":"high","unit":"mg/dL"}}]""", "scenario.events[0].lab.value")]
    public async Task A_malformed_scenario_is_422_naming_its_field(string field, object? value, string named)
    {
        var document = await api.SampleCopyAsync();
        var scenario = Scenario(document.Str("definitionId"));
        scenario[field] = value is string text && (text.StartsWith('{') || text.StartsWith('[')) ? JsonNode.Parse(text) : value is null ? null : JsonValue.Create(value);

        await (await (await api.Administrator).PostJsonAsync("/api/definitions/simulate", new JsonObject { ["definition"] = document, ["scenario"] = scenario }))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, named);
    }

    [Fact]
    public async Task A_simulation_without_a_scenario_is_400_naming_it_and_only_administrators_may_run_one()
    {
        var document = await api.SampleCopyAsync();

        await (await (await api.Administrator).PostJsonAsync("/api/definitions/simulate", new JsonObject { ["definition"] = document.DeepClone() }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "scenario");
        await (await (await api.Coordinator).PostJsonAsync("/api/definitions/simulate", new JsonObject { ["definition"] = document, ["scenario"] = Scenario(document.Str("definitionId")) }))
            .ExpectProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Positions_count_the_unfinished_instances_of_a_version_at_each_activity_with_who_and_since_when()
    {
        var admin = await api.Administrator;
        var document = await api.SampleCopyAsync();
        var id = document.Str("definitionId");
        await (await admin.PostJsonAsync("/api/definitions", document)).ExpectAsync(HttpStatusCode.Created);
        await api.PublishAsync(id, 1);
        // Two wait for the escalation approval (a task), one is in its NSAID trial (a timer), one was cancelled.
        var escalated = new List<Guid>();
        for (var i = 0; i < 2; i++) escalated.Add((await api.StartAsync(await api.CreatePatientAsync(vertebralLesion: true), definitionId: id)).Id());
        var inTrial = (await api.StartAsync(await api.CreatePatientAsync(vertebralLesion: false), definitionId: id)).Id();
        var cancelled = (await api.StartAsync(await api.CreatePatientAsync(vertebralLesion: true), definitionId: id)).Id();
        await (await (await api.Coordinator).PostJsonAsync($"/api/instances/{cancelled}/cancel", new { reason = "moved away" })).ExpectAsync(HttpStatusCode.OK);

        var positions = (await admin.GetJsonAsync($"/api/definitions/{id}/versions/1/positions")).AsArray().Select(p => p!).ToList();

        Assert.Equal(["escalation-approval", "nsaid-trial"], positions.Select(p => p.Str("activityId")));
        var approval = positions[0];
        Assert.Equal(2, approval["count"]!.GetValue<int>());
        Assert.Equal(escalated.Order(), approval["instances"]!.AsArray().Select(x => x.Id("instanceId")).Order());
        Assert.All(approval["instances"]!.AsArray(), x =>
        {
            Assert.Equal("Test, Ada", x.Str("patientName"));
            Assert.Equal("task", x.Str("waitingFor"));
            Assert.Equal("running", x.Str("status"));
        });
        var trial = Assert.Single(positions[1]["instances"]!.AsArray())!;
        Assert.Equal((inTrial, "timer"), (trial.Id("instanceId"), trial.Str("waitingFor")));
    }

    [Fact]
    public async Task Positions_of_a_version_that_does_not_exist_are_404_and_only_administrators_see_them()
    {
        await (await (await api.Administrator).GetAsync($"/api/definitions/{CarePathwayApi.Sample}/versions/99/positions")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await (await api.Coordinator).GetAsync($"/api/definitions/{CarePathwayApi.Sample}/versions/1/positions")).ExpectProblemAsync(HttpStatusCode.Forbidden);
    }
}

public sealed class SqliteDesignerToolsTests(SqliteAppFactory factory) : DesignerToolsTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresDesignerToolsTests(PostgresAppFactory factory) : DesignerToolsTests(factory), IClassFixture<PostgresAppFactory>;
