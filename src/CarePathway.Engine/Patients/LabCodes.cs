namespace CarePathway.Engine.Patients;

/// <summary>
/// LOINC codes the pathways use, with the short name a clinician reads in explanations.
/// Codes from ../shared/clinical-reference.md ("Lab codes (LOINC) and units").
/// </summary>
public static class LabCodes
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["2160-0"] = "creatinine",
        ["14682-9"] = "creatinine",
        ["17861-6"] = "calcium",
        ["29265-6"] = "corrected calcium",
        ["1995-0"] = "ionized calcium",
        ["19123-9"] = "magnesium",
        ["2601-3"] = "magnesium",
        ["2777-1"] = "phosphate",
        ["9318-7"] = "urine albumin/creatinine",
        ["62292-8"] = "25-OH vitamin D",
        ["14635-7"] = "25-OH vitamin D3",
    };

    /// <summary>The readable name of a code, or the code itself when it is not one we know.</summary>
    public static string NameOf(string code) => Names.GetValueOrDefault(code, code);
}
