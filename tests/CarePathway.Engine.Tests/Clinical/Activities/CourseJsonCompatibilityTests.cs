using System.Text.Json;
using CarePathway.Engine.Execution;

namespace CarePathway.Engine.Tests.Clinical.Activities;

/// <summary>
/// Stored instances hold their course as JSON; whatever shape <see cref="CourseState"/> takes in code, a course written
/// before must load and be written back byte for byte, and the web app must read the same fields. The documents below
/// were written by the course state as it was before it became an aggregate.
/// </summary>
public class CourseJsonCompatibilityTests
{
    /// <summary>Every field of the course set: a decided plan, two doses, an override clearance, a held gate, held counts.</summary>
    private const string StoredInstance = """
        {"instanceId":"0b0e3c1a-58a5-4c1e-9f57-7c1d7e3f0a01","definitionId":"pamidronate-course","version":3,"patientId":"6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b","status":"running","startedAt":"2026-01-05T09:00:00+00:00","parameters":{},"variables":{},"baselines":{},"course":{"startWeightKg":36,"cycle":2,"plan":{"drug":"pamidronate","cycle":2,"weightKg":36.5,"mgPerKg":1,"dayDoses":[36,36,18],"cappedPerDose":true,"outcome":"reduced-to-annual-cap","perDoseCapMg":60,"annualCapMgPerKg":11.5,"administeredMgBefore":108,"cumulativeMgPerKgBefore":3,"cumulativeMgPerKgAfter":5.5,"infusionMinutes":240,"explanation":"1 mg/kg x 36.5 kg. Infuse over at least 240 minutes.","infusionExplanation":"Infuse over at least 240 minutes.","decision":"overridden","decidedBy":"dr.lee","decisionReason":"nephrology agree","isApproved":true},"administered":[{"drug":"pamidronate","doseMg":18,"startedAt":"2026-01-06T09:00:00+00:00","cycle":1,"cycleDay":1,"infusionMinutes":120,"recordedBy":"nurse.ray"},{"drug":"pamidronate","doseMg":36,"startedAt":"2026-01-07T09:30:00+00:00","cycle":1,"cycleDay":2,"infusionMinutes":125,"recordedBy":"nurse.ray"}],"clearance":{"kind":"clinician-override","activityId":"approve","at":"2026-04-05T09:00:00+00:00","by":"dr.lee","reason":"nephrology agree"},"lastGate":{"activityId":"gate","gate":"pre-infusion renal","passed":false,"at":"2026-04-04T09:00:00+00:00","rules":[{"label":"Creatinine within 10% of baseline","passed":false,"explanation":"0.7 mg/dL \u003E 0.616 mg/dL"},{"label":"Calcium in range","passed":true,"explanation":"2.3 mmol/L"}]},"heldCounts":{"gate":2,"dayGate":1},"nextDoseNotBefore":"2026-04-05T09:00:00+00:00","weightReviewRaised":true},"tokens":[],"bookmarks":[],"incidents":[],"nextSequence":1,"journalSequence":0}
        """;

    /// <summary>The same course as the web app reads it (web defaults, nulls written).</summary>
    private const string CourseView = """
        {"startWeightKg":36,"cycle":2,"plan":{"drug":"pamidronate","cycle":2,"weightKg":36.5,"mgPerKg":1,"dayDoses":[36,36,18],"cappedPerDose":true,"outcome":"reduced-to-annual-cap","perDoseCapMg":60,"annualCapMgPerKg":11.5,"administeredMgBefore":108,"cumulativeMgPerKgBefore":3,"cumulativeMgPerKgAfter":5.5,"infusionMinutes":240,"explanation":"1 mg/kg x 36.5 kg. Infuse over at least 240 minutes.","infusionExplanation":"Infuse over at least 240 minutes.","decision":"overridden","decidedBy":"dr.lee","decisionReason":"nephrology agree","isApproved":true},"administered":[{"drug":"pamidronate","doseMg":18,"startedAt":"2026-01-06T09:00:00+00:00","cycle":1,"cycleDay":1,"infusionMinutes":120,"recordedBy":"nurse.ray"},{"drug":"pamidronate","doseMg":36,"startedAt":"2026-01-07T09:30:00+00:00","cycle":1,"cycleDay":2,"infusionMinutes":125,"recordedBy":"nurse.ray"}],"clearance":{"kind":"clinician-override","activityId":"approve","at":"2026-04-05T09:00:00+00:00","by":"dr.lee","reason":"nephrology agree"},"lastGate":{"activityId":"gate","gate":"pre-infusion renal","passed":false,"at":"2026-04-04T09:00:00+00:00","rules":[{"label":"Creatinine within 10% of baseline","passed":false,"explanation":"0.7 mg/dL \u003E 0.616 mg/dL"},{"label":"Calcium in range","passed":true,"explanation":"2.3 mmol/L"}]},"heldCounts":{"gate":2,"dayGate":1},"nextDoseNotBefore":"2026-04-05T09:00:00+00:00","weightReviewRaised":true}
        """;

    /// <summary>An instance without clinical activities: the empty course.</summary>
    private const string StoredEmptyInstance = """
        {"instanceId":"00000000-0000-0000-0000-000000000000","definitionId":"x","version":1,"patientId":"00000000-0000-0000-0000-000000000000","status":"running","startedAt":"0001-01-01T00:00:00+00:00","parameters":{},"variables":{},"baselines":{},"course":{"cycle":0,"administered":[],"heldCounts":{},"weightReviewRaised":false},"tokens":[],"bookmarks":[],"incidents":[],"nextSequence":1,"journalSequence":0}
        """;

    private const string EmptyCourseView = """
        {"startWeightKg":null,"cycle":0,"plan":null,"administered":[],"clearance":null,"lastGate":null,"heldCounts":{},"nextDoseNotBefore":null,"weightReviewRaised":false}
        """;

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Theory]
    [InlineData(StoredInstance)]
    [InlineData(StoredEmptyInstance)]
    public void A_stored_course_loads_and_is_written_back_unchanged(string stored) =>
        Assert.Equal(stored, InstanceState.FromJson(stored).ToJson());

    [Theory]
    [InlineData(StoredInstance, CourseView)]
    [InlineData(StoredEmptyInstance, EmptyCourseView)]
    public void A_stored_course_reads_as_the_same_view(string stored, string view) =>
        Assert.Equal(view, JsonSerializer.Serialize(InstanceState.FromJson(stored).Course, Web));

    [Fact]
    public void A_stored_course_loads_every_field()
    {
        var course = InstanceState.FromJson(StoredInstance).Course;

        Assert.Equal((36m, 2), (course.StartWeightKg, course.Cycle));
        Assert.Equal((DosePlanDecision.Overridden, "dr.lee", "nephrology agree"), (course.Plan!.Decision, course.Plan.DecidedBy, course.Plan.DecisionReason));
        Assert.Equal([36m, 36m, 18m], course.Plan.DayDoses);
        Assert.Equal([(1, 18m), (2, 36m)], course.Administered.Select(a => (a.CycleDay, a.DoseMg)));
        Assert.Equal((GateClearanceKind.Overridden, "approve"), (course.Clearance!.Kind, course.Clearance.ActivityId));
        Assert.Equal([false, true], course.LastGate!.Rules.Select(r => r.Passed));
        Assert.Equal(2, course.HeldCounts["gate"]);
        Assert.Equal(new DateTimeOffset(2026, 4, 5, 9, 0, 0, TimeSpan.Zero), course.NextDoseNotBefore);
        Assert.True(course.WeightReviewRaised);
    }
}
