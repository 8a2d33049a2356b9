namespace CarePathway.Engine.Clinical;

/// <summary>An analyte the engine can convert: its LOINC codes, its units and how they relate.</summary>
/// <param name="Name">Readable name used in messages.</param>
/// <param name="Codes">LOINC codes that identify the analyte (clinical-reference.md, lab table).</param>
/// <param name="MassUnit">The mass-concentration unit (e.g. mg/dL).</param>
/// <param name="MolarUnit">The SI unit (e.g. umol/L).</param>
/// <param name="Factor">The conversion factor as the source states it: molar units per mass unit, or (when
/// <paramref name="FactorIsMassPerMolar"/>) mass units per molar unit. Kept as stated so conversions stay exact.</param>
/// <param name="FactorIsMassPerMolar">True when <paramref name="Factor"/> is mass units per molar unit (calcium).</param>
/// <param name="PlausibleMaxInMassUnit">Largest value accepted, in the mass unit: a data-error guard, not a clinical threshold.</param>
public sealed record Analyte(
    string Name,
    IReadOnlyList<string> Codes,
    string MassUnit,
    string MolarUnit,
    decimal Factor,
    bool FactorIsMassPerMolar,
    decimal PlausibleMaxInMassUnit)
{
    public decimal ToMolar(decimal massValue) => FactorIsMassPerMolar ? massValue / Factor : massValue * Factor;

    public decimal ToMass(decimal molarValue) => FactorIsMassPerMolar ? molarValue * Factor : molarValue / Factor;
}

/// <summary>The outcome of a conversion: a value in the requested unit, or an error a clinician can read.</summary>
public sealed record LabConversion(bool IsSuccess, decimal Value, string Unit, string? Error)
{
    public static LabConversion Ok(decimal value, string unit) => new(true, value, unit, null);
    public static LabConversion Fail(string error) => new(false, 0m, "", error);
}

/// <summary>
/// Converts lab values between units for an analyte identified by LOINC code. Pure and deterministic.
/// Failures (unknown code, unknown unit, a unit that does not belong to the analyte, an implausible value)
/// are returned as a failed <see cref="LabConversion"/> naming the unit and the code; <see cref="ConvertOrThrow"/>
/// throws <see cref="ArgumentException"/> with the same message. Values are not rounded here.
/// </summary>
public static class LabUnits
{
    // Creatinine: 1 mg/dL = 88.42 umol/L (clinical-reference.md R9, "Creatinine unit conversion").
    public const decimal CreatinineUmolPerLPerMgPerDl = 88.42m;

    // 25-OH vitamin D: 1 ng/mL = 2.496 nmol/L (clinical-reference.md R8, vitamin D gate).
    public const decimal VitaminDNmolPerLPerNgPerMl = 2.496m;

    // Calcium: 1 mmol/L = 4.008 mg/dL. NOT from clinical-reference.md: it follows from calcium's molar mass,
    // 40.08 g/mol (1 mmol/L = 40.08 mg/L = 4.008 mg/dL).
    public const decimal CalciumMgPerDlPerMmolPerL = 4.008m;

    // Plausibility maxima are generous data-error guards (a mistyped unit or a misplaced decimal point), far
    // outside any value seen in living patients; they are not clinical thresholds, which live in pathway parameters.
    public static readonly Analyte Creatinine = new(
        "creatinine", ["2160-0", "14682-9"], "mg/dL", "umol/L", CreatinineUmolPerLPerMgPerDl, FactorIsMassPerMolar: false, PlausibleMaxInMassUnit: 40m);

    public static readonly Analyte VitaminD = new(
        "25-OH vitamin D", ["62292-8", "14635-7"], "ng/mL", "nmol/L", VitaminDNmolPerLPerNgPerMl, FactorIsMassPerMolar: false, PlausibleMaxInMassUnit: 400m);

    public static readonly Analyte Calcium = new(
        "calcium", ["17861-6", "29265-6", "1995-0"], "mg/dL", "mmol/L", CalciumMgPerDlPerMmolPerL, FactorIsMassPerMolar: true, PlausibleMaxInMassUnit: 25m);

