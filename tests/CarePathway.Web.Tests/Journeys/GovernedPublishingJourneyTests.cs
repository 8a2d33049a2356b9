using System.Net;
using System.Text.Json.Nodes;
using CarePathway.Server.Security;
using CarePathway.Server.Tests.Infrastructure;
using CarePathway.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CarePathway.Web.Tests.Journeys;

/// <summary>
/// Governed publishing (issue 15, item 1): publish asks for a change note and shows the difference first; a change to a
/// clinical parameter waits for a second person, whom the author cannot stand in for; retiring asks for a reason.
/// </summary>
public sealed class GovernedPublishingJourneyTests(BrowserServer server) : IClassFixture<BrowserServer>
{
    [Fact]
    public async Task A_dose_like_change_is_published_with_a_note_after_its_difference_approved_by_a_second_administrator_and_retired_with_a_reason()
    {
        var admin = await server.Api.Administrator;
        var document = await server.Api.SampleCopyAsync();
        var id = document.Str("definitionId");
        await (await admin.PostJsonAsync("/api/definitions", document)).ExpectAsync(HttpStatusCode.Created);
        await server.Api.PublishAsync(id, 1);
        ((JsonArray)document["parameters"]!).Single(p => p!.Str("name") == "followUpAfter")!["default"] = "6w";
        await (await admin.PostJsonAsync("/api/definitions", document)).ExpectAsync(HttpStatusCode.Created);

        // The author asks to publish: the change of a clinical parameter and the difference are shown before it goes.
        var page = await server.SignInAsync(DemoUsers.Administrator);
        await page.GotoAsync($"/designer/{id}/2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        var publish = page.GetByRole(AriaRole.Region, new() { Name = "Publish version 2" });
        await Expect(publish.GetByRole(AriaRole.Note)).ToContainTextAsync("Needs a second person’s approval");
        await Expect(publish.GetByRole(AriaRole.Note)).ToContainTextAsync("followUpAfter changed: default 4w → 6w");
        await Expect(publish.GetByRole(AriaRole.Heading, new() { Name = "Changes from version 1" })).ToBeVisibleAsync();
        await Expect(publish.Locator(".diff-changed").Filter(new() { HasText = "Parameter followUpAfter" })).ToContainTextAsync("6w");
        var confirm = publish.GetByRole(AriaRole.Button, new() { Name = "Confirm publish" });
        await Expect(confirm).ToBeDisabledAsync();
        await publish.GetByLabel("Change note").FillAsync("Follow-up at six weeks, as agreed with the team");
        await Screenshots.SaveAsync(page, "designer-publish-review");
        await confirm.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Version 2 awaits approval" })).ToBeVisibleAsync();

        // The author cannot approve it.
        await page.GetByRole(AriaRole.Button, new() { Name = "Review and approve" }).ClickAsync();
        var own = page.GetByRole(AriaRole.Region, new() { Name = "Approve version 2" });
        await Expect(own.GetByRole(AriaRole.Alert)).ToContainTextAsync("You cannot approve it: admin wrote this version");
        await Expect(own.GetByRole(AriaRole.Button, new() { Name = "Approve and publish" })).ToBeDisabledAsync();
        Assert.Equal("published", (await admin.GetJsonAsync($"/api/definitions/{id}/versions/1")).Str("status"));

        // Another administrator reads the note and the difference, and approves: version 2 is live.
        await server.Api.UserInRoleAsync("second-admin", Roles.Administrator);
        var second = await server.SignInAsync("second-admin");
        await second.GotoAsync($"/designer/{id}/2");
        await second.GetByRole(AriaRole.Button, new() { Name = "Review and approve" }).ClickAsync();
        var approval = second.GetByRole(AriaRole.Region, new() { Name = "Approve version 2" });
        await Expect(approval).ToContainTextAsync("Follow-up at six weeks, as agreed with the team");
        await Expect(approval.GetByRole(AriaRole.Note)).ToContainTextAsync("followUpAfter changed");
        await approval.GetByLabel("Note (optional)").FillAsync("Checked against the protocol");
        await approval.GetByRole(AriaRole.Button, new() { Name = "Approve and publish" }).ClickAsync();
        await Expect(second.GetByRole(AriaRole.Status).Filter(new() { HasText = "Approved. Version 2 is published" })).ToBeVisibleAsync();
        var history = second.GetByRole(AriaRole.Region, new() { Name = "Versions" });
        await Expect(history).ToContainTextAsync("approved by second-admin");
        await Expect(history).ToContainTextAsync("Change note: Follow-up at six weeks, as agreed with the team");
        await Screenshots.SaveAsync(second, "designer-approved");

        // Retiring asks for a reason and a confirmation.
        await second.GetByRole(AriaRole.Button, new() { Name = "Retire" }).ClickAsync();
        var retire = second.GetByRole(AriaRole.Region, new() { Name = "Retire version 2" });
        await Expect(retire.GetByRole(AriaRole.Note)).ToContainTextAsync("No new patient can start on it");
        await Expect(retire.GetByRole(AriaRole.Button, new() { Name = "Confirm retire" })).ToBeDisabledAsync();
        await retire.GetByLabel("Reason").FillAsync("Replaced by the regional protocol");
        await retire.GetByRole(AriaRole.Button, new() { Name = "Confirm retire" }).ClickAsync();
        await Expect(second.GetByRole(AriaRole.Status).Filter(new() { HasText = "Version 2 is retired" })).ToBeVisibleAsync();
        await Expect(history).ToContainTextAsync("Retired: Replaced by the regional protocol");
        Assert.Equal("retired", (await admin.GetJsonAsync($"/api/definitions/{id}/versions/2")).Str("status"));
    }
}
