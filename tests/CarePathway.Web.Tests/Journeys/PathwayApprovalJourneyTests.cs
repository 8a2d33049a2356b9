using System.Net;
using System.Text.Json.Nodes;
using CarePathway.Server.Tests.Infrastructure;
using CarePathway.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CarePathway.Web.Tests.Journeys;

/// <summary>
/// The clinician's approval of a pathway change (issue 15): an administrator's change to a clinical parameter waits on
/// its own page, counted in the navigation; a clinician reads the note, the author and the difference and approves it,
/// and it goes live; the author, on the same page, sees the server's reason why they cannot.
/// </summary>
public sealed class PathwayApprovalJourneyTests(BrowserServer server) : IClassFixture<BrowserServer>
{
    [Fact]
    public async Task A_clinician_approves_an_administrators_clinical_change_from_the_approval_page_and_the_author_sees_why_they_cannot()
    {
        var admin = await server.Api.Administrator;
        var document = await server.Api.SampleCopyAsync();
        var id = document.Str("definitionId");
        var name = document.Str("name");
        await (await admin.PostJsonAsync("/api/definitions", document)).ExpectAsync(HttpStatusCode.Created);
        await server.Api.PublishAsync(id, 1);
        ((JsonArray)document["parameters"]!).Single(p => p!.Str("name") == "followUpAfter")!["default"] = "6w";
        await (await admin.PostJsonAsync("/api/definitions", document)).ExpectAsync(HttpStatusCode.Created);
        await (await admin.PostJsonAsync($"/api/definitions/{id}/versions/2/publish", new { changeNote = "Follow-up at six weeks" })).ExpectAsync(HttpStatusCode.OK);

        // The author finds it on the same page and is told, by the server, why they cannot approve it.
        var author = await server.SignInAsync(DemoUsers.Administrator);
        await author.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Pathway changes" }).ClickAsync();
        var authorsRow = author.GetByRole(AriaRole.Row).Filter(new() { HasText = "Follow-up at six weeks" });
        await Expect(authorsRow).ToContainTextAsync("admin wrote this version");
        await authorsRow.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await Expect(author.GetByRole(AriaRole.Alert)).ToContainTextAsync("You cannot approve it: admin wrote this version");
        await Expect(author.GetByRole(AriaRole.Button, new() { Name = "Approve and publish" })).ToHaveCountAsync(0);

        // The clinician sees the count in the navigation, opens the version, reads note, author and difference, approves.
        var clinician = await server.SignInAsync(DemoUsers.Clinician);
        var link = clinician.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Pathway changes" });
        await Expect(link.Locator(".badge")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[1-9][0-9]*$"));
        await link.ClickAsync();
        await clinician.GetByRole(AriaRole.Row).Filter(new() { HasText = "Follow-up at six weeks" }).GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await Expect(clinician.GetByRole(AriaRole.Heading, new() { Name = $"{name}, version 2" })).ToBeVisibleAsync();
        var main = clinician.GetByRole(AriaRole.Main);
        await Expect(main).ToContainTextAsync("Follow-up at six weeks");
        await Expect(main).ToContainTextAsync("Asked to publish by");
        await Expect(main.GetByRole(AriaRole.Note)).ToContainTextAsync("followUpAfter changed: default 4w → 6w");
        await Expect(main.GetByRole(AriaRole.Heading, new() { Name = "Changes from version 1" })).ToBeVisibleAsync();
        await Expect(main.Locator(".diff-changed").Filter(new() { HasText = "Parameter followUpAfter" })).ToContainTextAsync("6w");
        await clinician.GetByLabel("Note (optional, kept in the audit)").FillAsync("Agreed with the rheumatology team");
        await Screenshots.SaveAsync(clinician, "pathway-approval");
        await clinician.GetByRole(AriaRole.Button, new() { Name = "Approve and publish" }).ClickAsync();

        await Expect(clinician.GetByRole(AriaRole.Status).Filter(new() { HasText = "version 2 is live" })).ToBeVisibleAsync();
        await Expect(main).ToContainTextAsync("Approved by");
        var live = await admin.GetJsonAsync($"/api/definitions/{id}/versions/2");
        Assert.Equal(("published", "clinician"), (live.Str("status"), live.Str("approvedBy")));
        var started = await server.Api.StartAsync(await server.Api.CreatePatientAsync(vertebralLesion: true), definitionId: id);
        Assert.Equal(2, started["version"]!.GetValue<int>());
    }
}
