using System.Net;
using System.Text.Json.Nodes;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Features;

/// <summary>
/// Hazard 1 over HTTP: a shipped pathway refuses a patient outside who it is for (a child on the adult pathway), a
/// clinician may start it with a reason (journaled with the rules not met), nobody else may, and a second running
/// bisphosphonate course for the same patient is refused naming the first.
/// </summary>
public abstract class EligibilityTests(CarePathwayAppFactory factory)
{
    private const string Adult = "adult-osteoporosis-iv";
    private const string Crmo = "crmo-pamidronate";
    private readonly CarePathwayApi api = CarePathwayApi.For(factory);

    private static object Start(Guid patientId, string definitionId, string? overrideReason = null) => overrideReason is null
        ? new { definitionId, patientId }
        : new { definitionId, patientId, eligibilityOverride = new { reason = overrideReason } };

    [Fact]
    public async Task A_child_is_not_started_on_the_adult_pathway_and_nothing_is_stored()
    {
        var coordinator = await api.Coordinator;
        var childId = await api.CreatePatientAsync();

        var refused = await (await coordinator.PostJsonAsync("/api/instances", Start(childId, Adult)))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "eligibility");

        Assert.Contains("Aged at least the minimum age", refused["errors"]!["eligibility"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty((await coordinator.GetJsonAsync($"/api/instances?patientId={childId}")).Items());
    }

    [Fact]
    public async Task A_clinician_starts_it_with_a_reason_and_the_journal_keeps_who_why_and_the_rule_not_met()
    {
        var childId = await api.CreatePatientAsync();
        const string reason = "Adolescent with adult bone age; agreed at the bone MDT";

        var started = await (await (await api.Clinician).PostJsonAsync("/api/instances", Start(childId, Adult, reason))).ExpectAsync(HttpStatusCode.Created);

        var entry = Assert.Single((await api.JournalAsync(started.Id())).OfType("eligibility.overridden"));
        Assert.Equal((DemoUsers.Clinician, reason), (entry["data"]!["by"]!.GetValue<string>(), entry["data"]!["reason"]!.GetValue<string>()));
        Assert.Contains("Aged at least the minimum age", entry["data"]!["notMet"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_a_clinician_overrides_and_only_with_a_reason()
    {
        var childId = await api.CreatePatientAsync();

        await (await (await api.Coordinator).PostJsonAsync("/api/instances", Start(childId, Adult, "coordinator thinks so")))
            .ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await (await api.Clinician).PostJsonAsync("/api/instances", Start(childId, Adult, "  ")))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "eligibilityOverride.reason");
        Assert.Empty((await (await api.Coordinator).GetJsonAsync($"/api/instances?patientId={childId}")).Items());
    }

    [Fact]
    public async Task A_second_running_bisphosphonate_course_is_refused_naming_the_running_one()
    {
        var coordinator = await api.Coordinator;
        var childId = await api.CreatePatientAsync();
        var first = await (await coordinator.PostJsonAsync("/api/instances", Start(childId, Crmo))).ExpectAsync(HttpStatusCode.Created);

        var refused = await (await coordinator.PostJsonAsync("/api/instances", Start(childId, "paeds-osteoporosis-zoledronate")))
            .ExpectProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains(first.Id().ToString(), refused.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("double-dose", refused.Str("detail"), StringComparison.Ordinal);
        Assert.Single((await coordinator.GetJsonAsync($"/api/instances?patientId={childId}")).Items());
    }

    [Fact]
    public async Task The_picker_is_told_which_pathways_the_patient_may_start_and_why_not_as_a_start_would_be()
    {
        var coordinator = await api.Coordinator;
        var childId = await api.CreatePatientAsync();

        var answers = (await coordinator.GetJsonAsync($"/api/patients/{childId}/eligible-pathways")).AsArray().ToDictionary(a => a.Str("definitionId"), a => a!);
        var adult = answers[Adult];
        Assert.False(adult["eligible"]!.GetValue<bool>());
        Assert.Contains("Aged at least the minimum age", adult["notMet"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(answers[Crmo]["eligible"]!.GetValue<bool>());
        Assert.Empty(answers[Crmo]["notMet"]!.AsArray());
        Assert.Equal(answers.Count, (await coordinator.GetJsonAsync("/api/definitions")).AsArray().Count(d => d!["publishedVersion"] is not null));
        // Asking stored nothing.
        Assert.Empty((await coordinator.GetJsonAsync($"/api/instances?patientId={childId}")).Items());

        // Once a bisphosphonate course runs, the others of its group are no longer offered, naming it.
        var first = await (await coordinator.PostJsonAsync("/api/instances", Start(childId, Crmo))).ExpectAsync(HttpStatusCode.Created);
        var after = (await coordinator.GetJsonAsync($"/api/patients/{childId}/eligible-pathways")).AsArray().ToDictionary(a => a.Str("definitionId"), a => a!);
        var zoledronate = after["paeds-osteoporosis-zoledronate"];
        Assert.False(zoledronate["eligible"]!.GetValue<bool>());
        Assert.Contains(first.Id().ToString(), zoledronate.Str("runningCourse"), StringComparison.Ordinal);
        Assert.True(after[CarePathwayApi.Sample]["eligible"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Eligibility_of_a_patient_that_does_not_exist_is_a_404()
    {
        await (await (await api.Coordinator).GetAsync($"/api/patients/{Guid.NewGuid()}/eligible-pathways")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }
}

public sealed class SqliteEligibilityTests(SqliteAppFactory factory) : EligibilityTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresEligibilityTests(PostgresAppFactory factory) : EligibilityTests(factory), IClassFixture<PostgresAppFactory>;
