namespace CarePathway.Engine.Definitions;

/// <summary>
/// Units a number parameter may carry. A unit outside this list is a validation error, so a typo
/// ("mg/dl", "mgkg") cannot silently make two quantities incomparable.
/// </summary>
public static class Units
{
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "mg", "g", "mg/kg", "mg/kg/day", "mg/kg/cycle", "mg/kg/year", "mg/m2",
        "kg", "cm", "years", "%", "ratio",
        "mg/dL", "umol/L", "mmol/L", "nmol/L", "ng/mL", "g/dL", "g/L", "mg/g",
        "mL/min", "mL/min/1.73m2", "minutes", "hours", "doses", "cycles",
    };

    /// <summary>Time units belong in duration parameters, where the engine can add them to dates.</summary>
    public static readonly IReadOnlySet<string> TimeLike = new HashSet<string>(StringComparer.Ordinal)
    {
        "minutes", "hours", "days", "weeks", "months",
    };
}