    // Albumin: 1 g/dL = 10 g/L (the units' definition: 1 dL = 0.1 L). Its LOINC code, 1751-7 (albumin, mass/volume, serum
    // or plasma), is NOT in clinical-reference.md: it is LOINC's (loinc.org/1751-7). The 10 g/dL maximum is the data-error
    // guard CorrectedCalcium already used.
    public static readonly Analyte Albumin = new(
        "albumin", ["1751-7"], "g/dL", "g/L", 10m, FactorIsMassPerMolar: false, PlausibleMaxInMassUnit: 10m);

    public static readonly IReadOnlyList<Analyte> Analytes = [Creatinine, VitaminD, Calcium, Albumin];

    /// <summary>The analyte a LOINC code belongs to, or null when the code is not one we convert.</summary>
    public static Analyte? AnalyteFor(string loincCode) =>
        Analytes.FirstOrDefault(a => a.Codes.Contains(loincCode?.Trim() ?? "", StringComparer.Ordinal));

    /// <summary>
    /// Converts <paramref name="value"/> from <paramref name="fromUnit"/> to <paramref name="toUnit"/> for the analyte
    /// of <paramref name="loincCode"/>. Units match case-insensitively; "µ"/"μ" are read as "u" (µmol/L = umol/L).
    /// Any unit of the analyte is accepted under any of its codes. Values must be above zero and at most the
    /// analyte's plausible maximum.
    /// </summary>
    public static LabConversion Convert(string loincCode, decimal value, string fromUnit, string toUnit)
    {
        var analyte = AnalyteFor(loincCode);
        if (analyte is null)
        {
            return LabConversion.Fail($"Lab code '{loincCode}' is not one whose units CarePathway converts (known: {string.Join(", ", Analytes.SelectMany(a => a.Codes))}).");
        }

        var from = Canonical(analyte, fromUnit);
        if (from is null)
        {
            return LabConversion.Fail(UnitError(analyte, loincCode, fromUnit));
        }

        var to = Canonical(analyte, toUnit);
        if (to is null)
        {
            return LabConversion.Fail(UnitError(analyte, loincCode, toUnit));
        }

        var inMass = from == analyte.MassUnit ? value : analyte.ToMass(value);
        if (value <= 0m || inMass > analyte.PlausibleMaxInMassUnit)
        {
            var max = from == analyte.MassUnit
                ? analyte.PlausibleMaxInMassUnit
                : analyte.ToMolar(analyte.PlausibleMaxInMassUnit);
            return LabConversion.Fail(
                $"Implausible {analyte.Name} value {value} {from} (code {loincCode}): accepted values are above 0 and at most {ClinicalFormat.N(max)} {from}.");
        }

        var result = to == from ? value : (to == analyte.MassUnit ? inMass : analyte.ToMolar(value));
        return LabConversion.Ok(result, to);
    }

    /// <summary>As <see cref="Convert"/>, but throws <see cref="ArgumentException"/> with the same message on failure.</summary>
    public static decimal ConvertOrThrow(string loincCode, decimal value, string fromUnit, string toUnit)
    {
        var result = Convert(loincCode, value, fromUnit, toUnit);
        return result.IsSuccess ? result.Value : throw new ArgumentException(result.Error);
    }

    private static string UnitError(Analyte analyte, string code, string unit) =>
        $"Unit '{unit}' is not a unit of {analyte.Name} (code {code}); expected {analyte.MassUnit} or {analyte.MolarUnit}.";

    /// <summary>A unit as typed, in the catalog's alphabet: trimmed, with "µ" (micro sign) and "μ" (Greek mu) read as "u".</summary>
    public static string Spelling(string? unit) => (unit ?? "").Trim().Replace('µ', 'u').Replace('μ', 'u');

    /// <summary>The analyte's unit <paramref name="unit"/> names, in its canonical spelling (matched case-insensitively), or null.</summary>
    public static string? Canonical(Analyte analyte, string? unit)
    {
        var normal = Spelling(unit);
        if (normal.Length == 0)
        {
            return null;
        }

        if (string.Equals(normal, analyte.MassUnit, StringComparison.OrdinalIgnoreCase))
        {
            return analyte.MassUnit;
        }

        return string.Equals(normal, analyte.MolarUnit, StringComparison.OrdinalIgnoreCase) ? analyte.MolarUnit : null;
    }
}
