using System.Globalization;

namespace CarePathway.Engine.Clinical;

/// <summary>Number formatting for clinician-facing explanations: invariant culture, no trailing zeros.</summary>
internal static class ClinicalFormat
{
    /// <summary>Rounds half away from zero to <paramref name="decimals"/> places and drops trailing zeros.</summary>
    public static string N(decimal value, int decimals = 2) =>
        Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("0.##########", CultureInfo.InvariantCulture);

    /// <summary>Always shows exactly one decimal place (for results such as 40.1 mL/min).</summary>
    public static string One(decimal value) =>
        Math.Round(value, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>
    /// A computed value (a converted lab, a clearance) kept to 4 decimal places, far below any lab's precision, with
    /// trailing zeros dropped so explanations read "1.1 mg/dL", not "1.1000 mg/dL". Rules compare this value.
    /// </summary>
    public static decimal Computed(decimal value) => Math.Round(value, 4, MidpointRounding.AwayFromZero) / 1.0000000000000000000000000000m;

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
