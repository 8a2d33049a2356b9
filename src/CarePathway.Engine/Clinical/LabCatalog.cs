namespace CarePathway.Engine.Clinical;

/// <summary>A lab test the pathways use: its LOINC code, the unit rules compare it in, and the codes that report the same thing.</summary>
/// <param name="Code">LOINC code (clinical-reference.md, lab table).</param>
/// <param name="Name">The test's name as shown to clinicians (e.g. "Creatinine").</param>
/// <param name="UsualUnit">The unit a rule naming this code compares in; results in another unit of the analyte are converted to it.</param>
/// <param name="SameMeasurementAs">Codes that report the same measurement in another unit (creatinine by mass or by moles).</param>
public sealed record LabTest(string Code, string Name, string UsualUnit, IReadOnlyList<string> SameMeasurementAs);

/// <summary>
/// The lab codes CarePathway knows. A result is checked and converted here before any rule sees it:
/// a rule written against <c>lab("2160-0")</c> (creatinine, mg/dL) also sees a creatinine reported as
/// 14682-9 in umol/L, converted; a unit that is not one of the test's is refused, never compared as a
/// bare number. A code not listed is refused: nothing could check its unit or value, and a mistyped code
/// would be shown on a trend as a test of its own. A test a pathway needs is added here, with its source.
/// </summary>
public static class LabCatalog
{
    public static readonly IReadOnlyList<LabTest> Tests =
    [
        new("2160-0", "creatinine", "mg/dL", ["14682-9"]),
        new("14682-9", "creatinine", "umol/L", ["2160-0"]),
        new("17861-6", "calcium", "mg/dL", []),
        new("29265-6", "corrected calcium", "mmol/L", []),
        new("1995-0", "ionized calcium", "mmol/L", []),
        // Not in the reference's table: LOINC's serum albumin code, needed for corrected calcium (R8) when the lab does not report it.
        new(CorrectedCalcium.AlbuminCode, "albumin", "g/dL", []),
        new("19123-9", "magnesium", "mg/dL", []),
        new("2601-3", "magnesium", "mmol/L", []),
        new("2777-1", "phosphate", "mg/dL", []),
        new("9318-7", "urine albumin/creatinine", "mg/g", []),
        new("62292-8", "25-OH vitamin D", "ng/mL", ["14635-7"]),
        new("14635-7", "25-OH vitamin D", "nmol/L", ["62292-8"]),
    ];

    private static readonly Dictionary<string, LabTest> ByCode = Tests.ToDictionary(t => t.Code, StringComparer.Ordinal);

    public static LabTest? Find(string code) => ByCode.GetValueOrDefault(code);

    /// <summary>
    /// The codes a result under <paramref name="code"/> can be calculated from when the laboratory does not report it
    /// (corrected calcium from total calcium and albumin, R8), or none.
    /// </summary>
    public static IReadOnlyList<string> CalculatedFrom(string code) =>
        code == CorrectedCalcium.Code ? [CorrectedCalcium.TotalCalciumCode, CorrectedCalcium.AlbuminCode] : [];

    /// <summary>
    /// The units a result under <paramref name="code"/> is accepted in, its usual unit first: both units of an analyte that
    /// converts (creatinine in mg/dL or umol/L), else the usual unit alone; none for a code not listed.
    /// </summary>
    public static IReadOnlyList<string> UnitsOf(string code)
    {
        if (Find(code) is not { } test) return [];
        return LabUnits.AnalyteFor(code) is { } analyte
            ? [test.UsualUnit, .. new[] { analyte.MassUnit, analyte.MolarUnit }.Where(u => u != test.UsualUnit)]
            : [test.UsualUnit];
    }

    /// <summary>The readable name of a code for explanations, or the code itself when it is not one we know.</summary>
    public static string NameOf(string code) => Find(code)?.Name ?? code;

    /// <summary>True when a result under <paramref name="recorded"/> answers a request for <paramref name="wanted"/>.</summary>
    public static bool Answers(string recorded, string wanted) =>
        recorded == wanted || (Find(wanted) is { } test && test.SameMeasurementAs.Contains(recorded, StringComparer.Ordinal));

    /// <summary>Why a code is refused when it is not one of <see cref="Tests"/>: the message lists the codes that are.</summary>
    public static string UnknownCode(string code) =>
        $"Unknown lab code '{code}': known codes are {string.Join(", ", Tests.Select(t => $"{t.Code} ({t.Name}, {t.UsualUnit})"))}.";

    /// <summary>
    /// The unit as the catalog spells it (<c>MG/DL</c> is mg/dL, <c>µmol/L</c> umol/L), or null when it is not a unit of
    /// <paramref name="code"/>: results are stored in this spelling, so one unit never shows two ways.
    /// </summary>
    public static string? CanonicalUnit(string code, string? unit)
    {
        if (Find(code) is not { } test) return null;
        if (LabUnits.AnalyteFor(code) is { } analyte) return LabUnits.Canonical(analyte, unit);
        return string.Equals(LabUnits.Spelling(unit), test.UsualUnit, StringComparison.OrdinalIgnoreCase) ? test.UsualUnit : null;
    }

    /// <summary>
    /// Checks a result as recorded and returns it in the unit rules use for <paramref name="code"/>: converted when
    /// the analyte has known conversions, otherwise only its usual unit is accepted. An unknown code is refused.
    /// </summary>
    public static LabConversion Normalize(string code, decimal value, string unit)
    {
        if (string.IsNullOrWhiteSpace(unit)) return LabConversion.Fail($"A unit is required for lab code '{code}'.");
        if (Find(code) is not { } test) return LabConversion.Fail(UnknownCode(code));
        if (LabUnits.AnalyteFor(code) is not null) return LabUnits.Convert(code, value, unit, test.UsualUnit);
        if (CanonicalUnit(code, unit) is null)
            return LabConversion.Fail($"Unit '{unit}' is not a unit of {test.Name} (code {code}); expected {test.UsualUnit}.");
        return value > 0m ? LabConversion.Ok(value, test.UsualUnit) : LabConversion.Fail($"Implausible {test.Name} value {value} {test.UsualUnit} (code {code}): it must be above 0.");
    }

    /// <summary>
    /// Converts a result recorded under <paramref name="recordedCode"/> to the unit a rule on <paramref name="wantedCode"/> uses
    /// (the same measurement reported by mass or by moles).
    /// </summary>
    public static LabConversion ConvertFor(string wantedCode, string recordedCode, decimal value, string unit) =>
        recordedCode == wantedCode || Find(wantedCode) is null
            ? Normalize(wantedCode, value, unit)
            : LabUnits.Convert(wantedCode, value, unit, Find(wantedCode)!.UsualUnit);

    /// <summary>
    /// A result recorded under <paramref name="recordedCode"/> as a rule on <paramref name="wantedCode"/> reads it: in the
    /// rule's unit (4 dp) when it converts, otherwise as recorded, so values of one code are never mixed across units.
    /// </summary>
    public static (decimal Value, string Unit) ReadAs(string wantedCode, string recordedCode, decimal value, string unit)
    {
        var converted = ConvertFor(wantedCode, recordedCode, value, unit);
        return converted.IsSuccess && converted.Unit != unit ? (ClinicalFormat.Computed(converted.Value), converted.Unit) : (value, unit);
    }
}
