using System.Net;
using System.Text.Json.Nodes;
using CarePathway.Server.Tests.Infrastructure;
using CarePathway.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CarePathway.Web.Tests.Journeys;

/// <summary>
/// A coordinator triaging the worklist: every tab shows its count, the filters (pathway, task kind, patient, who has
/// it) narrow every tab and stay in the URL across a reload, sorted by patient each patient's tasks are grouped under
/// their name, and the page fits a phone.
/// </summary>
public sealed class WorklistJourneyTests(BrowserServer server) : IClassFixture<BrowserServer>
{
    [Fact]
    public async Task A_coordinator_narrows_the_worklist_by_pathway_and_patient_and_the_counts_and_the_url_follow()
    {
        var token = "Tri" + Guid.NewGuid().ToString("N")[..8];
        var crmo = new CrmoCourse(server.Api);
        var crmoPatient = await CreatePatientAsync("Crmo" + token, token);
        var instanceId = await crmo.StartAsync(crmoPatient);
        await crmo.ApproveEscalationAsync(instanceId);
        await crmo.OpenTaskAsync(instanceId, "baseline");
        var samplePatient = await CreatePatientAsync("Sample" + token, token);
        await server.Api.StartAsync(samplePatient);

        var page = await server.SignInAsync(DemoUsers.Coordinator);
        await page.GotoAsync("/worklist");
        await page.GetByRole(AriaRole.Tab, new() { Name = "All open" }).ClickAsync();
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Patient" }).FillAsync(token);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"patient={token}"));
        var allOpen = page.GetByRole(AriaRole.Tab, new() { Name = "All open" });
        var crmoOpen = ViewCount(await (await server.Api.Coordinator).GetJsonAsync($"/api/tasks/counts?patient={token}&definitionId={CrmoCourse.DefinitionId}"), "all");
        await Expect(allOpen).ToHaveTextAsync($"All open{crmoOpen + 1}");
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Missing labs" })).ToHaveTextAsync("Missing labs1");
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Waiting for approval" })).ToHaveTextAsync("Waiting for approval1");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Sample" + token })).ToHaveCountAsync(1);
        await Screenshots.SaveAsync(page, "worklist-filtered");

        // One pathway: the other patient's approval leaves every count and the list.
        await page.GetByLabel("Pathway").SelectOptionAsync(CrmoCourse.DefinitionId);
        await Expect(allOpen).ToHaveTextAsync($"All open{crmoOpen}");
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Waiting for approval" })).ToHaveTextAsync("Waiting for approval0");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Sample" + token })).ToHaveCountAsync(0);

        // The view is the URL: a reload (or a colleague opening the link) shows the same.
        await page.ReloadAsync();
        await Expect(page.GetByLabel("Pathway")).ToHaveValueAsync(CrmoCourse.DefinitionId);
        await Expect(page.GetByRole(AriaRole.Searchbox, new() { Name = "Patient" })).ToHaveValueAsync(token);
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "All open" })).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.GetByLabel("Task kind")).ToContainTextAsync("Order labs");

        // Sorted by patient, the patient heads their tasks.
        await page.GetByLabel("Pathway").SelectOptionAsync("");
        await page.GetByLabel("Sort by").SelectOptionAsync("patient");
        var groups = page.Locator("tr.group-row");
        await Expect(groups).ToHaveCountAsync(2);
        await Expect(groups.First).ToContainTextAsync("Crmo" + token);
        await Expect(groups.Last).ToContainTextAsync("Sample" + token);
        await Screenshots.SaveAsync(page, "worklist-by-patient");
        await Tablet.ExpectFitsAsync(page, "worklist-by-patient-tablet");
        await Phone.ExpectFitsAsync(page, "worklist-by-patient-phone");
    }

    [Fact]
    public async Task Work_with_no_due_date_has_its_own_tab_and_due_today_says_how_much_there_is()
    {
        var page = await server.SignInAsync(DemoUsers.Coordinator, width: Phone.Width, height: 844);
        var token = "Und" + Guid.NewGuid().ToString("N")[..8];
        var patientId = await CreatePatientAsync("Undated" + token, token, vertebralLesion: false);
        var task = await UndatedCoordinatorTaskAsync(patientId);

        await page.GotoAsync($"/worklist?patient={token}");
        await Expect(page.GetByText("1 open task has no due date.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Show tasks with no due date" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "No due date" })).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Undated" + token })).ToContainTextAsync(task);
        await Phone.ExpectFitsAsync(page, "worklist-undated-phone");
    }

    [Fact]
    public async Task An_open_worklist_shows_a_task_claimed_and_then_completed_elsewhere_within_seconds_without_a_reload()
    {
        var token = "Live" + Guid.NewGuid().ToString("N")[..8];
        var patientId = await CreatePatientAsync("Live" + token, token, vertebralLesion: false);
        var instanceId = (await server.Api.StartAsync(patientId)).Id();
        var task = Assert.Single(await server.Api.OpenTasksAsync(instanceId, role: "coordinator"));

        var page = await server.SignInAsync(DemoUsers.Coordinator, width: Phone.Width, height: 844);
        await page.GotoAsync($"/worklist?tab=all&patient={token}");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = task.Str("title") });
        await Expect(row).ToContainTextAsync("nobody yet");

        // A colleague on another screen claims it, then completes it: this page follows, nobody reloads it.
        var colleague = await server.Api.UserInRoleAsync("coordinator-live", "coordinator");
        await (await colleague.PostAsync($"/api/tasks/{task.Id()}/claim", null)).ExpectAsync(HttpStatusCode.OK);
        await Expect(row).ToContainTextAsync("coordinator-live", new() { Timeout = 10_000 });
        await (await CarePathwayApi.CompleteAsync(colleague, task.Id(), "done")).ExpectAsync(HttpStatusCode.OK);
        await Expect(row).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "All open" })).ToHaveTextAsync("All open0");
    }

    /// <summary>
    /// A copy of the sample whose first reminder has no deadline (as pathway versions before deadlines were added):
    /// a patient without a vertebral lesion gets it straight away, undated. Returns its title.
    /// </summary>
    private async Task<string> UndatedCoordinatorTaskAsync(Guid patientId)
    {
        var admin = await server.Api.Administrator;
        var document = await server.Api.SampleCopyAsync();
        var reminder = document["activities"]!.AsArray().Single(a => a.Str("id") == "start-nsaid")!;
        reminder["inputs"]!.AsObject().Remove("dueIn");
        var id = document.Str("definitionId");
        await (await admin.PostJsonAsync("/api/definitions", document)).ExpectAsync(HttpStatusCode.Created);
        await server.Api.PublishAsync(id, 1);
        var instanceId = (await server.Api.StartAsync(patientId, definitionId: id)).Id();
        var tasks = await Eventually.UntilAsync(() => server.Api.OpenTasksAsync(instanceId, role: "coordinator"), t => t.Count > 0, "the reminder");
        Assert.Null(tasks[0]["dueAt"]);
        return tasks[0].Str("title");
    }

    private static int ViewCount(JsonNode counts, string view) =>
        counts["views"]!.AsArray().Single(v => v.Str("view") == view)!["count"]!.GetValue<int>();

    private async Task<Guid> CreatePatientAsync(string familyName, string givenName, bool vertebralLesion = true)
    {
        var patient = CarePathwayApi.NewPatientJson(p =>
        {
            p["familyName"] = familyName;
            p["givenName"] = givenName;
            p["facts"] = new JsonObject { ["vertebralLesion"] = vertebralLesion };
        });
        return (await (await (await server.Api.Coordinator).PostJsonAsync("/api/patients", patient)).ExpectAsync(HttpStatusCode.Created)).Id();
    }
}
