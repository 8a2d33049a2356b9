using System.Net;
using CarePathway.Server.Tests.Fhir;
using CarePathway.Server.Tests.Infrastructure;
using CarePathway.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Bundle = Hl7.Fhir.Model.Bundle;
using ObservationStatus = Hl7.Fhir.Model.ObservationStatus;

namespace CarePathway.Web.Tests.Journeys;

/// <summary>
/// A coordinator on the shipped CRMO pathway: creates the patient, starts the pathway, completes the baseline
/// gate's order-labs task from "Missing labs", records the results and sees the gate pass and the pathway move on;
/// a patient whose gate held on the results is under "Held"; a laboratory's preliminary result is marked on the
/// patient page. Validation messages name the field.
/// </summary>
public sealed class CoordinatorJourneyTests(BrowserServer server) : IClassFixture<BrowserServer>
{
    private const string OrderLabsTitle = "Order labs for the baseline work-up gate";

    [Fact]
    public async Task A_coordinator_completes_an_order_labs_task_and_records_the_results_and_the_pathway_moves_on()
    {
        var page = await server.SignInAsync(DemoUsers.Coordinator);

        // A new patient through the form: the server's messages appear next to the fields they name.
        await page.GotoAsync("/patients");
        await page.GetByRole(AriaRole.Button, new() { Name = "New patient" }).ClickAsync();
        var form = page.Locator("form", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "New patient" }) });
        await form.GetByRole(AriaRole.Button, new() { Name = "Create patient" }).ClickAsync();
        await Expect(FieldAlert(form, "MRN")).ToContainTextAsync("required");
        await Expect(FieldAlert(form, "Family name")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "coordinator-create-patient");
        var mrn = "MRN-" + Guid.NewGuid().ToString("N")[..8];
        await form.GetByLabel("Service").SelectOptionAsync(new SelectOptionValue { Label = "Paediatric rheumatology" });
        await form.GetByLabel("MRN").FillAsync(mrn);
        await form.GetByLabel("Family name").FillAsync("Labsworth");
        await form.GetByLabel("Given name").FillAsync("Ada");
        await form.GetByLabel("Birth date").FillAsync("2014-01-05");
        await form.GetByLabel("Diagnosis").FillAsync("CRMO");
        await form.GetByLabel("Weight (kg)").FillAsync("36");
        await form.GetByLabel("Height (cm)").FillAsync("146");
        await form.GetByLabel("Vertebral lesion").CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Create patient" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Labsworth, Ada" })).ToBeVisibleAsync();
        var patientId = Guid.Parse(page.Url.Split('/')[^1]);

        // The shipped pathway; with a vertebral lesion the clinician approves escalation first (through the API here).
        await page.GetByLabel("Pathway", new() { Exact = true }).SelectOptionAsync(CrmoCourse.DefinitionId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Start pathway" }).ClickAsync();
        var started = await Eventually.UntilAsync(
            async () => (await (await server.Api.Coordinator).GetJsonAsync($"/api/instances?patientId={patientId}")).Items(),
            items => items.Count == 1, "the started pathway");
        var instanceId = started[0].Id();
        var crmo = new CrmoCourse(server.Api);
        await crmo.ApproveEscalationAsync(instanceId);
        await crmo.OpenTaskAsync(instanceId, "baseline");

        // No baseline labs: the gate's order is under "Missing labs", with the patient's name and MRN.
        await page.GotoAsync("/worklist");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Missing labs" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Labsworth, Ada" });
        await Expect(row).ToContainTextAsync(OrderLabsTitle);
        await Expect(row).ToContainTextAsync(mrn);
        await Expect(row).ToContainTextAsync("labs missing or out of date");
        await Expect(row.GetByRole(AriaRole.Link, new() { Name = "Labsworth, Ada" })).ToHaveAttributeAsync("href", $"/patients/{patientId}");
        await Screenshots.SaveAsync(page, "coordinator-worklist");
        await Tablet.ExpectFitsAsync(page, "coordinator-worklist-tablet");

        // The order placed.
        await row.GetByRole(AriaRole.Link, new() { Name = OrderLabsTitle, Exact = false }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = OrderLabsTitle, Exact = false })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "coordinator-task");
        await page.GetByRole(AriaRole.Button, new() { Name = "Complete task" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Completed" })).ToHaveTextAsync("Completed: ordered by coordinator.");

        // The results, through the patient page; no test picked is named by the server next to "Lab test".
        await page.GetByRole(AriaRole.Link, new() { Name = "Labsworth, Ada" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Labsworth, Ada" })).ToBeVisibleAsync();
        var labForm = page.Locator("form", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Lab result" }) });
        await labForm.GetByLabel("Lab value").FillAsync("0.55");
        await labForm.GetByRole(AriaRole.Button, new() { Name = "Record lab result" }).ClickAsync();
        await Expect(FieldAlert(labForm, "Lab test")).ToBeVisibleAsync();
        await RecordLabAsync(page, labForm, "2160-0", "0.55", "mg/dL");
        await RecordLabAsync(page, labForm, "17861-6", "9.4", "mg/dL");
        await RecordLabAsync(page, labForm, "29265-6", "2.35", "mmol/L");
        await RecordLabAsync(page, labForm, "62292-8", "30", "ng/mL");

        var labTable = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Lab results" }) });
        await Expect(labTable.GetByRole(AriaRole.Row).Filter(new() { HasText = "2160-0" })).ToContainTextAsync("creatinine");

        // The gate passes on them and the pathway moves on to the cycle's approval.
        await Expect(page.Locator("ol.journal")).ToContainTextAsync("Lab gate passed (baseline work-up)");
        var openTasks = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Open tasks" }) });
        await Expect(openTasks).ToContainTextAsync("Approve the pamidronate cycle");
        await Expect(openTasks).Not.ToContainTextAsync(OrderLabsTitle);
        await Screenshots.SaveAsync(page, "coordinator-patient");
        await Tablet.ExpectFitsAsync(page, "coordinator-patient-tablet");
    }

    [Fact]
    public async Task A_preliminary_result_from_the_laboratory_shows_on_the_patient_page_as_used_by_no_rule()
    {
        var coordinator = await server.Api.Coordinator;
        var patientId = await server.Api.CreatePatientAsync();
        var mrn = (await coordinator.GetJsonAsync($"/api/patients/{patientId}")).Str("mrn");
        var panel = FhirHttp.Transaction(FhirHttp.Lab(mrn, "2160-0", 0.61m, "mg/dL", status: ObservationStatus.Preliminary));
        await (await coordinator.PostFhirAsync("/fhir", panel)).ExpectFhirAsync<Bundle>(HttpStatusCode.OK);

        var page = await server.SignInAsync(DemoUsers.Coordinator);
        await page.GotoAsync($"/patients/{patientId}");
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "Creatinine" })).ToContainTextAsync("0.61 mg/dL preliminary, not used by any rule");
    }

    [Fact]
    public async Task A_patient_whose_lab_gate_held_on_the_results_is_under_held()
    {
        var crmo = new CrmoCourse(server.Api);
        var patientId = await server.CreatePatientAsync("Heldby", vertebralLesion: true);
        var instanceId = await crmo.StartAsync(patientId);
        await crmo.ApproveEscalationAsync(instanceId);
        await crmo.OpenTaskAsync(instanceId, "baseline");
        var drawn = DateTimeOffset.UtcNow.AddMinutes(-5);
        await crmo.RecordLabAsync(patientId, "2160-0", 0.55m, "mg/dL", drawn);
        await crmo.RecordLabAsync(patientId, "17861-6", 9.4m, "mg/dL", drawn);
        await crmo.RecordLabAsync(patientId, "29265-6", 2.35m, "mmol/L", drawn);
        await crmo.RecordLabAsync(patientId, "62292-8", 10m, "ng/mL", drawn); // 25 nmol/L: below the minimum, the gate holds

        var page = await server.SignInAsync(DemoUsers.Coordinator);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Held" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Heldby, Ada" });
        await Expect(row).ToContainTextAsync(OrderLabsTitle);
        await Expect(row).ToContainTextAsync("held at the gate: recheck");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Missing labs" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Heldby, Ada" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_coordinator_opening_a_clinicians_approval_sees_every_outcome_unavailable_and_why_once()
    {
        var crmo = new CrmoCourse(server.Api);
        var patientId = await server.CreatePatientAsync("Lookson", vertebralLesion: true);
        var instanceId = await crmo.StartAsync(patientId);
        var escalation = await crmo.OpenTaskAsync(instanceId, "escalation-approval");

        var page = await server.SignInAsync(DemoUsers.Coordinator);
        await page.GotoAsync($"/tasks/{escalation["task"].Id()}");

        foreach (var outcome in new[] { "Approve", "Reject", "Override" })
            await Expect(page.GetByRole(AriaRole.Radio, new() { Name = outcome })).ToBeDisabledAsync();
        await Expect(page.GetByText("This task is for the clinician role.", new() { Exact = true })).ToHaveCountAsync(1);
    }

    /// <summary>The validation message next to the field labelled <paramref name="label"/>.</summary>
    private static ILocator FieldAlert(ILocator form, string label) =>
        form.Locator(".field-invalid", new() { Has = form.Page.GetByText(label, new() { Exact = true }) }).GetByRole(AriaRole.Alert);

    private static async Task RecordLabAsync(IPage page, ILocator labForm, string code, string value, string unit)
    {
        await labForm.GetByLabel("Lab test").SelectOptionAsync(code);
        await labForm.GetByLabel("Lab value").FillAsync(value);
        await labForm.GetByLabel("Lab unit").SelectOptionAsync(unit);
        await labForm.GetByRole(AriaRole.Button, new() { Name = "Record lab result" }).ClickAsync();
        await Expect(labForm.GetByRole(AriaRole.Status)).ToHaveTextAsync("Lab result recorded.");
        await Expect(page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Lab results" }) })).ToContainTextAsync(code);
    }
}
