using System.Text.Json.Nodes;
using CarePathway.Engine.Activities;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Patients;
using CarePathway.Engine.Tests.Testing;
using static CarePathway.Engine.Tests.Clinical.Activities.CourseRun;
using static CarePathway.Engine.Tests.Testing.ClinicalPathways;

namespace CarePathway.Engine.Tests.Clinical.Activities;

public class DoseCalculationTests
{
    private static JsonObject LastPlan(RunHarness run) => Data(run, JournalTypes.DoseCalculated).Last();

    [Fact]
    public void Worked_example_1_a_36_kg_child_gets_36_mg_on_each_of_3_days()
    {
        var run = Start();

        var plan = LastPlan(run);
        Assert.Equal([36m, 36m, 36m], Doses(plan));
        Assert.Equal(("pamidronate", 1, false, DosePlanOutcomes.WithinCaps), (plan["drug"]!.GetValue<string>(), plan["cycle"]!.GetValue<int>(), plan["capped"]!.GetValue<bool>(), plan["outcome"]!.GetValue<string>()));
        Assert.Equal(3m, plan["cumulativeMgPerKg365"]!.GetValue<decimal>());
        var renal = Assert.Single(Data(run, JournalTypes.RenalCalculated));
        Assert.Equal(109.6m, renal["value"]!.GetValue<decimal>());
        Assert.Equal(120, run.State.Course.Plan!.InfusionMinutes);
        Assert.Equal(1, run.State.Course.Cycle);
    }

