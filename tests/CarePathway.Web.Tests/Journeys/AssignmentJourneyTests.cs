using CarePathway.Server.Tests.Infrastructure;
using CarePathway.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CarePathway.Web.Tests.Journeys;

/// <summary>
/// Who does what: a coordinator claims a task from the task page, finds it under "my work", hands it to a colleague
/// and the colleague releases it to the team; the pathway's timeline names each change. On a phone too.
/// </summary>
public sealed class AssignmentJourneyTests(BrowserServer server) : IClassFixture<BrowserServer>
{
    private const string Colleague = "coordinator-two";

    [Fact]
    public async Task A_coordinator_claims_a_task_hands_it_to_a_colleague_who_releases_it_and_the_timeline_says_so()
    {
        await server.Api.UserInRoleAsync(Colleague, "coordinator");
        var patientId = await server.Api.CreatePatientAsync(vertebralLesion: false);
        var instanceId = (await server.Api.StartAsync(patientId)).Id();
        var task = Assert.Single(await server.Api.OpenTasksAsync(instanceId, role: "coordinator"));

        var page = await server.SignInAsync(DemoUsers.Coordinator);
        await page.GotoAsync($"/tasks/{task.Id()}");
        var panel = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Who has it" }) });
        await Expect(panel.GetByRole(AriaRole.Status)).ToHaveTextAsync("Nobody has this task yet: it is with the coordinator team.");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Claim" }).ClickAsync();
        await Expect(panel.GetByRole(AriaRole.Status)).ToHaveTextAsync("Assigned to you.");
        await Screenshots.SaveAsync(page, "assignment-claimed");
        await Phone.ExpectFitsAsync(page, "assignment-claimed-phone");

        // My work: the worklist filtered on me lists it, marked as mine.
        await page.GotoAsync("/worklist?tab=all&assignee=me");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = task.Str("title") }).Filter(new() { HasText = "you" });
        await Expect(row).ToHaveCountAsync(1);

        // Handed to a colleague, who gives it back to the team.
        await page.GotoAsync($"/tasks/{task.Id()}");
        await panel.GetByLabel("Reassign to").SelectOptionAsync(Colleague);
        await panel.GetByRole(AriaRole.Button, new() { Name = "Reassign" }).ClickAsync();
        await Expect(panel.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Assigned to {Colleague}.");
        var colleague = await server.SignInAsync(Colleague);
        await colleague.GotoAsync($"/tasks/{task.Id()}");
        var theirs = colleague.Locator("section", new() { Has = colleague.GetByRole(AriaRole.Heading, new() { Name = "Who has it" }) });
        await Expect(theirs.GetByRole(AriaRole.Status)).ToHaveTextAsync("Assigned to you.");
        await theirs.GetByRole(AriaRole.Button, new() { Name = "Release to the team" }).ClickAsync();
        await Expect(theirs.GetByRole(AriaRole.Status)).ToContainTextAsync("Nobody has this task yet");

        // The timeline on the patient page names every change of hands.
        await page.GotoAsync($"/patients/{patientId}");
        var journal = page.Locator("ol.journal");
        await Expect(journal.Locator("li", new() { HasText = "Task claimed" })).ToContainTextAsync("by coordinator");
        await Expect(journal.Locator("li", new() { HasText = $"Task reassigned to {Colleague} (was coordinator)" })).ToContainTextAsync("by coordinator");
        await Expect(journal.Locator("li", new() { HasText = "Task released to the team" })).ToContainTextAsync($"by {Colleague}");
    }
}
