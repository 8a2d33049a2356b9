using CarePathway.Server.Tests.Infrastructure;
using CarePathway.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CarePathway.Web.Tests.Journeys;

/// <summary>
/// The pathway's own actions on the patient page: suspend (a reason asked for first), resume, and cancel, which says
/// it cannot be undone and asks to be confirmed; each lands in the timeline.
/// </summary>
public sealed class PathwayActionsJourneyTests(BrowserServer server) : IClassFixture<BrowserServer>
{
    [Fact]
    public async Task A_coordinator_suspends_with_a_reason_resumes_and_cancels_after_confirming()
    {
        var patientId = await server.Api.CreatePatientAsync(vertebralLesion: false);
        await server.Api.StartAsync(patientId);
        var page = await server.SignInAsync(DemoUsers.Coordinator);
        await page.GotoAsync($"/patients/{patientId}");
        var timeline = page.Locator(".timeline");
        await Expect(timeline.Locator(".status-running")).ToBeVisibleAsync();

        await timeline.GetByRole(AriaRole.Button, new() { Name = "Suspend pathway…" }).ClickAsync();
        var form = timeline.GetByRole(AriaRole.Form, new() { Name = "Suspend the pathway" });
        await form.GetByRole(AriaRole.Button, new() { Name = "Suspend the pathway" }).ClickAsync();
        await Expect(form.GetByRole(AriaRole.Alert)).ToContainTextAsync("A reason is required");
        await form.GetByLabel("Reason").FillAsync("family on holiday until the 20th");
        await form.GetByRole(AriaRole.Button, new() { Name = "Suspend the pathway" }).ClickAsync();
        await Expect(timeline.Locator(".status-suspended")).ToBeVisibleAsync();
        await Expect(timeline.Locator("ol.journal")).ToContainTextAsync("Pathway suspended");

        await timeline.GetByRole(AriaRole.Button, new() { Name = "Resume pathway" }).ClickAsync();
        await Expect(timeline.Locator(".status-running")).ToBeVisibleAsync();

        await timeline.GetByRole(AriaRole.Button, new() { Name = "Cancel pathway…" }).ClickAsync();
        var cancel = timeline.GetByRole(AriaRole.Form, new() { Name = "Cancel the pathway" });
        await Expect(cancel).ToContainTextAsync("it cannot be resumed");
        await Screenshots.SaveAsync(page, "pathway-cancel-confirm");
        await cancel.GetByLabel("Reason").FillAsync("moved to another hospital");
        await cancel.GetByRole(AriaRole.Button, new() { Name = "Cancel the pathway" }).ClickAsync();
        await Expect(timeline.Locator(".status-cancelled")).ToBeVisibleAsync();
        await Expect(timeline.GetByRole(AriaRole.Button, new() { Name = "Cancel pathway…" })).ToHaveCountAsync(0);
        await Expect(timeline.Locator("ol.journal")).ToContainTextAsync("Pathway cancelled");
    }

    [Fact]
    public async Task A_lab_result_is_marked_entered_in_error_after_saying_why_and_stays_struck_through()
    {
        var patientId = await server.Api.CreatePatientAsync(vertebralLesion: false);
        await new CrmoCourse(server.Api).RecordLabAsync(patientId, "2160-0", 5.5m, "mg/dL", DateTimeOffset.UtcNow.AddMinutes(-10));
        var page = await server.SignInAsync(DemoUsers.Coordinator);
        await page.GotoAsync($"/patients/{patientId}");
        var row = page.GetByRole(AriaRole.Row, new() { Name = "Creatinine" });

        await row.GetByRole(AriaRole.Button, new() { Name = "Mark creatinine 5.5 mg/dL entered in error", Exact = false }).ClickAsync();
        var form = row.GetByRole(AriaRole.Form);
        await Expect(form).ToContainTextAsync("This cannot be undone.");
        await form.GetByRole(AriaRole.Button, new() { Name = "Mark entered in error" }).ClickAsync();
        await Expect(form.GetByRole(AriaRole.Alert)).ToContainTextAsync("Say why");
        await form.GetByLabel("Why").FillAsync("wrong patient's sample");
        await form.GetByRole(AriaRole.Button, new() { Name = "Mark entered in error" }).ClickAsync();
        await Expect(row).ToContainTextAsync("entered in error (wrong patient's sample; coordinator");
        await Expect(row.Locator("s")).ToHaveTextAsync("5.5 mg/dL");
    }
}
