using CarePathway.Engine.Activities.Clinical;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Patients;
using CarePathway.Engine.Tests.Testing;
using static CarePathway.Engine.Tests.Clinical.Activities.CourseRun;
using static CarePathway.Engine.Tests.Testing.ClinicalPathways;

namespace CarePathway.Engine.Tests.Clinical.Activities;

public class InfusionApprovalTests
{
    /// <summary>Gives the first cycle, then holds the pre-cycle gate at once (no rechecks) on creatinine 0.70 against a 0.55 baseline.</summary>
    private static RunHarness HeldBeforeCycle2()
    {
        var run = Start(null, ("maxRechecks", 0m));
        GiveCycle(run, creatinine: 0.56m, nextCycleCreatinine: 0.70m);
        Assert.Contains(run.Records(JournalTypes.GateHeld), r => r.ActivityId == "cycleGate");
        return run;
    }

    [Fact]
    public void The_evidence_shows_the_disclaimer_the_gate_labs_against_baseline_the_dose_caps_and_totals()
    {
        var run = Start();
        GiveCycle(run, creatinine: 0.58m);

        var approval = Approval(run);
        var evidence = approval.Evidence;
        Assert.Equal(InfusionApprovalActivity.Disclaimer, evidence["disclaimer"]!.GetValue<string>());
        Assert.Equal("pre-cycle renal", evidence["gate"]!["gate"]!.GetValue<string>());
        var rule = Assert.Single(evidence["gate"]!["rules"]!.AsArray())!;
        Assert.Equal((RenalRuleLabel, true), (rule["label"]!.GetValue<string>(), rule["passed"]!.GetValue<bool>()));
        Assert.Contains("0.58 mg/dL", rule["explanation"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(evidence["cleared"]!.GetValue<bool>());

        var lab = Assert.Single(evidence["labs"]!.AsArray())!;
        Assert.Equal((Creatinine, "creatinine", 0.58m, "mg/dL"), (lab["code"]!.GetValue<string>(), lab["name"]!.GetValue<string>(), lab["value"]!.GetValue<decimal>(), lab["unit"]!.GetValue<string>()));
        Assert.Equal(0.55m, lab["baseline"]!["value"]!.GetValue<decimal>());
        Assert.Equal(5.5m, lab["changePercent"]!.GetValue<decimal>());
        var history = lab["history"]!.AsArray().Select(h => h!["value"]!.GetValue<decimal>()).ToList();
        Assert.Equal(run.Patient.Labs.Count, history.Count);
        Assert.Equal(0.55m, history[0]);
        Assert.Equal(0.58m, history[^1]);
        // The gate's limit, for the trend's threshold line: within 10% of the 0.55 mg/dL baseline.
        var threshold = Assert.Single(lab["thresholds"]!.AsArray())!;
        Assert.Equal((RenalRuleLabel, "<=", 0.605m, "mg/dL"),
            (threshold["rule"]!.GetValue<string>(), threshold["operator"]!.GetValue<string>(), threshold["value"]!.GetValue<decimal>(), threshold["unit"]!.GetValue<string>()));

        var dose = evidence["dose"]!;
        Assert.Equal(("pamidronate", 2, 108m), (dose["drug"]!.GetValue<string>(), dose["cycle"]!.GetValue<int>(), dose["totalMg"]!.GetValue<decimal>()));
        Assert.Equal((60m, 11.5m), (dose["perDoseCapMg"]!.GetValue<decimal>(), dose["annualCapMgPerKg"]!.GetValue<decimal>()));
        Assert.Equal((3m, 6m), (dose["cumulativeMgPerKg365Before"]!.GetValue<decimal>(), dose["cumulativeMgPerKg365After"]!.GetValue<decimal>()));
        Assert.False(dose["cappedPerDose"]!.GetValue<bool>());
        Assert.Equal(120, dose["infusionMinutes"]!.GetValue<int>());
        Assert.StartsWith("Infuse over at least 120 minutes", dose["infusionExplanation"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("36 kg x 1 mg/kg = 36 mg", dose["explanation"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(evidence["passed"]!.GetValue<bool>());
        Assert.Equal("approved", approval.DefaultOutcome);
        Assert.Equal(["approved", "rejected", "overridden"], approval.Outcomes);
    }

    [Fact]
    public void The_evidence_gives_the_rolling_year_total_in_mg_and_what_the_annual_cap_leaves_after_the_cycle()
    {
        var run = Start();
        GiveCycle(run, creatinine: 0.58m);

        var dose = Approval(run).Evidence["dose"]!;

        // 36 kg x 11.5 mg/kg = 414 mg a year; 108 mg given in cycle 1, 108 mg planned now: 198 mg (5.5 mg/kg) left.
        Assert.Equal((414m, 108m), (dose["annualCapMg"]!.GetValue<decimal>(), dose["administeredMg365Before"]!.GetValue<decimal>()));
        Assert.Equal((5.5m, 198m), (dose["remainingMgPerKg365After"]!.GetValue<decimal>(), dose["remainingMg365After"]!.GetValue<decimal>()));
    }

    [Fact]
    public void The_lab_history_is_in_the_unit_of_the_latest_value_even_for_a_result_reported_in_moles()
    {
        var patient = Child();
        patient.Labs.Add(new LabObservation("14682-9", 53m, "umol/L", RunHarness.T0.AddDays(-3)));
        var run = Start(patient);

        var history = Assert.Single(Approval(run).Evidence["labs"]!.AsArray())!["history"]!.AsArray();

        // 53 umol/L / 88.42 = 0.5994 mg/dL, drawn before the 0.55 mg/dL result.
        Assert.Equal([(0.5994m, "mg/dL"), (0.55m, "mg/dL")], history.Select(h => (h!["value"]!.GetValue<decimal>(), h["unit"]!.GetValue<string>())));
    }

    [Fact]
    public void A_mid_cycle_approval_says_what_was_already_given_in_the_cycle()
    {
        var run = Start(null, ("maxRechecks", 0m));
        run.Complete(Approval(run), "approved");
        run.Complete(Administration(run), "given", data: Given(run, Administration(run), doseMg: 35m), by: "nurse.ray");
        run.FireNextTimer();
        AnswerLabs(run, creatinine: 0.70m);     // day 2's gate holds: the clinician decides day 2

        var dose = Approval(run).Evidence["dose"]!;

        Assert.Equal((1, 35m), (dose["dosesGivenThisCycle"]!.GetValue<int>(), dose["givenThisCycleMg"]!.GetValue<decimal>()));
        Assert.Equal(0, Approval(Start()).Evidence["dose"]!["dosesGivenThisCycle"]!.GetValue<int>());
    }

    [Fact]
    public void A_creatinine_entered_in_error_withdraws_the_clearance_it_gave_and_the_approval_is_asked_again_without_it_approving_refused()
    {
        var run = Start();
        var stale = Approval(run);
        Assert.Equal(0.55m, stale.Evidence["labs"]!.AsArray().Single(l => l!["code"]!.GetValue<string>() == Creatinine)!["value"]!.GetValue<decimal>());
        var creatinine = run.Patient.LatestLab(Creatinine)!;

        run.Patient.Labs.Remove(creatinine);
        run.Resume(new LabWithdrawn(Creatinine, creatinine.ObservedAt, "dr.lee", "drawn from the wrong patient"));

        Assert.Null(run.State.Course.Clearance);
        var withdrawn = Assert.Single(run.Records(JournalTypes.LabWithdrawn)).Data;
        Assert.Equal(("2160-0", "drawn from the wrong patient", true), (withdrawn["code"]!.GetValue<string>(), withdrawn["reason"]!.GetValue<string>(), withdrawn["clearanceWithdrawn"]!.GetValue<bool>()));
        Assert.False(run.OpenTasks.ContainsKey(stale.Id));
        var approval = Approval(run);
        Assert.NotEqual(stale.Id, approval.Id);
        Assert.False(approval.Evidence["cleared"]!.GetValue<bool>());
        Assert.Null(approval.Evidence["labs"]!.AsArray().Single(l => l!["code"]!.GetValue<string>() == Creatinine)!["value"]);
        var refused = Assert.Throws<StimulusRefusedException>(() => run.Complete(approval, "approved"));
        Assert.Equal("the baseline renal gate's clearance was withdrawn (a lab it read was entered in error): it must pass again: override with a reason, or reject", Assert.Single(refused.Problems).Message);
    }

    [Fact]
    public void A_result_no_gate_read_withdraws_nothing()
    {
        var run = Start();
        var before = run.State.ToJson();

        var result = run.Resume(new LabWithdrawn("62292-8", RunHarness.T0.AddDays(-3), "dr.lee", "wrong patient"));

        Assert.False(result.Applied);
        Assert.Equal(before, run.State.ToJson());
    }

    [Fact]
    public void Approving_after_a_held_gate_is_refused_and_nothing_changes()
    {
        var run = HeldBeforeCycle2();
        var approval = Approval(run);
        Assert.False(approval.Evidence["cleared"]!.GetValue<bool>());
        Assert.False(approval.Evidence["gate"]!["passed"]!.GetValue<bool>());
        Assert.False(approval.Evidence["passed"]!.GetValue<bool>());
        Assert.Null(approval.DefaultOutcome);
        var before = run.State.ToJson();

        var refused = Assert.Throws<StimulusRefusedException>(() => run.Complete(approval, "approved"));

        Assert.Equal("outcome", Assert.Single(refused.Problems).Field);
        Assert.Equal("the pre-cycle renal gate did not pass: override with a reason, or reject", refused.Problems[0].Message);
        Assert.Equal(before, run.State.ToJson());
    }

    [Fact]
    public void An_override_with_a_reason_is_the_clearance_the_administration_needs()
    {
        var run = HeldBeforeCycle2();
        var approval = Approval(run);

        run.Complete(approval, "overridden", reason: "nephrology agree: hydration, proceed", by: "dr.patel");

        var clearance = run.State.Course.Clearance!;
        Assert.Equal((GateClearanceKind.Overridden, "dr.patel", "nephrology agree: hydration, proceed"), (clearance.Kind, clearance.By, clearance.Reason));
        var plan = run.State.Course.Plan!;
        Assert.Equal((DosePlanDecision.Overridden, "dr.patel", "nephrology agree: hydration, proceed"), (plan.Decision, plan.DecidedBy, plan.DecisionReason));
        Assert.Equal("overridden", Administration(run).Evidence["decision"]!.GetValue<string>());
        Assert.Equal(GateClearanceKind.Overridden.WireName(), Administration(run).Evidence["clearance"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("overridden")]
    [InlineData("rejected")]
    public void Overriding_or_rejecting_without_a_reason_is_refused(string outcome)
    {
        var run = HeldBeforeCycle2();

        var refused = Assert.Throws<StimulusRefusedException>(() => run.Complete(Approval(run), outcome, reason: " "));

        Assert.Equal("reason", Assert.Single(refused.Problems).Field);
        Assert.Null(run.State.Course.Clearance);
    }

    [Fact]
    public void Rejecting_with_a_reason_ends_the_course_without_a_clearance_or_a_decision()
    {
        var run = HeldBeforeCycle2();

        run.Complete(Approval(run), "rejected", reason: "creatinine rising: stop pamidronate");

        Assert.Null(run.State.Course.Clearance);
        Assert.Null(run.State.Course.Plan!.Decision);
        Assert.Equal(InstanceStatus.Completed, run.State.Status);
        Assert.Equal(3, run.State.Course.Administered.Count);
    }
}
