using System.Net;
using System.Text.Json.Nodes;
using CarePathway.Server.Tests.Infrastructure;
using CarePathway.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CarePathway.Web.Tests.Journeys;

/// <summary>A clinician decides an approval with its evidence in front of them; a decision taken elsewhere first is said plainly.</summary>
public sealed class ClinicianJourneyTests(BrowserServer server) : IClassFixture<BrowserServer>
{
    private async Task<Guid> ApprovalForAsync(string familyName)
    {
        var patientId = await server.CreatePatientAsync(familyName, vertebralLesion: true);
        var coordinator = await server.Api.Coordinator;
        foreach (var (value, day) in new[] { (0.62m, -20), (0.66m, -10), (0.71m, -1) })
        {
            await (await coordinator.PostJsonAsync($"/api/patients/{patientId}/labs",
                new { code = "2160-0", value, unit = "mg/dL", observedAt = DateTimeOffset.UtcNow.AddDays(day) })).ExpectAsync(HttpStatusCode.OK);
        }

        var instanceId = (await server.Api.StartAsync(patientId, new JsonObject { ["followUpAfter"] = "1h" })).Id();
        return Assert.Single(await server.Api.OpenTasksAsync(instanceId, kind: "escalation-approval")).Id();
    }

    [Fact]
    public async Task A_clinician_approves_seeing_the_evidence_and_the_lab_trend()
    {
        var taskId = await ApprovalForAsync("Approvable");
        var page = await server.SignInAsync(DemoUsers.Clinician);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Approval queue" })).ToBeVisibleAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Approvable" });
        await Screenshots.SaveAsync(page, "clinician-queue");
        await row.GetByRole(AriaRole.Link, new() { Name = "Approve escalation to IV bisphosphonate" }).ClickAsync();
        await page.WaitForURLAsync($"**/approvals/{taskId}");

        var evidence = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Evidence" }) });
        await Expect(evidence).ToContainTextAsync("Vertebral involvement");
        await Expect(evidence).ToContainTextAsync("NSAID trial rounds");
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "2160-0: baseline 0.62 mg/dL, latest 0.71 mg/dL (+15% from baseline), 3 results" })).ToBeVisibleAsync();

        // Rejecting needs a reason: the form says so before anything is sent.
        await page.GetByRole(AriaRole.Radio, new() { Name = "Reject" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit decision" }).ClickAsync();
        await Expect(page.GetByText("A reason is required to reject.")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "clinician-approval");

        await page.GetByRole(AriaRole.Radio, new() { Name = "Approve" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit decision" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Completed" })).ToHaveTextAsync("Completed: approved by clinician.");
        var task = await (await server.Api.Clinician).GetJsonAsync($"/api/tasks/{taskId}");
        Assert.Equal("approved", task["task"]!.Str("outcome"));
    }

    [Fact]
    public async Task When_another_clinician_decided_first_the_page_says_so_and_shows_their_decision()
    {
        var taskId = await ApprovalForAsync("Raced");
        var page = await server.SignInAsync(DemoUsers.Clinician);
        await page.GotoAsync($"/approvals/{taskId}");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Override" }).CheckAsync();
        await page.GetByLabel("Reason (required)").FillAsync("Clinical picture outweighs the NSAID trial");

        var colleague = await server.Api.UserInRoleAsync("second-clinician", "clinician");
        await (await CarePathwayApi.CompleteAsync(colleague, taskId, "rejected", "Imaging first")).ExpectAsync(HttpStatusCode.OK);
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit decision" }).ClickAsync();

        var conflict = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Someone else decided this task first" });
        await Expect(conflict).ToContainTextAsync("rejected");
        await Expect(conflict).ToContainTextAsync("second-clinician");
        await Expect(conflict).ToContainTextAsync("Imaging first");
        await Screenshots.SaveAsync(page, "clinician-conflict");
    }
}
