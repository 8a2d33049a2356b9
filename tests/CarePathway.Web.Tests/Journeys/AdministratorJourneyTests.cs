using CarePathway.Server.Tests.Infrastructure;
using CarePathway.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CarePathway.Web.Tests.Journeys;

/// <summary>
/// An administrator changes a pathway in the designer and publishes it: new patients start on the
/// new version while a patient already on the pathway stays pinned to the old one.
/// </summary>
public sealed class AdministratorJourneyTests(BrowserServer server) : IClassFixture<BrowserServer>
{
    [Fact]
    public async Task An_administrator_adds_an_activity_fixes_a_validation_error_and_publishes_a_version_new_patients_run_on()
    {
        var earlierPatient = await server.CreatePatientAsync("Earlier");
        var earlierInstance = (await server.Api.StartAsync(earlierPatient)).Id();
        var page = await server.SignInAsync(DemoUsers.Administrator);

        await page.GetByRole(AriaRole.Link, new() { Name = "Sample: NSAID trial, review, escalate or stop" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Versions" })).ToBeVisibleAsync();
        await Expect(page.Locator(".react-flow__node")).ToHaveCountAsync(15);
        // The overview map draws every activity (it needs the sizes the diagram measured).
        await Expect(page.Locator(".react-flow__minimap-node")).ToHaveCountAsync(15);
        await Screenshots.SaveAsync(page, "designer-published");
        await Tablet.ExpectFitsAsync(page, "designer-published-tablet");
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit as new draft" }).ClickAsync();
        await PageProblems.WaitForUrlAsync(page, "**/designer/sample-nsaid-review/2");

        // Add a reminder after the follow-up: until its inputs and connections are set, the node shows its problems.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add Reminder" }).ClickAsync();
        var node = page.Locator(".react-flow__node[data-id='reminder']");
        await Expect(node.Locator(".node-problems")).ToBeVisibleAsync();
        var panel = page.Locator(".property-panel");
        await panel.GetByLabel("kind *").FillAsync("follow-up-call");
        await panel.GetByLabel("role *").SelectOptionAsync("coordinator");
        await panel.GetByLabel("title *").FillAsync("Call the family after the follow-up");

        // An expression that does not parse is named next to its input, with the position.
        await panel.GetByLabel("Due in").FillAsync("3 +");
        await Expect(panel.GetByRole(AriaRole.Alert).Filter(new() { HasText = "does not parse" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "designer-validation-error");
        await panel.GetByLabel("Due in").FillAsync("3d");
        await Expect(panel.GetByRole(AriaRole.Alert).Filter(new() { HasText = "does not parse" })).ToHaveCountAsync(0);

        await panel.GetByLabel("After “done”").SelectOptionAsync("escalated");
        await page.Locator(".react-flow__node[data-id='follow-up']").ClickAsync();
        await panel.GetByLabel("After “done”").SelectOptionAsync("reminder");
        await Expect(page.GetByText("No problems: this version can be published.")).ToBeVisibleAsync();
        await Expect(node.Locator(".node-problems")).ToHaveCountAsync(0);

        // Adding an activity changes no clinical parameter: with a change note, it is published directly.
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        var publish = page.GetByRole(AriaRole.Region, new() { Name = "Publish version 2" });
        await Expect(publish).ToContainTextAsync("No clinical parameter changes");
        await Expect(publish.Locator(".diff-added").Filter(new() { HasText = "Activity reminder" })).ToBeVisibleAsync();
        await publish.GetByLabel("Change note").FillAsync("A call after the follow-up");
        await publish.GetByRole(AriaRole.Button, new() { Name = "Confirm publish" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Version 2 is published" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "designer-published-v2");

        var laterPatient = await server.CreatePatientAsync("Later");
        var later = await server.Api.StartAsync(laterPatient);
        Assert.Equal(2, later["version"]!.GetValue<int>());
        var earlier = await server.Api.InstanceAsync(earlierInstance);
        Assert.Equal(1, earlier["instance"]!["version"]!.GetValue<int>());
        Assert.Equal("running", earlier["instance"]!.Str("status"));
    }
}
