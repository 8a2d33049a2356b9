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
