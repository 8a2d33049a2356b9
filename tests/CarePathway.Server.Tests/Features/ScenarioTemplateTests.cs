using System.Net;
using System.Text.Json.Nodes;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Features;

/// <summary>
/// The designer's prefilled scenario through the API: built for a document, then run by the simulate endpoint, it
/// reaches an end on every shipped pathway; a run that ends before its pathway does says what it waits on.
/// </summary>
public abstract class ScenarioTemplateTests(CarePathwayAppFactory factory)
{
    private readonly CarePathwayApi api = CarePathwayApi.For(factory);

    public static TheoryData<string> ShippedFiles() =>
        [.. Directory.GetFiles(RepositoryPaths.Of("workflows"), "*.json").Select(f => Path.GetFileName(f)).Order()];

    private async Task<JsonObject> TemplateAsync(JsonNode document) =>
        (await (await (await api.Administrator).PostJsonAsync("/api/definitions/scenario-template", new JsonObject { ["definition"] = document.DeepClone() }))
            .ExpectAsync(HttpStatusCode.OK))["scenario"]!.AsObject();

    private async Task<JsonNode> SimulateAsync(JsonNode document, JsonNode scenario) =>
        await (await (await api.Administrator).PostJsonAsync("/api/definitions/simulate", new JsonObject { ["definition"] = document.DeepClone(), ["scenario"] = scenario.DeepClone() }))
            .ExpectAsync(HttpStatusCode.OK);

    [Theory]
    [MemberData(nameof(ShippedFiles))]
    public async Task The_template_of_every_shipped_pathway_runs_to_its_end(string file)
    {
        var document = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryPaths.Of("workflows", file)))!;

        var template = await TemplateAsync(document);
        var result = await SimulateAsync(document, template);

        Assert.Equal(document.Str("definitionId"), template.Str("pathway"));
        Assert.True(result.Str("status") == "completed", $"{file} ends {result.Str("status")}: waiting on {result["waitingOn"]?.ToJsonString()}");
        Assert.Empty(result["waitingOn"]!.AsArray());
        Assert.DoesNotContain(result["timeline"]!.AsArray(), e => e!.Str("type") is "answer.refused" or "lab.rejected" or "incident");
    }

    [Fact]
    public async Task A_run_that_ends_waiting_names_each_wait_with_its_kind_and_since_when()
    {
        var document = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryPaths.Of("workflows", "crps-bisphosphonate.v3.json")))!;
        var scenario = await TemplateAsync(document);
        // No labs come: the baseline gate orders creatinine (the order task takes its default) and waits for the result.
        scenario["answers"]!["labs"] = new JsonObject();
        scenario["until"] = 10;

        var result = await SimulateAsync(document, scenario);

        Assert.Equal("running", result.Str("status"));
        var waits = result["waitingOn"]!.AsArray().Select(w => w!).ToList();
        var lab = Assert.Single(waits);
        Assert.Equal("lab", lab.Str("kind"));
        Assert.Equal(("baseline", "2160-0", 0), (lab.Str("activity"), lab.Str("what"), lab["sinceDay"]!.GetValue<int>()));
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero), lab["since"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task The_template_comes_with_each_task_s_own_outcomes_and_the_lab_catalog()
    {
        var document = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryPaths.Of("workflows", "crps-bisphosphonate.v3.json")))!;

        var answer = await (await (await api.Administrator).PostJsonAsync("/api/definitions/scenario-template", new JsonObject { ["definition"] = document }))
            .ExpectAsync(HttpStatusCode.OK);

        var tasks = answer["tasks"]!.AsArray().Select(t => t!).ToList();
        var order = Assert.Single(tasks, t => t.Str("activity") == "baseline");
        Assert.Equal(("order-labs", "[\"ordered\"]"), (order.Str("kind"), order["outcomes"]!.ToJsonString()));
        Assert.Contains(tasks, t => t.Str("activity") == "approve" && t["outcomes"]!.AsArray().Any(o => o!.GetValue<string>() == "approved"));
        var creatinine = Assert.Single(answer["labs"]!.AsArray(), l => l!.Str("code") == "2160-0")!;
        Assert.Equal(("creatinine", "mg/dL"), (creatinine.Str("name"), creatinine.Str("unit")));
    }

    [Fact]
    public async Task A_template_needs_a_valid_document_and_only_administrators_may_ask()
    {
        var document = await api.SampleCopyAsync();
        document["activities"] = new JsonArray();

        await (await (await api.Administrator).PostJsonAsync("/api/definitions/scenario-template", new JsonObject { ["definition"] = document.DeepClone() }))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await (await api.Administrator).PostJsonAsync("/api/definitions/scenario-template", new JsonObject()))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "definition");
        await (await (await api.Coordinator).PostJsonAsync("/api/definitions/scenario-template", new JsonObject { ["definition"] = document }))
            .ExpectProblemAsync(HttpStatusCode.Forbidden);
    }
}

public sealed class SqliteScenarioTemplateTests(SqliteAppFactory factory) : ScenarioTemplateTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresScenarioTemplateTests(PostgresAppFactory factory) : ScenarioTemplateTests(factory), IClassFixture<PostgresAppFactory>;
