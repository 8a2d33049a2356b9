namespace CarePathway.Engine.Clinical;

/// <summary>How a weight-based dose is rounded to a measurable amount.</summary>
public enum DoseRoundingMode
{
    /// <summary>To the nearest multiple of the step, halves away from zero.</summary>
    NearestStep = 0,

    /// <summary>Down to a multiple of the step (never more than the weight-based dose).</summary>
    DownToStep = 1,
}

/// <summary>A rounding rule: a step in mg (e.g. 1 mg, 2.5 mg) and a direction.</summary>
public sealed record DoseRounding(decimal StepMg, DoseRoundingMode Mode);

/// <summary>A dose that was actually administered (not merely ordered).</summary>
public sealed record AdministeredDose(DateOnly Date, decimal Mg);

/// <summary>
/// Everything the calculation needs. Every clinical number (rate, caps, reduced first dose, rounding) comes from
/// the pathway definition's parameters; none is built in.
/// </summary>
/// <param name="WeightKg">Latest weight.</param>
/// <param name="MgPerKgPerDose">Weight-based rate for each dose (e.g. 1 mg/kg/day).</param>
/// <param name="PerDoseCapMg">Maximum of a single dose (e.g. 60 or 90 mg), or null for none.</param>
/// <param name="ReducedFirstDoseMgPerKg">Rate for day 1 of this cycle, or null. Pass it only for the first-ever cycle.</param>
/// <param name="Rounding">How each dose is rounded.</param>
/// <param name="AdministeredDoses">Administered doses; those outside the rolling window are ignored.</param>
/// <param name="AnnualCapMgPerKg">Cumulative cap over a rolling 365 days (e.g. 11.5 or 9 mg/kg), or null for none.</param>
/// <param name="CycleStart">Date of the cycle's first dose.</param>
/// <param name="DosesInCycle">Doses planned on consecutive days (e.g. 3).</param>
public sealed record DoseRequest(
    decimal WeightKg,
    decimal MgPerKgPerDose,
    decimal? PerDoseCapMg,
    decimal? ReducedFirstDoseMgPerKg,
    DoseRounding Rounding,
    IReadOnlyList<AdministeredDose> AdministeredDoses,
    decimal? AnnualCapMgPerKg,
    DateOnly CycleStart,
    int DosesInCycle);

/// <summary>One planned day of the cycle. <see cref="CappedPerDose"/> is true when the per-dose cap lowered it.</summary>
public sealed record PlannedDose(int Day, DateOnly Date, decimal Mg, bool CappedPerDose);

/// <summary>What the calculator concluded about the cycle.</summary>
public enum DoseOutcome
{
    /// <summary>The full cycle fits under every cap.</summary>
    WithinCaps = 0,

    /// <summary>The full cycle would cross the annual cap: the doses are the largest allowed total (a proposal).</summary>
    ReducedToAnnualCap = 1,

    /// <summary>Nothing can be given without crossing the annual cap: the cycle should be deferred.</summary>
    Defer = 2,
}

/// <summary>The result of a dose calculation, with the working for the approving clinician.</summary>
/// <param name="Doses">Per-day doses to give (after per-dose and annual caps); all zero when deferring.</param>
/// <param name="FullCycleDoses">Per-day doses before the annual cap (after rounding and the per-dose cap).</param>
/// <param name="Outcome">Whether the full cycle fits, is reduced to the annual cap, or should be deferred.</param>
/// <param name="CappedPerDose">True when the per-dose cap lowered at least one dose.</param>
/// <param name="CappedByAnnualLimit">True when the annual cap lowered the cycle.</param>
/// <param name="AdministeredMgBefore">Administered mg in the rolling window before this cycle.</param>
/// <param name="CumulativeMgPerKgBefore">The same per kg of the latest weight.</param>
/// <param name="CumulativeMgPerKgAfter">The same including this cycle's <see cref="Doses"/>.</param>
/// <param name="AllowedTotalMg">The most this cycle may total under the annual cap (null when there is no cap).</param>
/// <param name="Explanation">The working, in words, for the approving clinician.</param>
public sealed record DoseCalculation(
    IReadOnlyList<PlannedDose> Doses,
    IReadOnlyList<PlannedDose> FullCycleDoses,
    DoseOutcome Outcome,
    bool CappedPerDose,
    bool CappedByAnnualLimit,
    decimal AdministeredMgBefore,
    decimal CumulativeMgPerKgBefore,
    decimal CumulativeMgPerKgAfter,
    decimal? AllowedTotalMg,
    string Explanation)
{
    public decimal TotalMg => Doses.Sum(d => d.Mg);

    /// <summary>A reduced or deferred cycle needs clinician approval (R2, worked example 2).</summary>
    public bool RequiresClinicianApproval => Outcome != DoseOutcome.WithinCaps;
}

