using System.Text.Json.Nodes;
using CarePathway.Engine.Activities;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Tests.Testing;
using static CarePathway.Engine.Tests.Clinical.Activities.CourseRun;
using static CarePathway.Engine.Tests.Testing.ClinicalPathways;

namespace CarePathway.Engine.Tests.Clinical.Activities;

public class AdministerInfusionTests
{
    private static RunHarness AtDay1()
    {
        var run = Start();
        run.Complete(Approval(run), "approved");
        return run;
    }

    private static StimulusRefusedException Refused(RunHarness run, JsonObject data)
    {
        var before = run.State.ToJson();
        var journaled = run.Journal.Count;
        var refused = Assert.Throws<StimulusRefusedException>(() => run.Complete(Administration(run), "given", data: data));
        Assert.Equal(before, run.State.ToJson());
        Assert.Equal(journaled, run.Journal.Count);
        return refused;
    }

    [Fact]
    public void The_task_offers_the_approved_dose_and_time_and_records_what_was_given()
    {
        var run = AtDay1();
        var give = Administration(run);
        Assert.Equal(36m, give.Form.Single(f => f!["name"]!.GetValue<string>() == "doseMg")!["default"]!.GetValue<decimal>());
        Assert.Equal((1, 1, 36m), (give.Evidence["cycle"]!.GetValue<int>(), give.Evidence["cycleDay"]!.GetValue<int>(), give.Evidence["approvedDoseMg"]!.GetValue<decimal>()));
        Assert.Contains("36 mg (cycle 1, day 1) over at least 120 minutes", give.Title, StringComparison.Ordinal);

        run.Advance(TimeSpan.FromHours(4));
        run.Complete(give, "given", data: Given(run, give, doseMg: 34m, minutes: 150, startedAt: RunHarness.T0.AddHours(1)), by: "nurse.ray");

        var record = Assert.Single(run.State.Course.Administered);
        Assert.Equal(new AdministrationRecord("pamidronate", 34m, RunHarness.T0.AddHours(1), 1, 1, 150, "nurse.ray"), record);
        var journaled = Assert.Single(run.Records(JournalTypes.InfusionAdministered)).Data;
        Assert.Equal((34m, 1, 1, 150), (journaled["doseMg"]!.GetValue<decimal>(), journaled["cycle"]!.GetValue<int>(), journaled["cycleDay"]!.GetValue<int>(), journaled["infusionMinutes"]!.GetValue<int>()));
        Assert.Null(run.State.Course.Clearance);
        Assert.Equal("nextDose", run.Records(JournalTypes.ActivityExecuted).Last(r => r.ActivityId == "give" && r.Outcome is not null).Outcome);
    }

