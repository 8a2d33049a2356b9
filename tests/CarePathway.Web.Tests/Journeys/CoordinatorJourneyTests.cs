using CarePathway.Server.Tests.Infrastructure;
using CarePathway.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CarePathway.Web.Tests.Journeys;

/// <summary>A coordinator works the worklist: completes a task, records a lab result, sees validation name the field.</summary>
public sealed class CoordinatorJourneyTests(BrowserServer server) : IClassFixture<BrowserServer>
{
    [Fact]
    public async Task A_coordinator_completes_a_task_from_the_worklist_and_records_a_lab_result()
    {
        var patientId = await server.CreatePatientAsync("Worklister");
        await server.Api.StartAsync(patientId); // not vertebral: the sample asks the coordinator to start the NSAID trial
        var page = await server.SignInAsync(DemoUsers.Coordinator);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Worklist" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "All open" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Worklister" });
        await Expect(row).ToContainTextAsync("Start the NSAID trial");
        await Screenshots.SaveAsync(page, "coordinator-worklist");

        await row.GetByRole(AriaRole.Link, new() { Name = "Start the NSAID trial and tell the family the plan" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Start the NSAID trial and tell the family the plan" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "coordinator-task");
        await page.GetByRole(AriaRole.Button, new() { Name = "Complete task" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Completed" })).ToHaveTextAsync("Completed: done by coordinator.");

        await page.GotoAsync($"/patients/{patientId}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Worklister, Ada" })).ToBeVisibleAsync();
        // The timeline: steps done from the journal, and the trial's timer ahead.
        await Expect(page.Locator("ol.journal")).ToContainTextAsync("Reminder created");
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Upcoming" })).ToContainTextAsync("nsaid-trial");

        // Bad input: the server's problem details appear next to the field they name.
        var labForm = page.Locator("form", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Lab result" }) });
        await labForm.GetByLabel("Lab value").FillAsync("1.1");
        await labForm.GetByRole(AriaRole.Button, new() { Name = "Record lab result" }).ClickAsync();
        await Expect(labForm.Locator(".field-invalid", new() { Has = page.GetByText("Lab code", new() { Exact = true }) }).GetByRole(AriaRole.Alert)).ToBeVisibleAsync();

        await labForm.GetByLabel("Lab code").FillAsync("2160-0");
        await labForm.GetByLabel("Lab unit").FillAsync("mg/dL");
        await labForm.GetByRole(AriaRole.Button, new() { Name = "Record lab result" }).ClickAsync();
        await Expect(labForm.GetByRole(AriaRole.Status)).ToHaveTextAsync("Lab result recorded.");
        await Expect(page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Lab results" }) })).ToContainTextAsync("2160-0");
        await Screenshots.SaveAsync(page, "coordinator-patient");
    }
}
