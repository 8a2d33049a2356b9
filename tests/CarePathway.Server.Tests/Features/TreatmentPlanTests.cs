using System.Net;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Features;

/// <summary>
/// The course at a glance (issue 14 item 3) over HTTP on the shipped CRMO pathway: the treatment plan shows the cycle's
/// days given (with the dose recorded), held (with why) and planned, the rolling-year dose against the annual cap after
/// each dose, and what is next and when; the journal tells each entry in clinical words, credits a person's acts to them
/// and the engine's steps to the system, and keeps the raw entry as it was.
/// </summary>
public abstract class TreatmentPlanTests(CarePathwayAppFactory factory)
{
    private readonly CarePathwayApi api = CarePathwayApi.For(factory);
    private readonly CrmoCourse course = new(CarePathwayApi.For(factory));

    [Fact]
    public async Task The_plan_shows_days_given_held_and_planned_the_cumulative_dose_against_the_cap_and_what_is_next()
    {
        var coordinator = await api.Coordinator;
        var (patientId, instanceId, day1) = await course.StartAtFirstDoseAsync(CrmoCourse.ShortDayGap, CrmoCourse.ShortSameDayWindow, CrmoCourse.InstantInfusion);
        var givenAt = CrmoCourse.MinutesAgo(0);
        await (await CrmoCourse.CompleteAsync(coordinator, day1, "given", CrmoCourse.Given(36m, 0, givenAt))).ExpectAsync(HttpStatusCode.OK);

        var plan = await coordinator.GetJsonAsync($"/api/instances/{instanceId}/plan");
        Assert.Equal("pamidronate", plan.Str("drug"));
        var cycle = Assert.Single(plan["cycles"]!.AsArray())!;
        Assert.Equal((1, "within-caps", "approved", "clinician"), (cycle["cycle"]!.GetValue<int>(), cycle.Str("outcome"), cycle.Str("decision"), cycle.Str("decidedBy")));
        var days = cycle["days"]!.AsArray();
        Assert.Equal(["given", "planned", "planned"], days.Select(d => d.Str("status")));
        Assert.Equal((36m, givenAt, "coordinator"), (days[0]!["givenMg"]!.GetValue<decimal>(), days[0]!["givenAt"]!.GetValue<DateTimeOffset>(), days[0].Str("givenBy")));
        Assert.All(days, d => Assert.Equal(36m, d!["plannedMg"]!.GetValue<decimal>()));

        var cumulative = plan["cumulative"]!;
        Assert.Equal((11.5m, 36m, 414m), (cumulative["annualCapMgPerKg"]!.GetValue<decimal>(), cumulative["weightKg"]!.GetValue<decimal>(), cumulative["annualCapMg"]!.GetValue<decimal>()));
        var point = Assert.Single(cumulative["points"]!.AsArray())!;
        Assert.Equal((36m, 36m, 1m), (point["doseMg"]!.GetValue<decimal>(), point["rollingYearMg"]!.GetValue<decimal>(), point["rollingYearMgPerKg"]!.GetValue<decimal>()));

        // Next: day 2's timer, with when.
        var next = plan["next"]!.AsArray();
        Assert.Contains(next, n => n.Str("kind") == "timer" && n!["when"] is not null);

        // Day 2's creatinine 0.70 mg/dL is 27% above the 0.55 baseline: the day's gate holds, and the plan says so with why.
        await course.OpenTaskAsync(instanceId, "day-gate");
        await course.RecordLabAsync(patientId, "2160-0", 0.70m, "mg/dL");
        await course.OpenTaskAsync(instanceId, "day-override");
        var held = (await coordinator.GetJsonAsync($"/api/instances/{instanceId}/plan"))["cycles"]![0]!["days"]![1]!;
        Assert.Equal("held", held.Str("status"));
        Assert.Contains("renal", held.Str("heldBecause"), StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(held["heldAt"]);
    }

    [Fact]
    public async Task The_journal_speaks_clinical_words_and_credits_automatic_steps_to_the_system()
    {
        var coordinator = await api.Coordinator;
        var (_, instanceId, day1) = await course.StartAtFirstDoseAsync(CrmoCourse.ShortDayGap, CrmoCourse.ShortSameDayWindow, CrmoCourse.InstantInfusion);
        await (await CrmoCourse.CompleteAsync(coordinator, day1, "given", CrmoCourse.Given(36m, 0))).ExpectAsync(HttpStatusCode.OK);
        var journal = await api.JournalAsync(instanceId);

        var given = Assert.Single(journal.OfType("infusion.administered"));
        Assert.Equal(("Cycle 1 day 1: pamidronate 36 mg given by coordinator", "person", "coordinator"),
            (given.Str("summary"), given.Str("actorKind"), given.Str("creditedTo")));
        var planned = Assert.Single(journal.OfType("dose.calculated"));
        Assert.Equal(("Cycle 1 planned: pamidronate 36 mg a day for 3 days (within caps)", "system", "System"),
            (planned.Str("summary"), planned.Str("actorKind"), planned.Str("creditedTo")));

        // The pre-infusion gate passed when the coordinator recorded the creatinine: the gate is the system's step, the
        // result the coordinator's entry; the raw entry still names what set the step off.
        var gate = journal.OfType("gate.passed")[^1];
        Assert.Equal(("Lab gate passed (pre-infusion renal and calcium)", "System"), (gate.Str("summary"), gate.Str("creditedTo")));
        Assert.Equal(("event", "coordinator"), (gate.Str("causeKind"), gate.Str("actor")));
        var result = journal.OfType("event.received")[^1];
        Assert.Equal(("person", "coordinator"), (result.Str("actorKind"), result.Str("creditedTo")));
        Assert.StartsWith("Result in: creatinine 0.56 mg/dL", result.Str("summary"), StringComparison.Ordinal);

        var approval = journal.OfType("task.completed").Single(t => t["data"]!.Str("kind") == "infusion-approval");
        Assert.Equal(("person", "clinician"), (approval.Str("actorKind"), approval.Str("creditedTo")));
        Assert.StartsWith("Approve the pamidronate cycle", approval.Str("summary"), StringComparison.Ordinal);
        Assert.EndsWith(": approved", approval.Str("summary"), StringComparison.Ordinal);

        // The engine's plumbing has no sentence (the clinical timeline leaves it out); the raw journal keeps every entry.
        Assert.All(journal.OfType("activity.executed"), e => Assert.Null(e["summary"]));
        Assert.All(journal.Where(e => e.Str("type") is not ("activity.executed" or "variable.set" or "timer.scheduled" or "event.awaited")),
            e => Assert.False(string.IsNullOrWhiteSpace(e.Str("summary")), e.Str("type")));
    }

    [Fact]
    public async Task The_plan_of_an_instance_that_does_not_exist_is_a_404_and_a_pathway_without_doses_has_an_empty_plan()
    {
        var coordinator = await api.Coordinator;
        await (await coordinator.GetAsync($"/api/instances/{Guid.NewGuid()}/plan")).ExpectProblemAsync(HttpStatusCode.NotFound);

        var sample = (await api.StartAsync(await api.CreatePatientAsync())).Id();
        var plan = await coordinator.GetJsonAsync($"/api/instances/{sample}/plan");
        Assert.Empty(plan["cycles"]!.AsArray());
        Assert.Empty(plan["cumulative"]!["points"]!.AsArray());
        Assert.Null(plan["drug"]);
        Assert.NotEmpty(plan["next"]!.AsArray());
    }
}

public sealed class SqliteTreatmentPlanTests(SqliteAppFactory factory) : TreatmentPlanTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresTreatmentPlanTests(PostgresAppFactory factory) : TreatmentPlanTests(factory), IClassFixture<PostgresAppFactory>;
