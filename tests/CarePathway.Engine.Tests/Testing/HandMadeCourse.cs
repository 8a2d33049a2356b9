using CarePathway.Engine.Execution;

namespace CarePathway.Engine.Tests.Testing;

/// <summary>
/// Builds a <see cref="CourseState"/> by hand through its own methods, the way the clinical activities would: for the
/// aggregate's guards, and for checkers that need administrations without running a pathway.
/// </summary>
internal static class HandMadeCourse
{
    public static readonly DateTimeOffset T0 = RunHarness.T0;

    /// <summary>An undecided one-drug plan for the course's next cycle.</summary>
    public static DosePlan Plan(CourseState course, decimal[] dayDoses, string drug = "pamidronate", int infusionMinutes = 120, decimal? weightKg = 36m) => new()
    {
        Drug = drug,
        Cycle = course.CycleToPlan(),
        WeightKg = weightKg,
        DayDoses = dayDoses,
        Outcome = DosePlanOutcomes.WithinCaps,
        InfusionMinutes = infusionMinutes,
        Explanation = "planned by hand",
    };

    public static GateEvaluation Passed(DateTimeOffset at, string activityId = "gate") =>
        new(activityId, "pre-infusion renal", true, at, [new RuleResult("Creatinine within 10% of baseline", true, "0.55 mg/dL <= 0.605 mg/dL")]);

    public static GateEvaluation Held(DateTimeOffset at, string activityId = "gate") =>
        new(activityId, "pre-infusion renal", false, at, [new RuleResult("Creatinine within 10% of baseline", false, "0.7 mg/dL > 0.605 mg/dL")]);

    /// <summary>Plans <paramref name="dayDoses"/> as the next cycle, passes a gate and approves: ready for its first dose.</summary>
    public static CourseState Approved(this CourseState course, DateTimeOffset at, params decimal[] dayDoses)
    {
        course.PlanCycle(Plan(course, dayDoses));
        course.PassGate(Passed(at));
        course.Approve("dr.lee", null);
        return course;
    }

    /// <summary>A one-day cycle of <paramref name="drug"/>, planned, gated, approved and given as planned at <paramref name="at"/>.</summary>
    public static AdministrationRecord GiveCycle(this CourseState course, string drug, decimal mg, DateTimeOffset at, int infusionMinutes = 15)
    {
        course.PlanCycle(Plan(course, [mg], drug, infusionMinutes));
        course.PassGate(Passed(at));
        course.Approve("dr.lee", null);
        return course.Administer(mg, at, infusionMinutes, "n");
    }
}
