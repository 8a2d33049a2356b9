using System.Net;
using System.Text.Json.Nodes;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Features;

/// <summary>Definitions over HTTP: draft, edit with optimistic concurrency, publish (refused while invalid), retire, pinning.</summary>
public abstract class DefinitionLifecycleTests(CarePathwayAppFactory factory)
{
    private readonly CarePathwayApi api = CarePathwayApi.For(factory);

    private static string ProblemKey(JsonNode problem) =>
        problem["activityId"]?.GetValue<string>() is { } activity ? $"{activity}.{problem.Str("field")}" : problem.Str("field");

    [Fact]
    public async Task A_new_version_is_drafted_edited_and_published_while_running_instances_stay_on_the_version_they_started_on()
    {
        var admin = await api.Administrator;
        // A patient started on version 1 before anything changes.
        var (before, beforeApproval) = await api.StartAtApprovalAsync(followUpAfter: "1h");

        var document = (await admin.GetJsonAsync($"/api/definitions/{CarePathwayApi.Sample}/versions/1"))["definition"]!.DeepClone().AsObject();
        document["description"] = "Version 2: the follow-up comes sooner.";
        var draft = await (await admin.PostJsonAsync("/api/definitions", document)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal((2, "draft"), (draft["version"]!.GetValue<int>(), draft.Str("status")));
        Assert.Equal("Version 2: the follow-up comes sooner.", draft["definition"]!.Str("description"));

        // One draft at a time.
        await (await admin.PostJsonAsync("/api/definitions", document)).ExpectProblemAsync(HttpStatusCode.Conflict);

        // An edit based on a stale rowVersion is refused; on the current one it is saved (even if invalid).
        var url = $"/api/definitions/{CarePathwayApi.Sample}/versions/2";
        var rowVersion = draft["rowVersion"]!.GetValue<long>();
        var invalid = document.DeepClone().AsObject();
        ((JsonArray)invalid["activities"]!).Add(new JsonObject { ["id"] = "orphan", ["type"] = "Teleport" });
        ((JsonObject)((JsonArray)invalid["activities"]!).Single(a => a!.Str("id") == "vertebral")!["inputs"]!)["condition"] = "patient.facts.vertebralLesion and";
        await (await admin.PutJsonAsync(url, new { definition = invalid, rowVersion = rowVersion - 1 })).ExpectProblemAsync(HttpStatusCode.Conflict);
        var saved = await (await admin.PutJsonAsync(url, new { definition = invalid, rowVersion })).ExpectAsync(HttpStatusCode.OK);
        Assert.True(saved["rowVersion"]!.GetValue<long>() > rowVersion);
        var problems = saved["problems"]!.AsArray().Select(p => p!).ToList();
        Assert.Contains(problems, p => p["activityId"]?.GetValue<string>() == "orphan");
        Assert.Contains(problems, p => p["activityId"]?.GetValue<string>() == "vertebral");

        // Publishing it is refused with every problem listed.
        var refused = await (await admin.PostJsonAsync($"{url}/publish", new { changeNote = "sooner follow-up" })).ExpectProblemAsync(
            HttpStatusCode.UnprocessableEntity, [.. problems.Select(ProblemKey).Distinct()]);
        Assert.Equal(problems.Select(ProblemKey).Distinct().Order(), refused["errors"]!.AsObject().Select(e => e.Key).Order());
        Assert.Equal("draft", (await admin.GetJsonAsync(url)).Str("status"));

        // Put right and published: version 2 is the published one and version 1 is retired.
        var fixedDraft = await (await admin.PutJsonAsync(url, new { definition = document, rowVersion = saved["rowVersion"]!.GetValue<long>() })).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(fixedDraft["problems"]!.AsArray());
        var published = await (await admin.PostJsonAsync($"{url}/publish", new { changeNote = "sooner follow-up" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("published", published.Str("status"));
        Assert.Equal("retired", (await admin.GetJsonAsync($"/api/definitions/{CarePathwayApi.Sample}/versions/1")).Str("status"));
        var listed = (await admin.GetJsonAsync("/api/definitions")).AsArray().Single(d => d!.Str("definitionId") == CarePathwayApi.Sample)!;
        Assert.Equal(2, listed["publishedVersion"]!.GetValue<int>());

        // The instance started before stays on version 1 and carries on; a new start runs on version 2.
        Assert.Equal(1, (await api.InstanceAsync(before))["instance"]!["version"]!.GetValue<int>());
        await (await CarePathwayApi.CompleteAsync(await api.Clinician, beforeApproval, "approved")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, (await api.OpenTasksAsync(before, role: "coordinator")).Count);
        var after = await api.StartAsync(await api.CreatePatientAsync(vertebralLesion: true), new JsonObject { ["followUpAfter"] = "1h" });
        Assert.Equal(2, after["version"]!.GetValue<int>());

        // Published and retired versions never change.
        await (await admin.PutJsonAsync(url, new { definition = document, rowVersion = published["rowVersion"]!.GetValue<long>() })).ExpectProblemAsync(HttpStatusCode.Conflict);
        await (await admin.PutJsonAsync($"/api/definitions/{CarePathwayApi.Sample}/versions/1", new { definition = document, rowVersion = 0 })).ExpectProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Validating_a_document_lists_its_problems_and_advises_on_waits_that_can_hold_a_patient_unseen()
    {
        var document = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryPaths.Of("workflows", "crmo-pamidronate.v2.json")))!;

        var report = await (await (await api.Administrator).PostJsonAsync("/api/definitions/validate", document)).ExpectAsync(HttpStatusCode.OK);

        Assert.True(report["valid"]!.GetValue<bool>());
        Assert.Empty(report["problems"]!.AsArray());
        var warning = Assert.Single(report["warnings"]!.AsArray(), w => w!.Str("activityId") == "approve");
        Assert.Equal("inputs.respondWithin", warning!.Str("field"));
        Assert.Contains("no due date", warning.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_activity_catalog_lists_each_type_with_its_inputs_and_outcomes()
    {
        var catalog = (await (await api.Clinician).GetJsonAsync("/api/activities")).AsArray().Select(a => a!).ToList();

        var types = catalog.Select(a => a.Str("type")).ToList();
        foreach (var type in new[] { "Start", "End", "Decision", "Switch", "Fork", "Join", "SetVariable", "Delay", "HumanTask", "Approval", "Reminder", "WaitForEvent" })
        {
            Assert.Contains(type, types);
        }

        var approval = catalog.Single(a => a.Str("type") == "Approval");
        Assert.Equal(["approved", "overridden", "rejected"], approval["outcomes"]!.AsArray().Select(o => o!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Contains(approval["inputs"]!.AsArray(), i => i!.Str("name") == "evidence");
        var delay = catalog.Single(a => a.Str("type") == "Delay");
        Assert.Contains(delay["inputs"]!.AsArray(), i => i!.Str("name") == "duration");
        Assert.All(catalog, a => Assert.False(string.IsNullOrWhiteSpace(a.Str("description"))));
    }

    [Fact]
    public async Task Input_kinds_and_expression_types_travel_as_their_names()
    {
        var labGate = (await (await api.Administrator).GetJsonAsync("/api/activities")).AsArray().Single(a => a.Str("type") == "LabGate")!;

        var freshness = labGate["inputs"]!.AsArray().Single(i => i.Str("name") == "freshness")!;
        Assert.Equal(("Expression", "Duration"), (freshness.Str("kind"), freshness.Str("expressionType")));
    }

    [Fact]
    public async Task The_json_schema_of_the_pathway_format_is_served()
    {
        var response = await (await api.Clinician).GetAsync("/api/definitions/schema");

        var schema = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("application/schema+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(schema["$schema"]);
        foreach (var property in new[] { "definitionId", "version", "activities", "connections", "parameters" })
        {
            Assert.NotNull(schema["properties"]?[property]);
        }
    }

    [Fact]
    public async Task Retiring_the_published_version_stops_new_starts()
    {
        var admin = await api.Administrator;
        var document = await api.SampleCopyAsync();
        var id = document.Str("definitionId");
        await (await admin.PostJsonAsync("/api/definitions", document)).ExpectAsync(HttpStatusCode.Created);
        await api.PublishAsync(id, 1);
        var patientId = await api.CreatePatientAsync(vertebralLesion: true);
        await api.StartAsync(patientId, new JsonObject { ["followUpAfter"] = "1h" }, id);

        await (await admin.PostAsync($"/api/definitions/{id}/versions/1/retire", null)).ExpectProblemAsync(HttpStatusCode.BadRequest, "reason");
        var retired = await (await admin.PostJsonAsync($"/api/definitions/{id}/versions/1/retire", new { reason = "replaced by the regional protocol" })).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(("retired", "replaced by the regional protocol", "admin"), (retired.Str("status"), retired.Str("retireReason"), retired.Str("retiredBy")));
        await (await (await api.Coordinator).PostJsonAsync("/api/instances", new { definitionId = id, patientId })).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await admin.PostJsonAsync($"/api/definitions/{id}/versions/1/publish", new { changeNote = "again" })).ExpectProblemAsync(HttpStatusCode.Conflict);
    }
}

public sealed class SqliteDefinitionLifecycleTests(SqliteAppFactory factory) : DefinitionLifecycleTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresDefinitionLifecycleTests(PostgresAppFactory factory) : DefinitionLifecycleTests(factory), IClassFixture<PostgresAppFactory>;