/// <summary>
/// Weight-based dosing with a per-dose cap and a rolling-365-day cumulative cap counted from administered doses
/// (clinical-reference.md R2, worked examples 1-3). Pure and deterministic; see README.md for the decisions
/// (rolling window boundary, order of rounding and capping, how a reduced total is spread over the days).
/// </summary>
public static class DoseCalculator
{
    /// <summary>
    /// Days in the rolling window. A dose given exactly this many days before the cycle start still counts
    /// (the conservative reading); it drops out the day after.
    /// </summary>
    public const int RollingWindowDays = 365;

    /// <summary>
    /// The mg of <paramref name="doses"/> given in the rolling window that ends on <paramref name="asOf"/> (those before it
    /// are left out): what the annual cap counts for a cycle starting that day; the course's cumulative chart reads the same
    /// sum at each dose, over the doses given by then.
    /// </summary>
    public static decimal AdministeredInWindow(IEnumerable<AdministeredDose> doses, DateOnly asOf)
    {
        var windowStart = asOf.AddDays(-RollingWindowDays);
        return doses.Where(d => d.Date >= windowStart).Sum(d => d.Mg);
    }

    public static DoseCalculation Calculate(DoseRequest request)
    {
        Validate(request);
        var weight = request.WeightKg;
        var step = request.Rounding.StepMg;
        var windowStart = request.CycleStart.AddDays(-RollingWindowDays);

        var full = new List<PlannedDose>(request.DosesInCycle);
        var lines = new List<string>();
        for (var day = 1; day <= request.DosesInCycle; day++)
        {
            var rate = day == 1 && request.ReducedFirstDoseMgPerKg is { } reduced ? reduced : request.MgPerKgPerDose;
            var weightBased = rate * weight;
            var rounded = Round(weightBased, request.Rounding);
            var capped = false;
            if (request.PerDoseCapMg is { } cap && rounded > cap)
            {
                rounded = FloorToStep(cap, step);
                capped = true;
            }

            full.Add(new PlannedDose(day, request.CycleStart.AddDays(day - 1), rounded, capped));
            lines.Add($"{ClinicalFormat.N(weight)} kg x {ClinicalFormat.N(rate, 4)} mg/kg = {ClinicalFormat.N(weightBased)} mg"
                + (rounded != weightBased && !capped ? $" -> {ClinicalFormat.N(rounded)} mg ({Describe(request.Rounding)})" : "")
                + (capped ? $" -> {ClinicalFormat.N(rounded)} mg (per-dose cap {ClinicalFormat.N(request.PerDoseCapMg!.Value)} mg)" : ""));
        }

        var fullTotal = full.Sum(d => d.Mg);
        var usedMg = AdministeredInWindow(request.AdministeredDoses, request.CycleStart);
        var before = usedMg / weight;

        var explanation = new System.Text.StringBuilder();
        explanation.Append(DescribeDays(lines, full));
        explanation.Append($" Full cycle: {ClinicalFormat.N(fullTotal)} mg = {ClinicalFormat.N(fullTotal / weight)} mg/kg.");

        var doses = (IReadOnlyList<PlannedDose>)full;
        var outcome = DoseOutcome.WithinCaps;
        decimal? allowed = null;
        if (request.AnnualCapMgPerKg is { } annual)
        {
            var capMg = annual * weight;
            allowed = Math.Max(0m, FloorToStep(capMg - usedMg, step));
            explanation.Append($" Administered {ClinicalFormat.N(usedMg)} mg = {ClinicalFormat.N(before)} mg/kg in the 365 days to {ClinicalFormat.Date(request.CycleStart)}"
                + $" (doses from {ClinicalFormat.Date(windowStart)} count); annual cap {ClinicalFormat.N(annual)} mg/kg = {ClinicalFormat.N(capMg)} mg.");
            if (usedMg + fullTotal <= capMg)
            {
                explanation.Append($" After the cycle: {ClinicalFormat.N((usedMg + fullTotal) / weight)} mg/kg, within the cap.");
            }
            else
            {
                explanation.Append($" The full cycle would make {ClinicalFormat.N((usedMg + fullTotal) / weight)} mg/kg, above the cap.");
                if (allowed.Value > 0m)
                {
                    outcome = DoseOutcome.ReducedToAnnualCap;
                    doses = Spread(full, allowed.Value);
                    explanation.Append($" Largest allowed for this cycle: {ClinicalFormat.N(allowed.Value)} mg = {ClinicalFormat.N(allowed.Value / weight)} mg/kg ("
                        + string.Join(", ", doses.Select(d => $"day {d.Day}: {ClinicalFormat.N(d.Mg)} mg")) + ")"
                        + $", making {ClinicalFormat.N((usedMg + allowed.Value) / weight)} mg/kg. Give the reduced cycle or defer it: either needs clinician approval.");
                }
                else
                {
                    outcome = DoseOutcome.Defer;
                    doses = full.Select(d => d with { Mg = 0m }).ToList();
                    explanation.Append(" No dose fits under the cap: defer the cycle (needs clinician approval).");
                }
            }
        }

        var total = doses.Sum(d => d.Mg);
        return new DoseCalculation(
            doses,
            full,
            outcome,
            full.Any(d => d.CappedPerDose),
            outcome != DoseOutcome.WithinCaps,
            usedMg,
            before,
            (usedMg + total) / weight,
            allowed,
            explanation.ToString());
    }

