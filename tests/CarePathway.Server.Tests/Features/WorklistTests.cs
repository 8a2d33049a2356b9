using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Features;

/// <summary>The coordinator's worklist: each row names its patient, and "missing labs" and "held" are filters of the server.</summary>
public abstract class WorklistTests(CarePathwayAppFactory factory)
{
    private readonly CarePathwayApi api = CarePathwayApi.For(factory);
    private readonly CrmoCourse crmo = new(CarePathwayApi.For(factory));

    [Fact]
    public async Task Each_task_of_the_worklist_carries_its_patient_s_name_and_MRN()
    {
        var patient = JsonSerializer.SerializeToNode(CarePathwayApi.NewPatient(vertebralLesion: true))!;
        var patientId = (await (await (await api.Coordinator).PostJsonAsync("/api/patients", patient)).ExpectAsync(HttpStatusCode.Created)).Id();
        var instanceId = (await api.StartAsync(patientId)).Id();

        var row = Assert.Single((await (await api.Clinician).GetJsonAsync($"/api/tasks?role=clinician&patientId={patientId}")).Items());
        var detail = await (await api.Clinician).GetJsonAsync($"/api/tasks/{row.Id()}");

        var mrn = patient.Str("mrn");
        foreach (var task in new[] { row, detail["task"]! })
        {
            Assert.Equal(("Test, Ada", mrn, instanceId), (task.Str("patientName"), task.Str("patientMrn"), task.Id("instanceId")));
            Assert.Null(task["labHold"]);
        }
    }

    [Fact]
    public async Task Missing_labs_lists_a_gate_s_order_for_labs_not_in_and_held_the_order_after_the_gate_held_on_them()
    {
        var patientId = await crmo.CreatePatientAsync();
        var instanceId = await crmo.StartAsync(patientId);
        await crmo.ApproveEscalationAsync(instanceId);

        var missing = await crmo.OpenTaskAsync(instanceId, "baseline");
        Assert.Equal(("order-labs", "missing"), (missing["task"].Str("kind"), missing["task"].Str("labHold")));
        Assert.Equal([missing["task"].Id()], await LabsViewAsync("missing", patientId));
        Assert.Empty(await LabsViewAsync("held", patientId));
        var everyMissing = (await (await api.Coordinator).GetJsonAsync("/api/tasks?labs=missing&pageSize=200")).Items();
        Assert.All(everyMissing, t => Assert.Equal("missing", t.Str("labHold")));

        // Vitamin D 10 ng/mL (25 nmol/L) is below the minimum: the gate holds and asks again at the recheck.
        var drawn = DateTimeOffset.UtcNow.AddMinutes(-5);
        await crmo.RecordLabAsync(patientId, "2160-0", 0.55m, "mg/dL", drawn);
        await crmo.RecordLabAsync(patientId, "17861-6", 9.4m, "mg/dL", drawn);
        await crmo.RecordLabAsync(patientId, "29265-6", 2.35m, "mmol/L", drawn);
        await crmo.RecordLabAsync(patientId, "62292-8", 10m, "ng/mL", drawn);

        var held = await Eventually.UntilAsync(() => LabsViewAsync("held", patientId), ids => ids.Count == 1, "the held order-labs task");
        var heldTask = await (await api.Coordinator).GetJsonAsync($"/api/tasks/{held[0]}");
        Assert.Equal(("order-labs", "baseline"), (heldTask["task"].Str("kind"), heldTask["task"].Str("activityId")));
        Assert.StartsWith("held: ", heldTask["evidence"].Str("reason"), StringComparison.Ordinal);
        Assert.Empty(await LabsViewAsync("missing", patientId));
    }

