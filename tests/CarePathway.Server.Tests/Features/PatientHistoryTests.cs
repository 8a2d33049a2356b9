using System.Net;
using System.Text.Json.Nodes;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Features;

/// <summary>
/// Hazard 4 over HTTP, on the database: a dose given in one course counts in the next. An adult given zoledronic acid
/// whose course is then cancelled does not get a new course's first dose before the drug's yearly interval.
/// </summary>
public abstract class PatientHistoryTests(CarePathwayAppFactory factory)
{
    private const string Adult = "adult-osteoporosis-iv";
    private readonly CarePathwayApi api = CarePathwayApi.For(factory);
    private readonly CrmoCourse course = new(CarePathwayApi.For(factory));

    private async Task<Guid> AdultPatientAsync()
    {
        var patient = CarePathwayApi.NewPatientJson(p =>
        {
            p["birthDate"] = "1950-03-01";
            p["diagnosis"] = "osteoporosis";
            p["weightKg"] = 60;
            p["heightCm"] = 160;
        });
        var patientId = (await (await (await api.Coordinator).PostJsonAsync("/api/patients", patient)).ExpectAsync(HttpStatusCode.Created)).Id();
        await course.RecordLabAsync(patientId, "2160-0", 0.9m, "mg/dL");
        await course.RecordLabAsync(patientId, "29265-6", 2.3m, "mmol/L");
        await course.RecordLabAsync(patientId, "14635-7", 75m, "nmol/L");
        return patientId;
    }

    // The dose is recorded moments after it is cleared, so it takes no time (an infusion is recorded once it has finished).
    private async Task<Guid> StartAdultAsync(Guid patientId) =>
        (await (await (await api.Coordinator).PostJsonAsync("/api/instances",
            new { definitionId = Adult, patientId, parameters = new { zoledronicAcidInfusionTime = "0min" } })).ExpectAsync(HttpStatusCode.Created)).Id();

    [Fact]
    public async Task A_dose_given_in_a_cancelled_course_makes_the_next_course_wait_out_the_yearly_interval()
    {
        var coordinator = await api.Coordinator;
        var clinician = await api.Clinician;
        var patientId = await AdultPatientAsync();
        var first = await StartAdultAsync(patientId);
        await (await CrmoCourse.CompleteAsync(clinician, await course.OpenTaskAsync(first, "dental-start"), "cleared")).ExpectAsync(HttpStatusCode.OK);
        await (await CrmoCourse.CompleteAsync(clinician, await course.OpenTaskAsync(first, "approve"), "approved")).ExpectAsync(HttpStatusCode.OK);
        await (await CrmoCourse.CompleteAsync(coordinator, await course.OpenTaskAsync(first, "give"), "given", CrmoCourse.Given(5m, 0)))
            .ExpectAsync(HttpStatusCode.OK);
        var startedAt = (await api.InstanceAsync(first))["course"]!["administered"]![0]!["startedAt"]!.GetValue<DateTimeOffset>();
        await (await coordinator.PostJsonAsync($"/api/instances/{first}/cancel", new { reason = "moved to another team's pathway" })).ExpectAsync(HttpStatusCode.OK);

        var second = await StartAdultAsync(patientId);

        var waiting = await Eventually.UntilAsync(() => api.InstanceAsync(second),
            i => i["waiting"]!.AsArray().Any(w => w!.Str("activityId") == "after-earlier-zoledronic-acid"), "the new course to wait for the yearly interval");
        var wait = waiting["waiting"]!.AsArray().Single(w => w!.Str("activityId") == "after-earlier-zoledronic-acid")!;
        Assert.Equal(startedAt.AddMonths(12), wait["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.Empty(await api.OpenTasksAsync(second, kind: "infusion-approval"));
    }
}

public sealed class SqlitePatientHistoryTests(SqliteAppFactory factory) : PatientHistoryTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresPatientHistoryTests(PostgresAppFactory factory) : PatientHistoryTests(factory), IClassFixture<PostgresAppFactory>;
