using CarePathway.Engine.Execution;
using CarePathway.Engine.Validation;
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
        if (!WireNames.TryParse<PatientSex>(sex, out _))
            yield return new(null, "sex", "must be female, male, other or unknown");
    }
}