    [Fact]
    public async Task Each_view_counts_what_its_page_lists_under_the_same_pathway_kind_patient_and_assignee_filters()
    {
        var token = "W" + Guid.NewGuid().ToString("N")[..10];
        var crmoPatient = await CreateNamedPatientAsync("Crmo" + token, token, vertebralLesion: true);
        var crmoInstance = await crmo.StartAsync(crmoPatient);
        await crmo.ApproveEscalationAsync(crmoInstance);
        await crmo.OpenTaskAsync(crmoInstance, "baseline");
        var samplePatient = await CreateNamedPatientAsync("Sample" + token, token, vertebralLesion: true);
        await api.StartAsync(samplePatient);
        var coordinator = await api.Coordinator;

        // The patient filter finds both by the token in their given name, any case; the pathway filter keeps one.
        foreach (var filter in new[] { $"patient={token.ToLowerInvariant()}", $"patient={token}&definitionId={CrmoCourse.DefinitionId}",
                     $"patient={token}&kind=order-labs", $"patient={token}&assignee=none", $"patient={token}&assignee=me" })
        {
            var counts = await coordinator.GetJsonAsync($"/api/tasks/counts?{filter}");
            var views = counts["views"]!.AsArray().ToDictionary(v => v.Str("view"), v => v!["count"]!.GetValue<int>());
            Assert.Equal(["today", "overdue", "upcoming", "undated", "held", "approval", "missing-labs", "all"], views.Keys);
            foreach (var (view, count) in views)
                Assert.True(count == (await coordinator.GetJsonAsync($"/api/tasks?view={view}&{filter}"))["total"]!.GetValue<int>(), $"{view} under {filter}");
            var kinds = counts["kinds"]!.AsArray().Sum(k => k!["count"]!.GetValue<int>());
            Assert.Equal(views["all"], kinds);
        }

        var both = await coordinator.GetJsonAsync($"/api/tasks/counts?patient={token}");
        var crmoOnly = await coordinator.GetJsonAsync($"/api/tasks/counts?patient={token}&definitionId={CrmoCourse.DefinitionId}");
        var sampleOnly = await coordinator.GetJsonAsync($"/api/tasks/counts?patient={token}&definitionId={CarePathwayApi.Sample}");
        Assert.Equal(ViewCount(both, "all"), ViewCount(crmoOnly, "all") + ViewCount(sampleOnly, "all"));
        Assert.Equal((1, 1), (ViewCount(sampleOnly, "all"), ViewCount(sampleOnly, "approval"))); // the sample's escalation approval
        Assert.Equal(1, ViewCount(crmoOnly, "missing-labs")); // the baseline gate's order
        Assert.Contains(crmoOnly["kinds"]!.AsArray(), k => k.Str("kind") == "order-labs");
        Assert.Equal(0, ViewCount(await coordinator.GetJsonAsync($"/api/tasks/counts?patient={token}&assignee=me"), "all"));
    }

    [Fact]
    public async Task Sorted_by_patient_the_worklist_lists_patients_by_name_whatever_their_tasks_order()
    {
        var token = "S" + Guid.NewGuid().ToString("N")[..10];
        var later = await CreateNamedPatientAsync("Zed" + token, token, vertebralLesion: true);
        await api.StartAsync(later);
        var earlier = await CreateNamedPatientAsync("Abel" + token, token, vertebralLesion: true);
        await api.StartAsync(earlier);
        var coordinator = await api.Coordinator;

        var newestFirst = (await coordinator.GetJsonAsync($"/api/tasks?patient={token}&sort=created")).Items().Select(t => t.Id("patientId"));
        var byPatient = (await coordinator.GetJsonAsync($"/api/tasks?patient={token}&sort=patient")).Items().Select(t => t.Id("patientId"));
        Assert.Equal([earlier, later], newestFirst);
        Assert.Equal([earlier, later], byPatient);
        var byPatientPaged = new List<Guid>();
        for (var page = 1; page <= 2; page++)
            byPatientPaged.AddRange((await coordinator.GetJsonAsync($"/api/tasks?patient={token}&sort=patient&pageSize=1&page={page}")).Items().Select(t => t.Id("patientId")));
        Assert.Equal([earlier, later], byPatientPaged);
    }

    [Theory]
    [InlineData("/api/tasks?view=soon", "view")]
    [InlineData("/api/tasks?sort=name", "sort")]
    [InlineData("/api/tasks/counts?patientId=not-a-guid", "patientId")]
    public async Task An_unknown_view_or_sort_is_refused_naming_it(string url, string field)
    {
        var response = await (await api.Coordinator).GetAsync(url);
        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
    }

    private static int ViewCount(JsonNode counts, string view) =>
        counts["views"]!.AsArray().Single(v => v.Str("view") == view)!["count"]!.GetValue<int>();

    private async Task<Guid> CreateNamedPatientAsync(string familyName, string givenName, bool vertebralLesion)
    {
        var patient = CarePathwayApi.NewPatientJson(p =>
        {
            p["familyName"] = familyName;
            p["givenName"] = givenName;
            p["facts"] = new JsonObject { ["vertebralLesion"] = vertebralLesion };
        });
        return (await (await (await api.Coordinator).PostJsonAsync("/api/patients", patient)).ExpectAsync(HttpStatusCode.Created)).Id();
    }

    private async Task<IReadOnlyList<Guid>> LabsViewAsync(string labs, Guid patientId) =>
        [.. (await (await api.Coordinator).GetJsonAsync($"/api/tasks?labs={labs}&patientId={patientId}")).Items().Select(t => t.Id())];
}

public sealed class SqliteWorklistTests(SqliteAppFactory factory) : WorklistTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresWorklistTests(PostgresAppFactory factory) : WorklistTests(factory), IClassFixture<PostgresAppFactory>;