    private static string DescribeDays(List<string> lines, List<PlannedDose> full)
    {
        if (lines.Distinct(StringComparer.Ordinal).Count() == 1)
        {
            return $"Per dose: {lines[0]}; {full.Count} dose{(full.Count == 1 ? "" : "s")} from {ClinicalFormat.Date(full[0].Date)}.";
        }

        return string.Join("; ", lines.Select((l, i) => $"Day {i + 1}: {l}")) + ".";
    }

    // Fills days in order with their full-cycle dose until the allowed total is used: the reduced cycle gives the
    // usual dose for as long as it can, never more than the usual dose on any day.
    private static List<PlannedDose> Spread(List<PlannedDose> full, decimal allowedTotal)
    {
        var left = allowedTotal;
        var result = new List<PlannedDose>(full.Count);
        foreach (var dose in full)
        {
            var mg = Math.Min(dose.Mg, left);
            left -= mg;
            result.Add(dose with { Mg = mg });
        }

        return result;
    }

    private static decimal Round(decimal mg, DoseRounding rounding) => rounding.Mode switch
    {
        DoseRoundingMode.DownToStep => FloorToStep(mg, rounding.StepMg),
        _ => Math.Round(mg / rounding.StepMg, MidpointRounding.AwayFromZero) * rounding.StepMg,
    };

    private static decimal FloorToStep(decimal mg, decimal step)
    {
        var floored = Math.Floor(mg / step) * step;
        // Guard against decimal division rounding up at the 28th digit.
        return floored > mg ? floored - step : floored;
    }

    private static string Describe(DoseRounding rounding) => rounding.Mode == DoseRoundingMode.DownToStep
        ? $"rounded down to {ClinicalFormat.N(rounding.StepMg)} mg steps"
        : $"rounded to the nearest {ClinicalFormat.N(rounding.StepMg)} mg";

    private static void Validate(DoseRequest r)
    {
        Positive(r.WeightKg, "Weight", "kg");
        Positive(r.MgPerKgPerDose, "Dose rate", "mg/kg");
        Positive(r.Rounding.StepMg, "Rounding step", "mg");
        if (r.PerDoseCapMg is { } cap)
        {
            Positive(cap, "Per-dose cap", "mg");
        }

        if (r.ReducedFirstDoseMgPerKg is { } reduced)
        {
            Positive(reduced, "Reduced first dose", "mg/kg");
        }

        if (r.AnnualCapMgPerKg is { } annual)
        {
            Positive(annual, "Annual cap", "mg/kg");
        }

        if (r.DosesInCycle < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(r), r.DosesInCycle, $"A cycle needs at least 1 dose; got {r.DosesInCycle}.");
        }

        foreach (var dose in r.AdministeredDoses)
        {
            if (dose.Mg < 0m)
            {
                throw new ArgumentOutOfRangeException(nameof(r), dose.Mg, $"Administered dose on {ClinicalFormat.Date(dose.Date)} is negative ({dose.Mg} mg).");
            }

            if (dose.Date > r.CycleStart)
            {
                throw new ArgumentOutOfRangeException(nameof(r), dose.Date,
                    $"Administered dose on {ClinicalFormat.Date(dose.Date)} is after the cycle start {ClinicalFormat.Date(r.CycleStart)}.");
            }
        }
    }

    private static void Positive(decimal value, string name, string unit)
    {
        if (value <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"{name} must be above 0 {unit}; got {value} {unit}.");
        }
    }
}
