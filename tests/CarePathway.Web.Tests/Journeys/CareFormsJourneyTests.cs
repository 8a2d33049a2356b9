using System.Globalization;
using System.Net;
using CarePathway.Server.Tests.Infrastructure;
using CarePathway.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CarePathway.Web.Tests.Journeys;

/// <summary>
/// Forms for people (issue 14 item 5): the infusion record opens with the approved dose, the minimum time and now
/// filled in, in words; a lab result is picked from the catalog with its units offered, inline on an order-labs task;
/// the pathway picker offers only what the patient may start, says why not for the rest, and keeps its choice after a start.
/// </summary>
public sealed class CareFormsJourneyTests(BrowserServer server) : IClassFixture<BrowserServer>
{
    private readonly CrmoCourse course = new(server.Api);

    [Fact]
    public async Task The_infusion_record_opens_with_the_approved_dose_the_minimum_time_and_now_in_words()
    {
        var (_, instanceId, give) = await course.StartAtFirstDoseAsync(CrmoCourse.ShortDayGap, CrmoCourse.ShortSameDayWindow, CrmoCourse.InstantInfusion);
        var approvedMg = give["evidence"]!["approvedDoseMg"]!.GetValue<decimal>();
        var page = await server.SignInAsync(DemoUsers.Coordinator);
        await page.GotoAsync($"/tasks/{give["task"].Id()}");

        var evidence = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Evidence" }) });
        await Expect(evidence).ToContainTextAsync($"Cycle 1 day 1: pamidronate {approvedMg.ToString(CultureInfo.InvariantCulture)} mg (approved by clinician)");
        await Expect(evidence.Locator("dd", new() { HasText = "the lab gate passed" })).ToBeVisibleAsync();
        await Expect(evidence).Not.ToContainTextAsync("gate-passed");

        await Expect(page.GetByLabel("Dose given (mg)")).ToHaveValueAsync(approvedMg.ToString(CultureInfo.InvariantCulture));
        await Expect(page.GetByLabel("Infusion time (minutes)")).ToHaveValueAsync("0");
        var startedAt = page.GetByLabel("Started at");
        await Expect(startedAt).ToHaveAttributeAsync("type", "datetime-local");
        var shown = DateTime.ParseExact(await startedAt.InputValueAsync(), "yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        Assert.InRange(shown, DateTime.Now.AddMinutes(-3), DateTime.Now.AddMinutes(1));
        await Screenshots.SaveAsync(page, "forms-infusion-record");

        await page.GetByRole(AriaRole.Radio, new() { Name = "Infusion given as recorded" }).CheckAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Infusion not given" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Complete task" }).ClickAsync();
        await Expect(page.GetByText("A reason is required when the infusion was not given: say why.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Infusion given as recorded" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Complete task" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Completed" })).ToHaveTextAsync("Completed: given by coordinator.");

        var given = (await server.Api.JournalAsync(instanceId)).OfType("infusion.administered").Single()["data"]!;
        Assert.Equal(approvedMg, given["doseMg"]!.GetValue<decimal>());
        Assert.Equal(shown.ToUniversalTime(), given["startedAt"]!.GetValue<DateTimeOffset>().UtcDateTime);
    }

    [Fact]
    public async Task A_lab_result_is_picked_from_the_catalog_with_its_units_offered_inline_on_an_order_labs_task()
    {
        var patientId = await server.CreatePatientAsync("Inlaid", vertebralLesion: true);
        var instanceId = await course.StartAsync(patientId);
        await course.ApproveEscalationAsync(instanceId);
        var order = await course.OpenTaskAsync(instanceId, "baseline");
        var requested = order["evidence"]!["codes"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();

        var page = await server.SignInAsync(DemoUsers.Coordinator);
        await page.GotoAsync($"/tasks/{order["task"].Id()}");
        var form = page.Locator("form", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Lab result" }) });
        var test = form.GetByLabel("Lab test");
        // The gate's tests come first, the first of them picked; the catalog's others follow.
        await Expect(test).ToHaveValueAsync(requested[0]);
        await Expect(test.Locator("optgroup[label='Requested by this gate'] option")).ToHaveCountAsync(requested.Count);
        await Expect(test.Locator("option", new() { HasText = "albumin (1751-7)" })).ToHaveCountAsync(1);

        await test.SelectOptionAsync("2160-0");
        var unit = form.GetByLabel("Lab unit");
        await Expect(unit.Locator("option")).ToHaveTextAsync(["mg/dL", "umol/L"]);
        await Expect(unit).ToHaveValueAsync("mg/dL");
        await unit.SelectOptionAsync("umol/L");
        await form.GetByLabel("Lab value").FillAsync("48.6");
        await Screenshots.SaveAsync(page, "forms-order-labs-inline");
        await form.GetByRole(AriaRole.Button, new() { Name = "Record lab result" }).ClickAsync();
        await Expect(form.GetByRole(AriaRole.Status)).ToHaveTextAsync("Lab result recorded.");

        var lab = (await (await server.Api.Coordinator).GetJsonAsync($"/api/patients/{patientId}"))["labs"]!.AsArray().Single()!;
        Assert.Equal(("2160-0", 48.6m, "umol/L"), (lab.Str("code"), lab["value"]!.GetValue<decimal>(), lab.Str("unit")));
    }

    [Fact]
    public async Task The_pathway_picker_offers_what_the_patient_may_start_says_why_not_and_keeps_its_choice_after_a_start()
    {
        var patientId = await server.CreatePatientAsync("Pickwell");
        var page = await server.SignInAsync(DemoUsers.Coordinator);
        await page.GotoAsync($"/patients/{patientId}");

        var picker = page.GetByLabel("Pathway", new() { Exact = true });
        // A child: the adult pathway is listed but not offered, with the rule it fails.
        await Expect(picker.Locator("option[value='adult-osteoporosis-iv']")).ToBeDisabledAsync();
        var notOffered = page.Locator("details.not-eligible");
        await notOffered.Locator("summary").ClickAsync();
        await Expect(notOffered).ToContainTextAsync("Aged at least the minimum age");

        await picker.SelectOptionAsync(CrmoCourse.DefinitionId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Start pathway" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Started" })).ToContainTextAsync("Started CRMO");
        // The choice stays: the started pathway is still picked, now not offered again (a course of its group runs), and so are the others of its group.
        await Expect(picker).ToHaveValueAsync(CrmoCourse.DefinitionId);
        await Expect(picker.Locator($"option[value='{CrmoCourse.DefinitionId}']")).ToBeDisabledAsync();
        await Expect(picker.Locator("option[value='paeds-osteoporosis-zoledronate']")).ToBeDisabledAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Start pathway" })).ToBeDisabledAsync();
        await Expect(notOffered).ToContainTextAsync("already has a running bisphosphonate pathway");
        await Screenshots.SaveAsync(page, "forms-pathway-picker");
        Assert.Single((await (await server.Api.Coordinator).GetJsonAsync($"/api/instances?patientId={patientId}")).Items());
    }
}
