using CarePathway.Server.Security;

namespace CarePathway.Server.Features.Fhir;

/// <summary>
/// Who may do what at <c>/fhir</c>, in one place. Writing (labs, weights, patients) is for the people who record them
/// today, clinicians and coordinators, signed in with the product's bearer tokens; reading is for any signed-in user (the
/// fallback policy). When machine clients with scopes land, the write policy becomes a scope check (<c>labs:write</c>)
/// here and nowhere else.
/// </summary>
internal static class FhirAuthorization
{
    public const string Write = Policies.ClinicalStaff;
}
