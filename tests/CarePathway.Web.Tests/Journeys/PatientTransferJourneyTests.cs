using CarePathway.Server.Tests.Security;
using CarePathway.Server.Tests.Services;
using CarePathway.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CarePathway.Web.Tests.Journeys;

/// <summary>
/// A clinician of the bone clinic only refers a patient to the pain clinic from the patient page: without a service
/// the form names the field; once moved, the record is no longer theirs, so they land on the patient list, told
/// where the patient went, and the patient is not in it.
/// </summary>
public sealed class PatientTransferJourneyTests(BrowserServer server) : IClassFixture<BrowserServer>
{
    [Fact]
    public async Task A_clinician_moves_a_patient_to_a_service_they_do_not_hold_and_is_told_where_the_patient_went()
    {
        var staff = new ServiceStaff(server.Api);
        var family = "Referred" + Guid.NewGuid().ToString("N")[..6];
        var patient = await staff.PatientOnPathwayAsync("bone-clinic", family);
        var (_, clinician) = await staff.BoneClinicianAsync();
        var page = await server.SignInAsync(clinician, password: AccountTests.GoodPassword);
        await page.GotoAsync($"/patients/{patient.PatientId}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"{family}, Ada" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Move to another service" }).ClickAsync();
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Move to another service" });
        await form.GetByLabel("Reason").FillAsync("referred for CRPS");
        await form.GetByRole(AriaRole.Button, new() { Name = "Move patient" }).ClickAsync();
        await Expect(form.Locator(".field-invalid").Filter(new() { HasText = "New service" }).GetByRole(AriaRole.Alert)).ToContainTextAsync("is required");

        await form.GetByLabel("New service").SelectOptionAsync(new SelectOptionValue { Label = "Pain clinic" });
        await form.GetByRole(AriaRole.Button, new() { Name = "Move patient" }).ClickAsync();
        await PageProblems.WaitForUrlAsync(page, "**/patients");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = family })).ToHaveTextAsync($"{family}, Ada moved to Pain clinic.");
        await page.GetByLabel("Search patients by name or MRN").FillAsync(family);
        await Expect(page.GetByText("No patients match.")).ToBeVisibleAsync();
    }
}
