using CarePathway.Engine.Activities;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Tests.Testing;
using static CarePathway.Engine.Tests.Testing.HandMadeCourse;

namespace CarePathway.Engine.Tests.Clinical;

/// <summary>
/// The course keeps the rules a dose depends on by itself, whatever activity asks: each refusal changes nothing and is
/// an <see cref="ActivityFaultException"/>, so the runner makes it an incident (the activity tests show that end to end).
/// </summary>
public class CourseStateTests
{
    private static InvalidCourseOperationException Refused(CourseState course, Action change)
    {
        var before = Json(course);
        var refused = Assert.Throws<InvalidCourseOperationException>(change);
        Assert.Equal(before, Json(course));
        return refused;
    }

    /// <summary>Cycle 1 planned (36 mg) and its gate held: nothing clears the dose but an override.</summary>
    private static CourseState PlannedOnAHeldGate()
    {
        var course = new CourseState();
        course.PlanCycle(Plan(course, [36m]));
        course.HoldGate(Held(T0));
        return course;
    }

    private static string Json(CourseState course) =>
        new InstanceState { InstanceId = Guid.Empty, DefinitionId = "x", Version = 1, PatientId = Guid.Empty, Course = course }.ToJson();

    [Fact]
    public void A_refusal_is_an_activity_fault_so_it_becomes_an_incident()
    {
        var course = new CourseState();
        Assert.IsAssignableFrom<ActivityFaultException>(Refused(course, () => course.Administer(36m, T0, 120, "nurse.ray")));
    }

    [Fact]
    public void An_administration_without_a_clearance_is_refused()
    {
        var course = new CourseState().Approved(T0, 36m, 36m, 36m);
        course.Administer(36m, T0.AddHours(1), 120, "nurse.ray");

        var refused = Refused(course, () => course.Administer(36m, T0.AddDays(1), 120, "nurse.ray"));

        Assert.Contains("no gate has passed and no clinician has overridden one since the last dose", refused.Message, StringComparison.Ordinal);
        Assert.Single(course.Administered);
    }

