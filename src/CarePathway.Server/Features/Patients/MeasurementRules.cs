using CarePathway.Engine.Patients;
using CarePathway.Engine.Validation;
using CarePathway.Server.Persistence;

namespace CarePathway.Server.Features.Patients;

/// <summary>
/// Plausibility limits for measurements: a value outside them is almost certainly a typo or a
/// unit mix-up (grams for kilograms), and a dose would be computed from it.
/// </summary>
internal static class MeasurementRules
{
    public static IEnumerable<ValidationProblem> Check(string field, string kind, decimal? value)
    {
        if (value is not { } v) yield break;
        var (min, max, unit) = kind == MeasurementKinds.Weight ? (0.3m, 350m, "kg") : (20m, 250m, "cm");
        if (v < min || v > max) yield return new(null, field, $"{v} {unit} is not a plausible {kind} ({min}-{max} {unit})");
    }

    public static string UnitOf(string kind) => kind == MeasurementKinds.Weight ? "kg" : "cm";
}
