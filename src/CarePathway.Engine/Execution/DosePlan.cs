using System.Text.Json.Serialization;

namespace CarePathway.Engine.Execution;

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

    /// <summary>Approved or overridden once a clinician decided; null while waiting.</summary>
    public DosePlanDecision? Decision { get; init; }
    public string? DecidedBy { get; init; }
    public string? DecisionReason { get; init; }

    public bool IsApproved => Decision is DosePlanDecision.Approved or DosePlanDecision.Overridden;
}

/// <summary>
/// The DoseCalculation activity's outcomes. They stay strings: they are activity outcome names, which definitions
/// connect by name like every other outcome (<see cref="Activities.ActivityResult"/>, connections, the designer).
/// </summary>
public static class DosePlanOutcomes
{
    public const string WithinCaps = "within-caps";
    public const string ReducedToAnnualCap = "reduced-to-annual-cap";
    public const string Defer = "defer";
}

/// <summary>How a clinician decided on a dose plan; travels as the lowercase name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DosePlanDecision>))]
public enum DosePlanDecision
{
    /// <summary>Approved as planned.</summary>
    [JsonStringEnumMemberName("approved")] Approved,

    /// <summary>Approved over a held gate or a failed check, with a reason.</summary>
    [JsonStringEnumMemberName("overridden")] Overridden,
}
