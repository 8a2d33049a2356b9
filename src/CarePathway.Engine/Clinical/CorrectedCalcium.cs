namespace CarePathway.Engine.Clinical;

/// <summary>A corrected calcium with the working a clinician can check.</summary>
public sealed record CorrectedCalciumResult(decimal Value, string Unit, string Explanation);

/// <summary>
/// Calcium corrected for albumin, clinical-reference.md R8. The coefficients (0.8 and 4.0 g/dL; 0.02 and 40 g/L)
/// are part of the published formula, not policy; the hypocalcaemia threshold is a pathway parameter.
/// Values are not rounded; the explanation shows two decimals.
/// </summary>
public static class CorrectedCalcium
{
    /// <summary>Calcium corrected for albumin, by moles (clinical-reference.md, lab table).</summary>
    public const string Code = "29265-6";

    /// <summary>Total calcium, by mass (clinical-reference.md, lab table; a result in mmol/L under it is converted).</summary>
    public const string TotalCalciumCode = "17861-6";

    /// <summary>Serum albumin (LOINC 1751-7; not in the reference's table, see <see cref="LabUnits.Albumin"/>).</summary>
    public const string AlbuminCode = "1751-7";

    // R8: corrected Ca (mg/dL) = Ca + 0.8 x (4.0 - albumin g/dL).
    private const decimal MassCoefficient = 0.8m;
    private const decimal MassReferenceAlbuminGPerDl = 4.0m;

    // R8: corrected Ca (mmol/L) = Ca + 0.02 x (40 - albumin g/L).
    private const decimal SiCoefficient = 0.02m;
    private const decimal SiReferenceAlbuminGPerL = 40m;

    /// <summary>Corrected calcium in mg/dL from calcium in mg/dL and albumin in g/dL.</summary>
    public static CorrectedCalciumResult FromMgPerDl(decimal calciumMgPerDl, decimal albuminGPerDl)
    {
        Check(calciumMgPerDl, "mg/dL", albuminGPerDl, "g/dL", LabUnits.Calcium.PlausibleMaxInMassUnit, maxAlbumin: 10m);
        var value = calciumMgPerDl + (MassCoefficient * (MassReferenceAlbuminGPerDl - albuminGPerDl));
        return new(value, "mg/dL",
            $"Corrected calcium = {ClinicalFormat.N(calciumMgPerDl)} mg/dL + 0.8 x (4.0 - {ClinicalFormat.N(albuminGPerDl)} g/dL albumin) = {ClinicalFormat.N(value)} mg/dL");
    }

    /// <summary>Corrected calcium in mmol/L from calcium in mmol/L and albumin in g/L.</summary>
    public static CorrectedCalciumResult FromMmolPerL(decimal calciumMmolPerL, decimal albuminGPerL)
    {
        Check(calciumMmolPerL, "mmol/L", albuminGPerL, "g/L", LabUnits.Calcium.PlausibleMaxInMassUnit / LabUnits.CalciumMgPerDlPerMmolPerL, maxAlbumin: 100m);
        var value = calciumMmolPerL + (SiCoefficient * (SiReferenceAlbuminGPerL - albuminGPerL));
        return new(value, "mmol/L",
            $"Corrected calcium = {ClinicalFormat.N(calciumMmolPerL)} mmol/L + 0.02 x (40 - {ClinicalFormat.N(albuminGPerL)} g/L albumin) = {ClinicalFormat.N(value)} mmol/L");
    }

    /// <summary>
    /// Corrected calcium in mmol/L (the unit rules on <see cref="Code"/> compare in) from a total calcium and an albumin in
    /// any of their units: the formula of the albumin's unit system (g/dL: mass, g/L: SI), the calcium converted to it.
    /// The explanation shows the working, with the conversion when the formula was in mg/dL.
    /// </summary>
    public static CorrectedCalciumResult FromResults(decimal calcium, string calciumUnit, decimal albumin, string albuminUnit)
    {
        if (string.Equals(albuminUnit.Trim(), "g/L", StringComparison.OrdinalIgnoreCase))
            return FromMmolPerL(LabUnits.ConvertOrThrow(TotalCalciumCode, calcium, calciumUnit, "mmol/L"), albumin);

        var mass = FromMgPerDl(LabUnits.ConvertOrThrow(TotalCalciumCode, calcium, calciumUnit, "mg/dL"),
            LabUnits.ConvertOrThrow(AlbuminCode, albumin, albuminUnit, "g/dL"));
        // Converted values keep 4 decimal places, as every converted lab does (InstanceScope.LatestLab).
        var mmol = Math.Round(LabUnits.Calcium.ToMolar(mass.Value), 4);
        return new(mmol, "mmol/L", $"{mass.Explanation} = {ClinicalFormat.N(mmol)} mmol/L");
    }

    // Albumin maxima (10 g/dL, 100 g/L) are data-error guards, like the lab plausibility ranges.
    private static void Check(decimal calcium, string calciumUnit, decimal albumin, string albuminUnit, decimal maxCalcium, decimal maxAlbumin)
    {
        if (calcium <= 0m || calcium > maxCalcium)
        {
            throw new ArgumentOutOfRangeException(nameof(calcium), calcium,
                $"Implausible calcium {calcium} {calciumUnit}: accepted values are above 0 and at most {ClinicalFormat.N(maxCalcium)} {calciumUnit}.");
        }

        if (albumin <= 0m || albumin > maxAlbumin)
        {
            throw new ArgumentOutOfRangeException(nameof(albumin), albumin,
                $"Implausible albumin {albumin} {albuminUnit}: accepted values are above 0 and at most {maxAlbumin} {albuminUnit}.");
        }
    }
}
