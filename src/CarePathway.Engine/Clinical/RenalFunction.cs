namespace CarePathway.Engine.Clinical;

/// <summary>Sex as used by Cockcroft-Gault (the female factor).</summary>
public enum Sex
{
    Female = 0,
    Male = 1,
}

/// <summary>
/// A renal function estimate. <see cref="Value"/> is unrounded (gates compare it); <see cref="Rounded"/> is the
/// one-decimal figure shown to clinicians and quoted in <see cref="Explanation"/>.
/// </summary>
public sealed record RenalFunctionResult(decimal Value, string Unit, string Explanation)
{
    public decimal Rounded => Math.Round(Value, 1, MidpointRounding.AwayFromZero);

    /// <summary>
    /// The formula with what it was worked out from, named, then its arithmetic: "Cockcroft-Gault from creatinine 1.5 mg/dL,
    /// age 72 years, weight 60 kg, female: (140 - 72) x ...". What a rule reading the result shows behind it (H10).
    /// </summary>
    public string Working { get; init; } = Explanation;
}

/// <summary>
/// Renal function formulas of clinical-reference.md R9. Creatinine may be given in mg/dL or umol/L; umol/L is
/// converted to mg/dL (1 mg/dL = 88.42 umol/L, R9) and the mg/dL form of each formula is applied, so the result
/// does not depend on the unit the lab reported.
/// </summary>
public static class RenalFunction
{
    // R9: Cockcroft-Gault = (140 - age) x weight(kg) / (72 x SCr mg/dL), x 0.85 for females.
    private const decimal CockcroftGaultAgeTerm = 140m;
    private const decimal CockcroftGaultDivisor = 72m;
    private const decimal CockcroftGaultFemaleFactor = 0.85m;

    // R9: bedside Schwartz eGFR = 0.413 x height(cm) / SCr(mg/dL). The SI form 36.5 x height / SCr(umol/L) is the
    // same formula with the conversion folded in (0.413 x 88.42 = 36.52); we convert and use this one.
    private const decimal SchwartzCoefficient = 0.413m;

    /// <summary>
    /// Cockcroft-Gault creatinine clearance in mL/min. The formula is for adults; whether a pathway uses it for a
    /// given age is the pathway's choice. Age must be 0-139 (the formula is meaningless from 140).
    /// </summary>
    public static RenalFunctionResult CockcroftGault(int ageYears, decimal weightKg, decimal creatinine, string creatinineUnit, Sex sex)
    {
        if (ageYears is < 0 or >= 140)
        {
            throw new ArgumentOutOfRangeException(nameof(ageYears), ageYears, $"Age {ageYears} years is outside 0-139, where Cockcroft-Gault is defined.");
        }

        CheckPositive(weightKg, nameof(weightKg), "Weight", "kg");
        var (mgPerDl, conversion) = CreatinineMgPerDl(creatinine, creatinineUnit);

        var value = (CockcroftGaultAgeTerm - ageYears) * weightKg / (CockcroftGaultDivisor * mgPerDl);
        var female = sex == Sex.Female;
        if (female)
        {
            value *= CockcroftGaultFemaleFactor;
        }

        var arithmetic = $"(140 - {ageYears}) x {ClinicalFormat.N(weightKg)} kg / (72 x {ClinicalFormat.N(mgPerDl)} mg/dL)"
            + (female ? " x 0.85" : "")
            + $" = {ClinicalFormat.One(value)} mL/min";
        return new(value, "mL/min", $"{conversion}Cockcroft-Gault = {arithmetic}")
        {
            Working = $"Cockcroft-Gault from {Creatinine(creatinine, creatinineUnit)}, age {ageYears} years, weight {ClinicalFormat.N(weightKg)} kg, {(female ? "female" : "male")}: {conversion}{arithmetic}",
        };
    }

    /// <summary>Bedside Schwartz eGFR in mL/min/1.73m2 (children 1-18 with enzymatic creatinine, R9).</summary>
    public static RenalFunctionResult BedsideSchwartz(decimal heightCm, decimal creatinine, string creatinineUnit)
    {
        CheckPositive(heightCm, nameof(heightCm), "Height", "cm");
        var (mgPerDl, conversion) = CreatinineMgPerDl(creatinine, creatinineUnit);
        var value = SchwartzCoefficient * heightCm / mgPerDl;
        var arithmetic = $"0.413 x {ClinicalFormat.N(heightCm)} cm / {ClinicalFormat.N(mgPerDl)} mg/dL = {ClinicalFormat.One(value)} mL/min/1.73m2";
        return new(value, "mL/min/1.73m2", $"{conversion}Bedside Schwartz eGFR = {arithmetic}")
        {
            Working = $"bedside Schwartz from {Creatinine(creatinine, creatinineUnit)}, height {ClinicalFormat.N(heightCm)} cm: {conversion}{arithmetic}",
        };
    }

    private static string Creatinine(decimal creatinine, string unit) => $"creatinine {ClinicalFormat.N(creatinine)} {unit.Trim()}";

    private static (decimal MgPerDl, string Conversion) CreatinineMgPerDl(decimal creatinine, string unit)
    {
        var result = LabUnits.Convert(LabUnits.Creatinine.Codes[0], creatinine, unit, LabUnits.Creatinine.MassUnit);
        if (!result.IsSuccess)
        {
            throw new ArgumentException(result.Error, nameof(creatinine));
        }

        var converted = !string.Equals(unit.Trim(), LabUnits.Creatinine.MassUnit, StringComparison.OrdinalIgnoreCase);
        var conversion = converted
            ? $"Creatinine {ClinicalFormat.N(creatinine)} {unit.Trim()} / 88.42 = {ClinicalFormat.N(result.Value)} mg/dL; "
            : "";
        return (result.Value, conversion);
    }

    private static void CheckPositive(decimal value, string parameter, string name, string unit)
    {
        if (value <= 0m)
        {
            throw new ArgumentOutOfRangeException(parameter, value, $"{name} must be above 0 {unit}; got {value} {unit}.");
        }
    }
}