    [Fact]
    public void A_dose_above_the_approved_one_is_refused()
    {
        var run = AtDay1();
        var refused = Refused(run, Given(run, Administration(run), doseMg: 36.5m));
        var problem = Assert.Single(refused.Problems);
        Assert.Equal("data.doseMg", problem.Field);
        Assert.Contains("36.5 mg is above the approved 36 mg", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shorter_infusion_than_planned_is_refused()
    {
        var run = AtDay1();
        var problem = Assert.Single(Refused(run, Given(run, Administration(run), minutes: 119)).Problems);
        Assert.Equal("data.infusionMinutes", problem.Field);
        Assert.Contains("shorter than the required 120 minutes", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_start_before_the_interval_rule_allows_is_refused()
    {
        var run = Start();
        GiveCycle(run);
        var lastDose = run.State.Course.LastAdministration()!.StartedAt;
        Assert.Equal(lastDose.AddDays(28), run.State.Course.NextDoseNotBefore);
        run.Complete(Approval(run), "approved");

        var problems = Refused(run, Given(run, Administration(run), startedAt: lastDose.AddDays(27))).Problems;

        var problem = Assert.Single(problems, p => p.Message.Contains("the earliest the interval rule allows", StringComparison.Ordinal));
        Assert.Equal("data.startedAt", problem.Field);
        run.Complete(Administration(run), "given", data: Given(run, Administration(run)));
        Assert.Equal(4, run.State.Course.Administered.Count);
    }

    [Fact]
    public void A_start_before_the_dose_was_cleared_is_refused()
    {
        var run = AtDay1();
        var clearedAt = run.State.Course.Clearance!.At;

        var problem = Assert.Single(Refused(run, Given(run, Administration(run), startedAt: clearedAt.AddHours(-1))).Problems);

        Assert.Equal("data.startedAt", problem.Field);
        Assert.Contains("before the dose was cleared (gate passed at", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_infusion_recorded_before_it_has_finished_is_refused_saying_when_it_ends()
    {
        var run = AtDay1();
        var startedAt = new DateTimeOffset(2026, 1, 5, 9, 20, 0, TimeSpan.Zero);
        run.Clock.MoveTo(startedAt.AddMinutes(1));

        var problem = Assert.Single(Refused(run, Given(run, Administration(run), minutes: 240, startedAt: startedAt)).Problems);

        Assert.Equal("data.startedAt", problem.Field);
        Assert.Equal("the infusion started 09:20 UTC and runs 240 minutes, so it ends 2026-01-05 13:20 UTC, after now (09:21 UTC): record it once it has finished", problem.Message);
        Assert.Empty(run.State.Course.Administered);
    }

    [Fact]
    public void An_infusion_given_no_start_is_refused_as_still_running()
    {
        var run = AtDay1();
        var data = new JsonObject { ["doseMg"] = 36m, ["infusionMinutes"] = 120m };

        var problem = Assert.Single(Refused(run, data).Problems);

        Assert.Equal("data.startedAt", problem.Field);
        Assert.StartsWith("the infusion was given no start, so it starts now and runs 120 minutes", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_infusion_that_ends_in_the_current_minute_is_recorded()
    {
        var run = AtDay1();
        // People record times to the minute: ending at 11:00:40 is finished at 11:00:10.
        var startedAt = run.Clock.GetUtcNow().AddSeconds(40);
        run.Advance(TimeSpan.FromMinutes(120).Add(TimeSpan.FromSeconds(10)));

        run.Complete(Administration(run), "given", data: Given(run, Administration(run), minutes: 120, startedAt: startedAt));

        Assert.Equal(startedAt, Assert.Single(run.State.Course.Administered).StartedAt);
    }

    [Fact]
    public void An_infusion_cleared_on_a_result_entered_in_error_is_refused_until_a_gate_passes_again()
    {
        var run = AtDay1();
        var creatinine = run.Patient.LatestLab(Creatinine)!;
        run.Resume(new LabWithdrawn(Creatinine, creatinine.ObservedAt, "dr.lee", "typed 5.5 for 0.55"));

        var problem = Assert.Single(Refused(run, Given(run, Administration(run))).Problems);

        Assert.Equal("outcome", problem.Field);
        Assert.StartsWith("the dose is no longer cleared (a lab its gate read was entered in error", problem.Message, StringComparison.Ordinal);
        Assert.Empty(run.State.Course.Administered);
    }

    [Fact]
    public void A_start_in_the_future_is_refused_and_nothing_is_recorded()
    {
        var run = AtDay1();

        var problem = Assert.Single(Refused(run, Given(run, Administration(run), startedAt: run.Clock.GetUtcNow().AddMinutes(30))).Problems);

        Assert.Equal("data.startedAt", problem.Field);
        Assert.Contains("is in the future", problem.Message, StringComparison.Ordinal);
        Assert.Empty(run.State.Course.Administered);
    }

    [Fact]
    public void Each_day_of_the_cycle_is_given_after_its_own_gate_and_the_last_completes_the_cycle()
    {
        var run = AtDay1();
        run.Complete(Administration(run), "given", data: Given(run, Administration(run)));
        Assert.DoesNotContain(run.OpenTasks.Values, t => t.Kind == TaskKinds.AdministerInfusion);

        run.FireNextTimer();
        Assert.Null(run.State.Course.Clearance);                    // the day-2 gate waits for today's creatinine
        Assert.DoesNotContain(run.OpenTasks.Values, t => t.Kind == TaskKinds.AdministerInfusion);
        run.Lab(Creatinine, 0.57m, "mg/dL");
        Assert.Equal(("dayGate", GateClearanceKind.Passed), (run.State.Course.Clearance!.ActivityId, run.State.Course.Clearance.Kind));
        Assert.Equal(2, Administration(run).Evidence["cycleDay"]!.GetValue<int>());
        run.Complete(Administration(run), "given", data: Given(run, Administration(run)));
        run.FireNextTimer();
        run.Lab(Creatinine, 0.57m, "mg/dL");
        run.Complete(Administration(run), "given", data: Given(run, Administration(run)));

        var outcomes = run.Records(JournalTypes.ActivityExecuted).Where(r => r.ActivityId == "give" && r.Outcome is not null).Select(r => r.Outcome).ToList();
        Assert.Equal(["nextDose", "nextDose", "cycleComplete"], outcomes);
        Assert.Equal(3, run.Records(JournalTypes.GatePassed).Count(r => r.ActivityId is "baseline" or "dayGate"));
    }

    [Fact]
    public void A_held_day_gate_stops_the_next_dose_until_a_clinician_decides()
    {
        var run = AtDay1();
        run.Complete(Administration(run), "given", data: Given(run, Administration(run)));
        run.FireNextTimer();
        for (var i = 0; i <= 3; i++)
        {
            if (i > 0) run.FireNextTimer();
            run.Lab(Creatinine, 0.70m, "mg/dL");
            Assert.DoesNotContain(run.OpenTasks.Values, t => t.Kind == TaskKinds.AdministerInfusion);
        }

        var review = run.Task("infusion-approval");
        Assert.Throws<StimulusRefusedException>(() => run.Complete(review, "approved"));
        run.Complete(review, "overridden", reason: "single value, repeat tomorrow");
        Assert.Equal(2, Administration(run).Evidence["cycleDay"]!.GetValue<int>());
    }

    /// <summary>baseline gate -> dose -> approval -> give, with "nextDose" looping back to give after a day, no gate in between.</summary>
    /// <summary>A baseline gate, a 3-day plan and its approval, whose approved or overridden plan goes on to <paramref name="then"/>.</summary>
    private static PathwayBuilder Approved(string then) => PathwayBuilder.Create()
        .Activity("start", "Start")
        .Activity("baseline", "LabGate", new { gate = "baseline renal", codes = new[] { Creatinine }, freshness = "30d", captureBaseline = true, rules = new[] { CreatinineRecorded } })
        .Activity("dose", "DoseCalculation", new { drug = "pamidronate", mgPerKg = "1", doses = "3", infusionTime = "2h" })
        .Activity("approve", "InfusionApproval", new { kind = "infusion-approval", title = "Approve" })
        .Activity("end", "End")
        .Chain("start", "baseline").Connect("baseline", "passed", "dose").Connect("baseline", "held", "end")
        .Connect("dose", "calculated", "approve")
        .Connect("approve", "approved", then).Connect("approve", "overridden", then).Connect("approve", "rejected", "end");

    private static PathwayBuilder WithoutADayGate() => Approved(then: "give")
        .Activity("give", "AdministerInfusion")
        .Activity("nextDay", "Delay", new { duration = "1d" })
        .Connect("give", "nextDose", "nextDay").Chain("nextDay", "give").Connect("give", "cycleComplete", "end").Connect("give", "notGiven", "end");

    [Fact]
    public void Without_a_gate_since_the_last_dose_the_administration_is_an_incident()
    {
        var run = new RunHarness(Valid(WithoutADayGate()), Child());
        run.Start();
        run.Complete(Approval(run), "approved");
        run.Complete(Administration(run), "given", data: Given(run, Administration(run)));

        run.FireNextTimer();

        Assert.Equal(InstanceStatus.Faulted, run.State.Status);
        var incident = Assert.Single(run.State.Incidents);
        Assert.Equal("give", incident.ActivityId);
        Assert.Contains("no gate has passed", incident.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(run.OpenTasks.Values, t => t.Kind == TaskKinds.AdministerInfusion);
        Assert.Single(run.State.Course.Administered);
    }

    [Fact]
    public void Without_an_approved_plan_the_administration_is_an_incident()
    {
        var builder = PathwayBuilder.Create()
            .Activity("start", "Start")
            .Activity("baseline", "LabGate", new { gate = "baseline renal", codes = new[] { Creatinine }, freshness = "30d", rules = new[] { CreatinineRecorded } })
            .Activity("dose", "DoseCalculation", new { drug = "pamidronate", mgPerKg = "1", infusionTime = "2h" })
            .Activity("give", "AdministerInfusion")
            .Activity("end", "End")
            .Chain("start", "baseline").Connect("baseline", "passed", "dose").Connect("baseline", "held", "end")
            .Connect("dose", "calculated", "give")
            .Connect("give", "nextDose", "end").Connect("give", "cycleComplete", "end").Connect("give", "notGiven", "end");
        var run = new RunHarness(Valid(builder), Child());
        run.Start();

        var incident = Assert.Single(run.State.Incidents);
        Assert.Equal("give", incident.ActivityId);
        Assert.Contains("no approved dose plan", incident.Message, StringComparison.Ordinal);
        Assert.NotNull(run.State.Course.Clearance);
        Assert.DoesNotContain(run.OpenTasks.Values, t => t.Kind == TaskKinds.AdministerInfusion);
    }

    [Fact]
    public void Two_infusions_open_on_one_clearance_give_one_dose_and_the_second_is_refused()
    {
        var builder = Approved(then: "fork")
            .Activity("fork", "Fork", new { branches = new[] { "a", "b" } })
            .Activity("giveA", "AdministerInfusion")
            .Activity("giveB", "AdministerInfusion")
            .Activity("join", "Join", new { mode = "all" })
            .Connect("fork", "a", "giveA").Connect("fork", "b", "giveB")
            .Connect("giveA", "nextDose", "join").Connect("giveA", "cycleComplete", "join").Connect("giveA", "notGiven", "join")
            .Connect("giveB", "nextDose", "join").Connect("giveB", "cycleComplete", "join").Connect("giveB", "notGiven", "join")
            .Chain("join", "end");
        var run = new RunHarness(Valid(builder), Child());
        run.Start();
        run.Complete(Approval(run), "approved");
        var (first, second) = (run.OpenTasks.Values.Single(t => t.ActivityId == "giveA"), run.OpenTasks.Values.Single(t => t.ActivityId == "giveB"));

        run.Complete(first, "given", data: Given(run, first), by: "nurse.ray");
        var refused = Assert.Throws<StimulusRefusedException>(() => run.Complete(second, "given", data: Given(run, second), by: "nurse.kim"));

        // The clearance served the first dose; the second's form refuses a dose on none, whatever the graph offered
        // (and the course's own guard would make it an incident: CourseStateTests).
        Assert.Equal("outcome", Assert.Single(refused.Problems).Field);
        var given = Assert.Single(run.State.Course.Administered);
        Assert.Equal("nurse.ray", given.RecordedBy);
        Assert.Empty(run.State.Incidents);
        Assert.Single(run.Records(JournalTypes.InfusionAdministered));
    }

    [Fact]
    public void Not_given_needs_a_reason_and_records_no_dose()
    {
        var run = AtDay1();
        var give = Administration(run);

        var refused = Assert.Throws<StimulusRefusedException>(() => run.Complete(give, "not-given"));
        Assert.Equal("reason", Assert.Single(refused.Problems).Field);

        run.Complete(give, "not-given", reason: "cannula could not be sited");
        Assert.Empty(run.State.Course.Administered);
        Assert.Equal("notGiven", run.Records(JournalTypes.ActivityExecuted).Last(r => r.ActivityId == "give" && r.Outcome is not null).Outcome);
        Assert.NotNull(run.State.Course.Clearance);
    }
}
