using System.Net;
using CarePathway.Server.Tests.Infrastructure;
using CarePathway.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CarePathway.Web.Tests.Journeys;

/// <summary>
/// Services (issue 12 item 6): an administrator gives a clinician a service on the accounts page; a clinician of the
/// bone clinic opening a pain clinic patient is asked why, breaks the glass, and sees the record; the administrator
/// sees who did and why.
/// </summary>
public sealed class ServicesJourneyTests(BrowserServer server) : IClassFixture<BrowserServer>
{
    private const string Password = "a bone clinic passphrase";

    private static readonly string[] Clinician = ["clinician"];

    private static readonly string[] BoneClinic = ["bone-clinic"];

    [Fact]
    public async Task An_administrator_sets_a_users_services_and_a_clinician_breaks_the_glass_for_another_services_patient()
    {
        var admin = await server.Api.Administrator;
        var created = await (await admin.PostJsonAsync("/api/accounts",
            new { userName = "bone-clinician", password = Password, roles = Clinician, services = BoneClinic })).ExpectAsync(HttpStatusCode.Created);
        var pain = (await (await (await server.Api.Coordinator).PostJsonAsync("/api/patients", CarePathwayApi.NewPatientJson(p =>
        {
            p["service"] = "pain-clinic";
            p["familyName"] = "Glasswell";
        }))).ExpectAsync(HttpStatusCode.Created)).Id();

        // The services editor: the pain clinic given, then taken away again.
        var page = await server.SignInAsync(DemoUsers.Administrator);
        await page.GotoAsync("/accounts");
        var row = page.GetByRole(AriaRole.Row, new() { Name = "bone-clinician" });
        var services = row.GetByRole(AriaRole.Group, new() { Name = "Services of bone-clinician" });
        await Expect(services.GetByLabel("Bone clinic")).ToBeCheckedAsync();
        await services.GetByLabel("Pain clinic").CheckAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Save services" }).ClickAsync();
        await Eventually.UntilAsync(() => admin.GetJsonAsync($"/api/accounts/{created.Str("id")}"),
            a => a["services"]!.AsArray().Count == 2, "the pain clinic to be saved");
        await services.GetByLabel("Pain clinic").UncheckAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Save services" }).ClickAsync();
        await Eventually.UntilAsync(() => admin.GetJsonAsync($"/api/accounts/{created.Str("id")}"),
            a => a["services"]!.AsArray().Count == 1, "the pain clinic to be taken away");

        // Outside the clinician's services: the reason first, then the record.
        var clinician = await server.SignInAsync("bone-clinician", password: Password);
        await clinician.GotoAsync($"/patients/{pain}");
        var prompt = clinician.GetByRole(AriaRole.Form, new() { Name = "Outside your services" });
        await Expect(prompt).ToBeVisibleAsync();
        await prompt.GetByRole(AriaRole.Button, new() { Name = "Break the glass" }).ClickAsync();
        await Expect(prompt.GetByRole(AriaRole.Alert).Filter(new() { HasText = "is required" })).ToBeVisibleAsync();
        await prompt.GetByLabel("Reason").FillAsync("covering the pain clinic's night round");
        await Screenshots.SaveAsync(clinician, "break-the-glass");
        await prompt.GetByRole(AriaRole.Button, new() { Name = "Break the glass" }).ClickAsync();
        await Expect(clinician.GetByRole(AriaRole.Heading, new() { Name = "Glasswell, Ada" })).ToBeVisibleAsync();

        await page.ReloadAsync();
        var grants = page.GetByRole(AriaRole.Region, new() { Name = "Break-the-glass access" });
        await Expect(grants.GetByRole(AriaRole.Row, new() { Name = "bone-clinician" })).ToContainTextAsync("covering the pain clinic's night round");
    }
}