    [Fact]
    public void Worked_example_3_the_per_dose_cap_holds_a_70_kg_child_to_60_mg_and_the_capped_dose_is_what_counts()
    {
        var run = Start(Child(weightKg: 70m, heightCm: 165m));

        var plan = LastPlan(run);
        Assert.Equal([60m, 60m, 60m], Doses(plan));
        Assert.True(plan["capped"]!.GetValue<bool>());
        Assert.Contains("70 mg -> 60 mg (per-dose cap 60 mg)", plan["explanation"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(Math.Round(180m / 70m, 2), plan["cumulativeMgPerKg365"]!.GetValue<decimal>());
        Assert.True(Approval(run).Evidence["dose"]!["cappedPerDose"]!.GetValue<bool>());

        GiveCycle(run);

        Assert.Equal(180m, run.State.Course.Administered.Sum(a => a.DoseMg));
        var second = run.State.Course.Plan!;
        Assert.Equal((2, 180m / 70m), (second.Cycle, second.CumulativeMgPerKgBefore));
    }

    [Fact]
    public void Worked_example_2_a_fourth_cycle_within_the_year_is_reduced_to_what_the_annual_cap_allows_and_needs_a_clinician()
    {
        var run = Start();
        for (var cycle = 1; cycle <= 3; cycle++) GiveCycle(run);

        var plan = LastPlan(run);
        Assert.Equal(4, plan["cycle"]!.GetValue<int>());
        Assert.Equal(DosePlanOutcomes.ReducedToAnnualCap, plan["outcome"]!.GetValue<string>());
        Assert.Equal(90m, Doses(plan).Sum());
        Assert.Equal([36m, 36m, 18m], Doses(plan));
        Assert.Equal(11.5m, plan["cumulativeMgPerKg365"]!.GetValue<decimal>());
        Assert.True(plan["capped"]!.GetValue<bool>());
        var approval = Approval(run);
        Assert.Null(approval.DefaultOutcome);
        Assert.False(approval.Evidence["passed"]!.GetValue<bool>());
        Assert.Equal(9m, approval.Evidence["dose"]!["cumulativeMgPerKg365Before"]!.GetValue<decimal>());
    }

    [Fact]
    public void When_the_annual_cap_leaves_nothing_the_cycle_is_deferred_and_keeps_its_number()
    {
        var run = Start(null, ("annualCapMgPerKg", 3m));
        GiveCycle(run);

        var deferred = LastPlan(run);
        Assert.Equal((2, DosePlanOutcomes.Defer), (deferred["cycle"]!.GetValue<int>(), deferred["outcome"]!.GetValue<string>()));
        Assert.Equal([0m, 0m, 0m], Doses(deferred));
        Assert.Contains("defer", run.Executed);
        Assert.DoesNotContain(run.OpenTasks.Values, t => t.Kind == "infusion-approval");

        run.FireNextTimer();   // four weeks later: still inside the year, planned again as the same cycle

        var again = LastPlan(run);
        Assert.Equal((2, DosePlanOutcomes.Defer), (again["cycle"]!.GetValue<int>(), again["outcome"]!.GetValue<string>()));
        Assert.Equal(2, run.State.Course.Cycle);
        Assert.Equal(2, run.Records(JournalTypes.DoseCalculated).Count(r => r.Data["cycle"]!.GetValue<int>() == 2));
    }

    [Fact]
    public void A_deferral_is_possible_only_with_an_annual_cap()
    {
        Assert.Equal(["calculated", "deferred"], Pamidronate().Compile().Bound("dose").OutcomesOf());
        Assert.Equal(["calculated"], Ibandronate().Compile().Bound("dose").OutcomesOf());
    }

    [Fact]
    public void The_reduced_first_dose_applies_to_day_1_of_the_first_ever_cycle_only()
    {
        var run = Start(null, ("useReducedFirstDose", true));
        Assert.Equal([18m, 36m, 36m], Doses(LastPlan(run)));
        Assert.Contains("0.5 mg/kg", LastPlan(run)["explanation"]!.GetValue<string>(), StringComparison.Ordinal);

        GiveCycle(run);

        Assert.Equal([36m, 36m, 36m], Doses(LastPlan(run)));
        Assert.Equal(2, LastPlan(run)["cycle"]!.GetValue<int>());
    }

    [Fact]
    public void A_fixed_dose_is_the_same_whatever_the_weight_and_is_capped_by_the_per_dose_cap()
    {
        var run = new RunHarness(Valid(Ibandronate()), Child(weightKg: 80m));
        run.Start();
        var plan = LastPlan(run);
        Assert.Equal([3m], Doses(plan));
        Assert.False(plan["capped"]!.GetValue<bool>());
        Assert.StartsWith("Fixed dose 3 mg x 1 dose.", plan["explanation"]!.GetValue<string>(), StringComparison.Ordinal);

        var capped = new RunHarness(Valid(Ibandronate()), Child(weightKg: 80m));
        capped.Start(Parameters(("doseMg", 4m)));
        var cappedPlan = LastPlan(capped);
        Assert.Equal([3m], Doses(cappedPlan));
        Assert.True(cappedPlan["capped"]!.GetValue<bool>());
        Assert.Contains("4 mg -> 3 mg (per-dose cap)", cappedPlan["explanation"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.55, 120)]    // bedside Schwartz 109.6: the minimum infusion time
    [InlineData(2.20, 240)]    // 0.413 x 146 / 2.20 = 27.4 < 30: the longer time
    public void The_infusion_runs_longer_when_renal_function_is_low(decimal creatinine, int minutes)
    {
        var run = Start(Child(creatinine: creatinine));

        Assert.Equal(minutes, run.State.Course.Plan!.InfusionMinutes);
        Assert.Equal(minutes, Approval(run).Evidence["dose"]!["infusionMinutes"]!.GetValue<int>());
        var explanation = run.State.Course.Plan.Explanation;
        Assert.Contains($"Infuse over at least {minutes} minutes", explanation, StringComparison.Ordinal);
        Assert.Equal(minutes > 120, explanation.Contains(" is below ", StringComparison.Ordinal));
        // The approver sees why on its own, next to the duration.
        var why = Approval(run).Evidence["dose"]!["infusionExplanation"]!.GetValue<string>();
        Assert.EndsWith(why, explanation, StringComparison.Ordinal);
        Assert.Equal(minutes > 120, why.Contains(" is below ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_weight_change_above_the_threshold_raises_one_weight_review()
    {
        var run = Start();
        Assert.DoesNotContain(run.OpenTasks.Values, t => t.Kind == TaskKinds.WeightReview);
        run.Patient.Measurements.Add(new Measurement(MeasurementKinds.Weight, 39m, "kg", RunHarness.T0.AddDays(30)));   // +8.3%
        GiveCycle(run);
        Assert.DoesNotContain(run.OpenTasks.Values, t => t.Kind == TaskKinds.WeightReview);

        run.Patient.Measurements.Add(new Measurement(MeasurementKinds.Weight, 40m, "kg", RunHarness.T0.AddDays(100)));  // +11.1%
        GiveCycle(run);
        var review = run.Task(TaskKinds.WeightReview);
        Assert.Equal(TaskRoles.Clinician, review.Role);
        Assert.Null(review.BookmarkId);
        Assert.Contains("Weight 40 kg is +11.1% from 36 kg", review.Instructions, StringComparison.Ordinal);
        Assert.Equal([40m, 40m, 40m], Doses(LastPlan(run)));
        Assert.True(run.State.Course.WeightReviewRaised);

        run.Patient.Measurements.Add(new Measurement(MeasurementKinds.Weight, 42m, "kg", RunHarness.T0.AddDays(170)));
        GiveCycle(run);
        Assert.Single(run.Records(JournalTypes.TaskCreated), r => r.Data["kind"]!.GetValue<string>() == TaskKinds.WeightReview);
    }

    [Fact]
    public void Cycles_are_numbered_from_one_and_count_up_as_they_are_given()
    {
        var run = Start();
        GiveCycle(run);
        GiveCycle(run);

        Assert.Equal([1, 2, 3], Data(run, JournalTypes.DoseCalculated).Select(d => d["cycle"]!.GetValue<int>()));
        Assert.Equal([1, 1, 1, 2, 2, 2], run.State.Course.Administered.Select(a => a.Cycle));
        Assert.Equal([1, 2, 3, 1, 2, 3], run.State.Course.Administered.Select(a => a.CycleDay));
    }

    [Fact]
    public void A_weight_based_dose_without_a_weight_is_an_incident_naming_the_weight()
    {
        var run = Start(Child(weightKg: null));

        Assert.Equal(InstanceStatus.Faulted, run.State.Status);
        var incident = Assert.Single(run.State.Incidents);
        Assert.Equal("dose", incident.ActivityId);
        Assert.Contains("weight", incident.Message, StringComparison.Ordinal);
        Assert.Empty(run.Records(JournalTypes.DoseCalculated));
        Assert.DoesNotContain(run.OpenTasks.Values, t => t.Kind == "infusion-approval");
    }

    [Fact]
    public void A_dose_calculation_retried_after_its_incident_plans_the_same_cycle()
    {
        var run = Start(Child(weightKg: null));
        var incident = Assert.Single(run.State.Incidents);
        run.Patient.Measurements.Add(new Measurement(MeasurementKinds.Weight, 36m, "kg", run.Clock.GetUtcNow()));

        run.RetryIncident(incident.Id, "admin");

        // The failed attempt left the course as it was: the first cycle is cycle 1, and it started at the weight it was planned on.
        Assert.Equal(1, Assert.Single(Data(run, JournalTypes.DoseCalculated))["cycle"]!.GetValue<int>());
        Assert.Equal((1, 36m), (run.State.Course.Cycle, run.State.Course.StartWeightKg));
        Assert.Equal(1, Approval(run).Evidence["dose"]!["cycle"]!.GetValue<int>());
    }
}
