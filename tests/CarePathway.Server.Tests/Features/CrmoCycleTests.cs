using System.Net;
using System.Text.Json.Nodes;
using CarePathway.Engine.Runtime;
using CarePathway.Server.Persistence;
using CarePathway.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Tests.Features;

/// <summary>
/// A full cycle of the shipped CRMO pamidronate pathway through the HTTP API with real Hangfire timers (its
/// day gap and same-day window shortened to seconds): escalation approved, baseline captured, a creatinine before each of the three days' doses, the infusion approved by a
/// clinician with the evidence in front of them, a dose above the approved one refused, the cycle
/// completed and the next one scheduled from the last dose actually given.
/// </summary>
public abstract class CrmoCycleTests(CarePathwayAppFactory factory)
{
    private readonly CarePathwayApi api = CarePathwayApi.For(factory);
    private readonly CrmoCourse course = new(CarePathwayApi.For(factory));

    [Fact]
    public async Task One_full_cycle_runs_over_http_with_real_timers_and_schedules_the_next_cycle()
    {
        var clinician = await api.Clinician;
        var coordinator = await api.Coordinator;
        var patientId = await course.CreatePatientAsync();
        await course.RecordBaselineAsync(patientId);
        var instanceId = await course.StartAsync(patientId, CrmoCourse.ShortDayGap, CrmoCourse.ShortSameDayWindow, CrmoCourse.InstantInfusion);

        // Escalation is the clinician's decision.
        var escalation = await course.OpenTaskAsync(instanceId, "escalation-approval", clinician);
        Assert.Equal("clinician", escalation["task"].Str("role"));
        await (await CrmoCourse.CompleteAsync(coordinator, escalation, "approved")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await CrmoCourse.CompleteAsync(clinician, escalation, "approved")).ExpectAsync(HttpStatusCode.OK);
        // The dental review holds the course until a clinician clears it (hazard 7).
        await (await CrmoCourse.CompleteAsync(clinician, await course.OpenTaskAsync(instanceId, "dental", clinician), "cleared")).ExpectAsync(HttpStatusCode.OK);

        // Baseline captured; day 1's creatinine is not fresh enough, so labs are ordered. The result comes
        // back in umol/L under the molar code and still answers the gate's wait for 2160-0.
        var order = await course.OpenTaskAsync(instanceId, "pre-infusion");
        Assert.Equal("pre-infusion renal and calcium", order["evidence"].Str("gate"));
        await (await CrmoCourse.CompleteAsync(coordinator, order, "ordered")).ExpectAsync(HttpStatusCode.OK);
        await course.RecordLabAsync(patientId, "29265-6", 2.35m, "mmol/L");
        var day1Lab = await course.RecordLabAsync(patientId, "14682-9", 50m, "umol/L");
        Assert.Equal(1, day1Lab["instancesResumed"]!.GetValue<int>());

        var approval = await course.OpenTaskAsync(instanceId, "approve", clinician);
        Assert.Equal("infusion-approval", approval["task"].Str("kind"));
        AssertApprovalEvidence(approval["evidence"]!);
        await (await CrmoCourse.CompleteAsync(coordinator, approval, "approved")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await CrmoCourse.CompleteAsync(clinician, approval, "approved")).ExpectAsync(HttpStatusCode.OK);

        // Day 1: a dose above the approved one is refused and changes nothing; the approved dose is recorded.
        var day1 = await course.OpenTaskAsync(instanceId, "give");
        AssertAdministrationForm(day1);
        var before = await api.InstanceAsync(instanceId);
        var journalBefore = await api.JournalAsync(instanceId);
        var refused = await (await CrmoCourse.CompleteAsync(coordinator, day1, "given", CrmoCourse.Given(40m, 0)))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "data.doseMg");
        Assert.Contains("40 mg is above the approved 36 mg", refused["errors"]!["data.doseMg"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("open", (await coordinator.GetJsonAsync($"/api/tasks/{day1["task"].Id()}"))["task"].Str("status"));
        Assert.Equal(before["rowVersion"]!.GetValue<long>(), (await api.InstanceAsync(instanceId))["rowVersion"]!.GetValue<long>());
        Assert.Equal(journalBefore.Count, (await api.JournalAsync(instanceId)).Count);
        await (await CrmoCourse.CompleteAsync(coordinator, day1, "given", CrmoCourse.Given(36m, 0, CrmoCourse.MinutesAgo(0)))).ExpectAsync(HttpStatusCode.OK);

        // Days 2 and 3: the day's timer fires, that day's creatinine is ordered, recorded, and the dose given.
        await GiveDayAsync(patientId, instanceId, creatinineMgPerDl: 0.57m);
        var lastDoseAt = await GiveDayAsync(patientId, instanceId, creatinineMgPerDl: 0.56m);

        // The cycle is complete; after the clinician's response review the next one is scheduled 10 weeks from the last dose given.
        var review = await course.OpenTaskAsync(instanceId, "response-review", clinician);
        await (await CrmoCourse.CompleteAsync(clinician, review, "continue", new { painVas = 2, imagingResponse = "improving" })).ExpectAsync(HttpStatusCode.OK);
        var journal = await api.WaitForJournalAsync(instanceId, "dose.scheduled", "schedule");
        var administered = journal.OfType("infusion.administered");
        Assert.Equal([1, 2, 3], administered.Select(a => a["data"]!["cycleDay"]!.GetValue<int>()));
        Assert.All(administered, a => Assert.Equal(36m, a["data"]!["doseMg"]!.GetValue<decimal>()));
        Assert.Equal(2, journal.OfType("timer.fired", "next-day").Count);
        Assert.All(journal.OfType("timer.fired", "next-day"), fired => Assert.Equal("timer", fired.Cause()));
        Assert.Equal(3, journal.OfType("gate.passed").Count(g => g.Activity() is "pre-infusion" or "day-gate"));
        Assert.Equal(["calcium", "phosphate"], journal.OfType("reminder.created").Select(r => r["data"]!.Str("kind")).Where(k => k is "calcium" or "phosphate"));

        var instance = await api.InstanceAsync(instanceId);
        Assert.Equal("running", instance["instance"].Str("status"));
        var nextCycle = Assert.Single(instance["waiting"]!.AsArray(), w => w!.Str("activityId") == "schedule")!;
        // Named as the pathway names the step, for the coordinator's "Now" line (issue 14 item 3).
        Assert.Equal("Next cycle", nextCycle.Str("activityName"));
        Assert.All(instance["positions"]!.AsArray(), p => Assert.False(string.IsNullOrEmpty(p!.Str("activityName"))));
        Assert.Equal(lastDoseAt.AddDays(70), nextCycle["dueAt"]!.GetValue<DateTimeOffset>());
        AssertCourse(instance, lastDoseAt);

        await using var db = TestDatabases.CreateContext(factory.Provider, factory.ConnectionString);
        var timer = await db.TimerRequests.AsNoTracking().SingleAsync(t => t.InstanceId == instanceId && t.Id == nextCycle.Str("bookmarkId"));
        Assert.Equal(lastDoseAt.AddDays(70), timer.DueAt);
        Assert.Contains(timer.State, new[] { TimerState.Pending, TimerState.Scheduled });
    }

    /// <summary>One later day of the cycle; returns when its dose started.</summary>
    private async Task<DateTimeOffset> GiveDayAsync(Guid patientId, Guid instanceId, decimal creatinineMgPerDl)
    {
        var order = await course.OpenTaskAsync(instanceId, "day-gate");
        Assert.Equal(("order-labs", "pre-dose renal"), (order["task"].Str("kind"), order["evidence"].Str("gate")));
        await course.RecordLabAsync(patientId, "2160-0", creatinineMgPerDl, "mg/dL");
        var give = await course.OpenTaskAsync(instanceId, "give");
        var startedAt = CrmoCourse.MinutesAgo(0);
        await (await CrmoCourse.CompleteAsync(await api.Coordinator, give, "given", CrmoCourse.Given(36m, 0, startedAt))).ExpectAsync(HttpStatusCode.OK);
        return startedAt;
    }

    /// <summary>What the clinician sees before approving: the gate's rules, creatinine against baseline with its history, the dose and its caps.</summary>
    private static void AssertApprovalEvidence(JsonNode evidence)
    {
        Assert.False(string.IsNullOrWhiteSpace(evidence.Str("disclaimer")));
        Assert.True(evidence["cleared"]!.GetValue<bool>());
        var gate = evidence["gate"]!;
        Assert.Equal(("pre-infusion renal and calcium", true), (gate.Str("gate"), gate["passed"]!.GetValue<bool>()));
        var rules = gate["rules"]!.AsArray();
        Assert.Equal(["No renal deterioration (withhold rule)", "No hypocalcaemia (corrected calcium at least the minimum)"], rules.Select(r => r.Str("label")));
        Assert.Contains("baseline 0.55 mg/dL", rules[0].Str("explanation"), StringComparison.Ordinal);
        Assert.Contains("corrected calcium 2.35 mmol/L >= 2.1 mmol/L", rules[1].Str("explanation"), StringComparison.Ordinal);

        // Every lab the gates since the last dose used is in front of the approver (the first cycle's include the
        // baseline work-up's vitamin D), not only creatinine.
        var labs = evidence["labs"]!.AsArray();
        Assert.Equal(["2160-0", "29265-6", "62292-8"], labs.Select(l => l.Str("code")));
        var creatinine = labs[0]!;
        Assert.Equal(("2160-0", "mg/dL"), (creatinine.Str("code"), creatinine.Str("unit")));
        Assert.Equal(0.5655m, creatinine["value"]!.GetValue<decimal>());
        Assert.Equal((0.55m, "mg/dL"), (creatinine["baseline"]!["value"]!.GetValue<decimal>(), creatinine["baseline"].Str("unit")));
        Assert.Equal(2, creatinine["history"]!.AsArray().Count);

        var dose = evidence["dose"]!;
        Assert.Equal(("pamidronate", 1), (dose.Str("drug"), dose["cycle"]!.GetValue<int>()));
        Assert.Equal([36m, 36m, 36m], dose["doses"]!.AsArray().Select(d => d!.GetValue<decimal>()));
        // The infusion time is the start parameter's (no time here: see CrmoCourse.InstantInfusion).
        Assert.Equal((60m, 11.5m, 0), (dose["perDoseCapMg"]!.GetValue<decimal>(), dose["annualCapMgPerKg"]!.GetValue<decimal>(), dose["infusionMinutes"]!.GetValue<int>()));
        Assert.Equal(3m, dose["cumulativeMgPerKg365After"]!.GetValue<decimal>());
        Assert.False(string.IsNullOrWhiteSpace(dose.Str("explanation")));
        Assert.Contains("Bedside Schwartz eGFR", evidence["items"]!.ToJsonString(), StringComparison.Ordinal);
    }

    /// <summary>The administration form as the server hands it out: its types and defaults (the approved dose and time).</summary>
    private static void AssertAdministrationForm(JsonNode task)
    {
        var form = task["form"]!.AsArray().ToDictionary(f => f!.Str("name"), f => f!);
        Assert.Equal(("number", 36m), (form["doseMg"].Str("type"), form["doseMg"]["default"]!.GetValue<decimal>()));
        Assert.Equal(("number", 0m), (form["infusionMinutes"].Str("type"), form["infusionMinutes"]["default"]!.GetValue<decimal>()));
        Assert.Equal("datetime", form["startedAt"].Str("type"));
        Assert.Equal(36m, task["evidence"]!["approvedDoseMg"]!.GetValue<decimal>());
    }

    private static void AssertCourse(JsonNode instance, DateTimeOffset lastDoseAt)
    {
        var state = instance["course"]!;
        Assert.Equal(1, state["cycle"]!.GetValue<int>());
        Assert.Equal(36m, state["startWeightKg"]!.GetValue<decimal>());
        Assert.Equal(("approved", "clinician"), (state["plan"].Str("decision"), state["plan"].Str("decidedBy")));
        var given = state["administered"]!.AsArray();
        Assert.Equal(3, given.Count);
        Assert.Equal(lastDoseAt, given[2]!["startedAt"]!.GetValue<DateTimeOffset>());
        Assert.All(given, g => Assert.Equal("coordinator", g.Str("recordedBy")));
        Assert.Null(state["clearance"]);
        Assert.Equal(("pre-dose renal", true), (state["lastGate"].Str("gate"), state["lastGate"]!["passed"]!.GetValue<bool>()));
        var baseline = instance["baselines"]!["2160-0"]!;
        Assert.Equal((0.55m, "mg/dL"), (baseline["value"]!.GetValue<decimal>(), baseline.Str("unit")));
    }
}

public sealed class SqliteCrmoCycleTests(SqliteAppFactory factory) : CrmoCycleTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresCrmoCycleTests(PostgresAppFactory factory) : CrmoCycleTests(factory), IClassFixture<PostgresAppFactory>;
