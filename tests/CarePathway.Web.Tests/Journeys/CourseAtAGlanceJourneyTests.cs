using System.Net;
using CarePathway.Server.Tests.Infrastructure;
using CarePathway.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CarePathway.Web.Tests.Journeys;

/// <summary>
/// The course at a glance (issue 14 item 3): a CRMO patient after day 1 of a cycle was given shows, on the patient page,
/// the treatment plan (the day given with its dose, the others planned), the cumulative dose against the annual cap as a
/// chart, and what is next; the timeline speaks clinical words and credits the automatic steps to "System"; the raw
/// journal is one click away.
/// </summary>
public sealed class CourseAtAGlanceJourneyTests(BrowserServer server) : IClassFixture<BrowserServer>
{
    [Fact]
    public async Task After_a_dose_given_the_patient_page_shows_the_plan_the_cumulative_dose_what_is_next_and_a_clinical_timeline()
    {
        var course = new CrmoCourse(server.Api);
        var (patientId, _, day1) = await course.StartAtFirstDoseAsync(CrmoCourse.ShortDayGap, CrmoCourse.ShortSameDayWindow, CrmoCourse.InstantInfusion);
        await (await CrmoCourse.CompleteAsync(await server.Api.Coordinator, day1, "given", CrmoCourse.Given(36m, 0))).ExpectAsync(HttpStatusCode.OK);

        var page = await server.SignInAsync(DemoUsers.Coordinator);
        await page.GotoAsync($"/patients/{patientId}");
        var plan = page.Locator("section.treatment-plan");
        await Expect(plan.GetByRole(AriaRole.Heading, new() { Name = "Treatment plan: pamidronate" })).ToBeVisibleAsync();
        var days = plan.GetByRole(AriaRole.Table, new() { Name = "Cycles and days" });
        var dayOne = days.GetByRole(AriaRole.Row).Filter(new() { HasText = "Day 1" });
        await Expect(dayOne).ToContainTextAsync("given");
        await Expect(dayOne).ToContainTextAsync("36 mg on");
        await Expect(dayOne).ToContainTextAsync("by coordinator");
        await Expect(dayOne).ToContainTextAsync("approved by clinician");
        await Expect(days.GetByRole(AriaRole.Row).Filter(new() { HasText = "Day 2" })).ToContainTextAsync("planned");

        var chart = plan.GetByRole(AriaRole.Img, new() { Name = "Cumulative dose in the rolling year", Exact = false });
        await Expect(chart).ToHaveAttributeAsync("aria-label", "Cumulative dose in the rolling year: 36 mg (1 mg/kg) after 1 dose of an annual cap of 414 mg (11.5 mg/kg at 36 kg)");
        await Expect(plan.GetByRole(AriaRole.List, new() { Name = "Next" }).GetByRole(AriaRole.Listitem).First).ToBeVisibleAsync();

        // What the pathway waits for is named as the pathway names its steps, not by their ids.
        var upcoming = page.GetByRole(AriaRole.List, new() { Name = "Upcoming" });
        await Expect(upcoming).ToContainTextAsync("Next infusion day");
        await Expect(upcoming).Not.ToContainTextAsync("next-day");
        var timeline = page.GetByRole(AriaRole.List, new() { Name = "Timeline" });
        await Expect(timeline).ToContainTextAsync("Cycle 1 day 1: pamidronate 36 mg given by coordinator");
        await Expect(timeline.Locator("li", new() { HasText = "Cycle 1 planned: pamidronate 36 mg a day for 3 days" })).ToContainTextAsync("by System");
        await Expect(timeline.Locator("li", new() { HasText = "Lab gate passed (pre-infusion renal and calcium)" })).ToContainTextAsync("by System");
        await Expect(timeline).Not.ToContainTextAsync("Step done");
        await Screenshots.SaveAsync(page, "course-at-a-glance");
        await Tablet.ExpectFitsAsync(page, "course-at-a-glance-tablet");

        await page.GetByRole(AriaRole.Button, new() { Name = "Show the raw journal" }).ClickAsync();
        var raw = page.GetByRole(AriaRole.List, new() { Name = "Raw journal" });
        await Expect(raw).ToContainTextAsync("infusion.administered");
        await Expect(raw).ToContainTextAsync("activity.executed");
        await Expect(timeline).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the clinical timeline" }).ClickAsync();
        await Expect(timeline).ToContainTextAsync("Cycle 1 day 1: pamidronate 36 mg given by coordinator");
    }
}
