using CarePathway.Engine.Execution;
using CarePathway.Engine.Runtime;
using CarePathway.Engine.Validation;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Persistence;

namespace CarePathway.Server.Features.Patients;

/// <summary>The checks a patient's identifying details must pass, on creation and on every correction.</summary>
internal static class PatientRules
{
    public static IEnumerable<ValidationProblem> CheckDetails(string? givenName, string? familyName, DateOnly? birthDate, string? sex)
    {
        if (string.IsNullOrWhiteSpace(givenName)) yield return new(null, "givenName", "is required");
        if (string.IsNullOrWhiteSpace(familyName)) yield return new(null, "familyName", "is required");
        if (birthDate is null) yield return new(null, "birthDate", "is required (yyyy-mm-dd)");
        else if (birthDate < ClinicalDates.Earliest) yield return new(null, "birthDate", $"must not be before {ClinicalDates.Earliest:yyyy-MM-dd}");
        if (!WireNames.TryParse<PatientSex>(sex, out _))
            yield return new(null, "sex", "must be female, male, other or unknown");
    }

    /// <summary>
    /// A birth date after today is a typo (2100 for 2010), and ages and doses would be computed from it.
    /// Today is taken a day ahead of UTC, so a birth recorded where the day has already begun is accepted.
    /// </summary>
    public static void RefuseFutureBirthDate(DateOnly birthDate, TimeProvider clock)
    {
        var latest = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(1);
        if (birthDate > latest) throw RequestValidationException.Field("birthDate", "must not be in the future");
    }
}
