using System.Net;
using CarePathway.Server.Scheduling;
using CarePathway.Server.Tests.Infrastructure;
using CarePathway.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CarePathway.Web.Tests.Journeys;

/// <summary>
/// An administrator's Operations page: a waiting timer, an incident on a pathway whose timer could not be delivered
/// (raised the way the timer job raises it when it gives up), retried from the page, and the audit trail of that
/// patient, searched from the incident.
/// </summary>
public sealed class OperatorJourneyTests(BrowserServer server) : IClassFixture<BrowserServer>
{
    [Fact]
    public async Task An_administrator_sees_timers_retries_an_incident_and_searches_the_audit_trail_of_its_patient()
    {
        var patientId = await server.CreatePatientAsync("Operations", vertebralLesion: true);
        var instanceId = (await server.Api.StartAsync(patientId, new System.Text.Json.Nodes.JsonObject { ["followUpAfter"] = "2d" })).Id();
        var approval = Assert.Single(await server.Api.OpenTasksAsync(instanceId, kind: "escalation-approval"));
        await (await CarePathwayApi.CompleteAsync(await server.Api.Clinician, approval.Id(), "approved")).ExpectAsync(HttpStatusCode.OK);
        var timer = (await server.Api.InstanceAsync(instanceId))["waiting"]!.AsArray().Single(w => w!.Str("kind") == "timer")!;

        var page = await server.SignInAsync(DemoUsers.Administrator);
        await page.GetByRole(AriaRole.Link, new() { Name = "Operations" }).ClickAsync();
        var timers = page.GetByRole(AriaRole.Table, new() { Name = "Timers not yet fired, soonest first" });
        await Expect(timers.GetByRole(AriaRole.Row).Filter(new() { HasText = "Operations, Ada" })).ToContainTextAsync("not yet due");

        await server.Services.GetRequiredService<ITimerFailureHandler>()
            .HandleAsync(instanceId, timer.Str("bookmarkId"), "could not be delivered after 6 attempts: the database refused", CancellationToken.None);
        var incident = page.GetByRole(AriaRole.Table, new() { Name = "Open incidents of every instance, newest first" })
            .GetByRole(AriaRole.Row).Filter(new() { HasText = "Operations, Ada" });
        await Expect(incident).ToContainTextAsync("the database refused");
        await Screenshots.SaveAsync(page, "operations-incident");

        await incident.GetByRole(AriaRole.Button, new() { Name = "Audit trail" }).ClickAsync();
        var audit = page.GetByRole(AriaRole.Table, new() { Name = "Audit entries, newest first" });
        await Expect(audit.GetByRole(AriaRole.Row).Filter(new() { HasText = "instance.start" })).ToHaveCountAsync(1);
        await Expect(audit.GetByRole(AriaRole.Row).Filter(new() { HasText = "task.complete" })).ToContainTextAsync("clinician");

        await incident.GetByRole(AriaRole.Button, new() { Name = "Retry the incident of Operations, Ada at follow-up" }).ClickAsync();
        await Expect(incident).ToHaveCountAsync(0);
        // Retried, the path waits for its follow-up timer again instead of standing faulted.
        var retried = await server.Api.InstanceAsync(instanceId);
        Assert.Equal("running", retried["instance"]!.Str("status"));
        Assert.Contains(retried["waiting"]!.AsArray(), w => w!.Str("kind") == "timer" && w.Str("activityId") == "follow-up");
    }
}
