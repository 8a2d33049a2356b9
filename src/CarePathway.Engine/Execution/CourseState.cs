namespace CarePathway.Engine.Execution;

/// <summary>
/// What the clinical activities remember about a course of treatment: the weight it started at, the
/// cycle being planned, the dose plan awaiting or holding approval, what was actually administered, and
/// the clearance (a passed gate or a clinician override) the next dose needs. It lives in the instance
/// state so it is saved with every step, and the safety checks read it rather than trusting the graph.
/// </summary>
public sealed class CourseState
{
    /// <summary>The weight when the course started (first dose calculation); later weights are compared with it.</summary>
    public decimal? StartWeightKg { get; set; }

    /// <summary>The number of the cycle most recently planned; 0 before the first dose calculation.</summary>
    public int Cycle { get; set; }

    public DosePlan? Plan { get; set; }

    public List<AdministrationRecord> Administered { get; init; } = [];

    /// <summary>Set by a passed gate or a clinician override; an administration consumes it, a held gate clears it.</summary>
    public GateClearance? Clearance { get; set; }

    /// <summary>The latest gate evaluation, shown as evidence to the approving clinician.</summary>
    public GateEvaluation? LastGate { get; set; }

    /// <summary>Held evaluations in a row, per gate activity; reset when the gate passes.</summary>
    public Dictionary<string, int> HeldCounts { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The earliest time the next dose may start (interval rules such as ibandronate's 3 months).</summary>
    public DateTimeOffset? NextDoseNotBefore { get; set; }

    /// <summary>True once a weight-review task has been raised for this course, so it is raised once.</summary>
    public bool WeightReviewRaised { get; set; }

    public AdministrationRecord? LastAdministration(string? drug = null) =>
        Administered.Where(a => drug is null || a.Drug == drug).MaxBy(a => a.StartedAt);
}

/// <summary>The doses proposed for one cycle, and the clinician's decision on them.</summary>
public sealed record DosePlan
{
    public required string Drug { get; init; }
    public required int Cycle { get; init; }
    public decimal? WeightKg { get; init; }
    public decimal? MgPerKg { get; init; }

    /// <summary>Per-day doses in mg, day 1 first; a deferral plans zeros.</summary>
    public required IReadOnlyList<decimal> DayDoses { get; init; }

    /// <summary>True when the per-dose cap lowered a dose.</summary>
    public bool CappedPerDose { get; init; }

    /// <summary>within-caps, reduced-to-annual-cap or defer.</summary>
    public required string Outcome { get; init; }
    public decimal? PerDoseCapMg { get; init; }
    public decimal? AnnualCapMgPerKg { get; init; }
    /// <summary>Administered mg in the rolling 365 days before this cycle (weight-based plans).</summary>
    public decimal? AdministeredMgBefore { get; init; }
    public decimal? CumulativeMgPerKgBefore { get; init; }
    public decimal? CumulativeMgPerKgAfter { get; init; }
    public required int InfusionMinutes { get; init; }
    public required string Explanation { get; init; }

    /// <summary>Why the infusion runs this long (the minimum, or longer for low clearance); also the end of <see cref="Explanation"/>.</summary>
    public string? InfusionExplanation { get; init; }

    /// <summary>approved or overridden once a clinician decided; null while waiting.</summary>
    public string? Decision { get; init; }
    public string? DecidedBy { get; init; }
    public string? DecisionReason { get; init; }

    public bool IsApproved => Decision is DosePlanDecisions.Approved or DosePlanDecisions.Overridden;
}

public static class DosePlanOutcomes
{
    public const string WithinCaps = "within-caps";
    public const string ReducedToAnnualCap = "reduced-to-annual-cap";
    public const string Defer = "defer";
}

public static class DosePlanDecisions
{
    public const string Approved = "approved";
    public const string Overridden = "overridden";
}

/// <summary>A dose that was given, as the nurse or coordinator recorded it.</summary>
public sealed record AdministrationRecord(string Drug, decimal DoseMg, DateTimeOffset StartedAt, int Cycle, int CycleDay, int InfusionMinutes, string RecordedBy);

/// <summary>Why the next dose may be given: a gate passed, or a clinician overrode a held one (with a reason).</summary>
public sealed record GateClearance(string Kind, string ActivityId, DateTimeOffset At, string? By, string? Reason);

public static class GateClearanceKinds
{
    public const string Passed = "gate-passed";
    public const string Overridden = "clinician-override";
}

/// <summary>One evaluation of a lab gate: each rule with its explanation.</summary>
public sealed record GateEvaluation(string ActivityId, string Gate, bool Passed, DateTimeOffset At, IReadOnlyList<RuleResult> Rules);

public sealed record RuleResult(string Label, bool Passed, string Explanation);