    [Fact]
    public void An_administration_without_an_approved_plan_is_refused()
    {
        var course = new CourseState();
        course.PlanCycle(Plan(course, [36m]));
        course.PassGate(Passed(T0));

        var refused = Refused(course, () => course.Administer(36m, T0, 120, "nurse.ray"));

        Assert.Contains("no approved dose plan", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dose_above_the_approved_one_for_the_day_is_refused()
    {
        var course = new CourseState().Approved(T0, 36m, 36m, 18m);
        course.Administer(36m, T0, 120, "nurse.ray");
        course.PassGate(Passed(T0.AddDays(1)));
        course.Administer(36m, T0.AddDays(1), 120, "nurse.ray");
        course.PassGate(Passed(T0.AddDays(2)));

        var refused = Refused(course, () => course.Administer(20m, T0.AddDays(2), 120, "nurse.ray"));

        Assert.Contains("20 mg is above the approved 18 mg for cycle 1, day 3", refused.Message, StringComparison.Ordinal);
        Assert.NotNull(course.Clearance);
    }

    [Theory]
    [InlineData(0, 120, "must be above 0 mg")]
    [InlineData(-1, 120, "must be above 0 mg")]
    [InlineData(36, 119, "119 minutes is shorter than the required 120 minutes")]
    public void A_dose_of_nothing_or_an_infusion_shorter_than_planned_is_refused(int doseMg, int minutes, string why)
    {
        var course = new CourseState().Approved(T0, 36m);
        Assert.Contains(why, Refused(course, () => course.Administer(doseMg, T0, minutes, "nurse.ray")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_administration_is_for_the_next_day_of_the_approved_cycle_and_consumes_the_clearance()
    {
        var course = new CourseState().Approved(T0, 36m, 36m, 36m);
        course.Administer(36m, T0, 120, "nurse.ray");
        course.PassGate(Passed(T0.AddDays(1)));

        var record = course.Administer(34m, T0.AddDays(1), 150, "nurse.kim");

        Assert.Equal(new AdministrationRecord("pamidronate", 34m, T0.AddDays(1), 1, 2, 150, "nurse.kim"), record);
        Assert.Equal(record, course.Administered[^1]);
        Assert.Null(course.Clearance);
        Assert.Equal((3, 36m), course.NextDose());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_override_without_a_reason_is_refused_and_clears_nothing(string? reason)
    {
        var course = PlannedOnAHeldGate();

        var refused = Refused(course, () => course.Override("dr.lee", reason, "approve", T0));

        Assert.Contains("an override needs a reason", refused.Message, StringComparison.Ordinal);
        Assert.Null(course.Clearance);
        Assert.Null(course.Plan!.Decision);
    }

    [Fact]
    public void An_override_with_a_reason_past_a_held_gate_is_the_clearance_the_next_dose_is_given_on()
    {
        var course = PlannedOnAHeldGate();

        course.Override("dr.lee", "nephrology agree", "approve", T0.AddHours(1));

        Assert.Equal(new GateClearance(GateClearanceKind.Overridden, "approve", T0.AddHours(1), "dr.lee", "nephrology agree"), course.Clearance);
        Assert.Equal((DosePlanDecision.Overridden, "dr.lee", "nephrology agree"), (course.Plan!.Decision, course.Plan.DecidedBy, course.Plan.DecisionReason));
        Assert.Equal(1, course.Administer(36m, T0.AddHours(2), 120, "nurse.ray").CycleDay);
    }

    [Fact]
    public void An_override_after_a_passed_gate_keeps_the_gate_as_the_clearance()
    {
        var course = new CourseState();
        course.PlanCycle(Plan(course, [36m]));
        course.PassGate(Passed(T0));

        course.Override("dr.lee", "capped cycle accepted", "approve", T0.AddHours(1));

        Assert.Equal((GateClearanceKind.Passed, "gate", T0), (course.Clearance!.Kind, course.Clearance.ActivityId, course.Clearance.At));
        Assert.Equal(DosePlanDecision.Overridden, course.Plan!.Decision);
    }

    [Fact]
    public void Approving_without_a_passed_gate_is_refused()
    {
        var course = PlannedOnAHeldGate();

        var refused = Refused(course, () => course.Approve("dr.lee", null));

        Assert.Contains("override with a reason, or reject", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void There_is_nothing_to_decide_before_a_plan_or_on_a_deferral()
    {
        var course = new CourseState();
        Assert.Contains("there is no dose plan to approve", Refused(course, () => course.Override("dr.lee", "why", "approve", T0)).Message, StringComparison.Ordinal);

        course.PlanCycle(Plan(course, [0m]) with { Outcome = DosePlanOutcomes.Defer });
        course.PassGate(Passed(T0));
        Assert.Contains("the dose plan is a deferral", Refused(course, () => course.Approve("dr.lee", null)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cycle_keeps_its_number_until_something_of_it_is_given()
    {
        var course = new CourseState();
        course.PlanCycle(Plan(course, [0m]) with { Outcome = DosePlanOutcomes.Defer });
        course.PlanCycle(Plan(course, [36m, 36m]));
        Assert.Equal((1, 1), (course.Cycle, course.Plan!.Cycle));

        course.PassGate(Passed(T0));
        course.Approve("dr.lee", null);
        course.Administer(36m, T0, 120, "nurse.ray");
        Assert.Equal(2, course.CycleToPlan());

        course.PlanCycle(Plan(course, [36m, 36m]));
        Assert.Equal((2, 2), (course.Cycle, course.Plan.Cycle));
    }

    [Fact]
    public void A_plan_for_another_cycle_or_one_that_arrives_decided_is_refused()
    {
        var course = new CourseState();
        var plan = Plan(course, [36m]);

        Assert.Contains("plans cycle 1 next", Refused(course, () => course.PlanCycle(plan with { Cycle = 2 })).Message, StringComparison.Ordinal);
        Assert.Contains("waits for a clinician's decision", Refused(course, () => course.PlanCycle(plan with { Decision = DosePlanDecision.Approved })).Message, StringComparison.Ordinal);
        Assert.Contains("at least one day", Refused(course, () => course.PlanCycle(plan with { DayDoses = [] })).Message, StringComparison.Ordinal);
        Assert.Null(course.Plan);
    }

    [Fact]
    public void The_start_weight_is_the_first_one_known_and_does_not_move()
    {
        var course = new CourseState();
        course.PlanCycle(Plan(course, [36m], weightKg: null));
        course.PlanCycle(Plan(course, [36m], weightKg: 36m));
        course.PlanCycle(Plan(course, [40m], weightKg: 40m));
        Assert.Equal(36m, course.StartWeightKg);

        var started = new CourseState { StartWeightKg = 35m };
        started.PlanCycle(Plan(started, [36m], weightKg: 36m));
        Assert.Equal(35m, started.StartWeightKg);
    }

    [Fact]
    public void A_held_gate_withdraws_the_clearance_and_counts_until_it_passes_or_gives_up()
    {
        var course = new CourseState();
        course.PassGate(Passed(T0, "baseline"));

        Assert.Equal(1, course.HoldGate(Held(T0.AddDays(1))));
        Assert.Null(course.Clearance);
        Assert.Equal(2, course.HoldGate(Held(T0.AddDays(2))));
        Assert.Equal(1, course.HoldGate(Held(T0.AddDays(2), "dayGate")));
        Assert.False(course.LastGate!.Passed);

        course.ResetHeldCount("dayGate");
        Assert.Equal(["gate"], course.HeldCounts.Keys);
        course.PassGate(Passed(T0.AddDays(3)));
        Assert.Empty(course.HeldCounts);
        Assert.Equal((GateClearanceKind.Passed, T0.AddDays(3)), (course.Clearance!.Kind, course.Clearance.At));
    }

    [Fact]
    public void A_gate_passes_only_on_an_evaluation_whose_rules_all_hold()
    {
        var course = new CourseState();
        var mixed = Passed(T0) with { Rules = [new RuleResult("Calcium in range", true, "2.3 mmol/L"), new RuleResult("Creatinine within 10% of baseline", false, "0.7 mg/dL > 0.605 mg/dL")] };

        Assert.Contains("Creatinine within 10% of baseline does not hold", Refused(course, () => course.PassGate(mixed)).Message, StringComparison.Ordinal);
        Refused(course, () => course.PassGate(Held(T0)));
        Assert.Contains("cannot hold on an evaluation that passed", Refused(course, () => course.HoldGate(Passed(T0))).Message, StringComparison.Ordinal);
        Assert.Null(course.Clearance);
    }

    [Fact]
    public void A_weight_review_is_raised_once_and_only_against_a_start_weight()
    {
        var unweighed = new CourseState();
        Assert.Contains("none is recorded", Refused(unweighed, unweighed.RaiseWeightReview).Message, StringComparison.Ordinal);

        var course = new CourseState { StartWeightKg = 36m };
        course.RaiseWeightReview();
        Assert.True(course.WeightReviewRaised);
        Assert.Contains("raised once", Refused(course, course.RaiseWeightReview).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_schedule_sets_the_earliest_next_dose_and_one_without_an_interval_rule_lifts_it()
    {
        var course = new CourseState();
        course.ScheduleNextDose(T0.AddMonths(3));
        Assert.Equal(T0.AddMonths(3), course.NextDoseNotBefore);

        course.ScheduleNextDose(null);
        Assert.Null(course.NextDoseNotBefore);
    }

    [Fact]
    public void The_collections_it_shows_cannot_be_changed_from_outside()
    {
        var course = new CourseState().Approved(T0, 36m);
        course.Administer(36m, T0, 120, "nurse.ray");
        course.HoldGate(Held(T0.AddDays(1)));

        Assert.Throws<NotSupportedException>(() => ((IList<AdministrationRecord>)course.Administered).Clear());
        Assert.Throws<NotSupportedException>(() => ((IDictionary<string, int>)course.HeldCounts).Clear());
    }
}
