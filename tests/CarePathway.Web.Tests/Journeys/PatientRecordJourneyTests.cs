using System.Net;
using CarePathway.Server.Scheduling;
using CarePathway.Server.Tests.Infrastructure;
using CarePathway.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CarePathway.Web.Tests.Journeys;

/// <summary>
/// The patient page's own corrections: a patient's details corrected from the version the page loaded (a colleague's
/// save in between is said, and overwrites nothing), and a step that raised an incident retried from the timeline.
/// </summary>
public sealed class PatientRecordJourneyTests(BrowserServer server) : IClassFixture<BrowserServer>
{
    [Fact]
    public async Task A_coordinator_corrects_a_patient_s_details_and_a_colleague_s_save_in_between_is_not_overwritten()
    {
        var patientId = await server.CreatePatientAsync("Misspelt");
        var page = await server.SignInAsync(DemoUsers.Coordinator);
        await page.GotoAsync($"/patients/{patientId}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Correct details" }).ClickAsync();
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Correct the patient's details" });
        await form.GetByLabel("Birth date").FillAsync("2100-01-01");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save details" }).ClickAsync();
        await Expect(form.Locator(".field").Filter(new() { HasText = "Birth date" })).ToContainTextAsync("future");

        await form.GetByLabel("Birth date").FillAsync("2015-03-04");
        await form.GetByLabel("Family name").FillAsync("Corrected");
        await form.GetByLabel("Vertebral lesion").CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Save details" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Corrected, Ada" })).ToBeVisibleAsync();
        await Expect(form).ToHaveCountAsync(0);
        var saved = await (await server.Api.Coordinator).GetJsonAsync($"/api/patients/{patientId}");
        Assert.Equal("2015-03-04", saved.Str("birthDate"));
        Assert.True(saved["facts"]!["vertebralLesion"]!.GetValue<bool>());

        // A colleague saves while this page's form is open: this save is refused and the edit stays in the form.
        await page.GetByRole(AriaRole.Button, new() { Name = "Correct details" }).ClickAsync();
        await form.GetByLabel("Given name").FillAsync("Adah");
        var colleague = await server.Api.UserInRoleAsync("second-coordinator", "coordinator");
        await (await colleague.PutJsonAsync($"/api/patients/{patientId}", new
        {
            givenName = "Ada", familyName = "Corrected-Smith", birthDate = "2015-03-04", sex = saved.Str("sex"), diagnosis = saved.Str("diagnosis"),
            facts = saved["facts"], rowVersion = saved["rowVersion"]!.GetValue<long>(),
        })).ExpectAsync(HttpStatusCode.OK);
        await form.GetByRole(AriaRole.Button, new() { Name = "Save details" }).ClickAsync();
        await Expect(form.GetByRole(AriaRole.Alert)).ToContainTextAsync("someone else changed this patient since you opened it");
        await Expect(form.GetByLabel("Given name")).ToHaveValueAsync("Adah");
        Assert.Equal("Corrected-Smith", (await (await server.Api.Coordinator).GetJsonAsync($"/api/patients/{patientId}")).Str("familyName"));
        await Screenshots.SaveAsync(page, "patient-correction-conflict");
    }

    [Fact]
    public async Task A_step_that_raised_an_incident_is_retried_from_the_patient_s_timeline()
    {
        var patientId = await server.CreatePatientAsync("Incident", vertebralLesion: true);
        var instanceId = (await server.Api.StartAsync(patientId, new System.Text.Json.Nodes.JsonObject { ["followUpAfter"] = "2d" })).Id();
        var approval = Assert.Single(await server.Api.OpenTasksAsync(instanceId, kind: "escalation-approval"));
        await (await CarePathwayApi.CompleteAsync(await server.Api.Clinician, approval.Id(), "approved")).ExpectAsync(HttpStatusCode.OK);
        var timer = (await server.Api.InstanceAsync(instanceId))["waiting"]!.AsArray().Single(w => w!.Str("kind") == "timer")!;
        await server.Services.GetRequiredService<ITimerFailureHandler>()
            .HandleAsync(instanceId, timer.Str("bookmarkId"), "could not be delivered after 6 attempts: the database refused", CancellationToken.None);

        var page = await server.SignInAsync(DemoUsers.Coordinator);
        await page.GotoAsync($"/patients/{patientId}");
        var timeline = page.Locator(".timeline");
        var incident = timeline.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Incident at follow-up" });
        await Expect(incident).ToContainTextAsync("the database refused");
        await incident.GetByRole(AriaRole.Button, new() { Name = "Retry the step at follow-up" }).ClickAsync();

        await Expect(incident).ToHaveCountAsync(0);
        await Expect(timeline.Locator("ol.journal")).ToContainTextAsync("Incident resolved");
        Assert.Equal("running", (await server.Api.InstanceAsync(instanceId))["instance"]!.Str("status"));
    }
}
