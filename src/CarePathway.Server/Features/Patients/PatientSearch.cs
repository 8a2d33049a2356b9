using CarePathway.Server.Persistence;

namespace CarePathway.Server.Features.Patients;

/// <summary>A patient search by text: found in the MRN, the family or the given name, any case. The patient list and the worklist's patient filter use it.</summary>
internal static class PatientSearch
{
    public static IQueryable<Patient> Matching(this IQueryable<Patient> patients, string text)
    {
        var s = text.Trim().ToLowerInvariant();
        // EF translates ToLower()+Contains to SQL on both providers; the StringComparison overloads are not translated.
#pragma warning disable CA1862
        return patients.Where(p => p.Mrn.ToLower().Contains(s) || p.FamilyName.ToLower().Contains(s) || p.GivenName.ToLower().Contains(s));
#pragma warning restore CA1862
    }
}
