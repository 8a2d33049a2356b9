using CarePathway.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Fhir.Inbound;

/// <summary>Finds the patient an Observation is about: by our id, or by MRN; a patient this server does not have is refused on <c>Observation.subject</c>.</summary>
internal sealed class FhirSubjects(CarePathwayDbContext db)
{
    public async Task<Guid> FindAsync(SubjectReference subject, CancellationToken ct)
    {
        var found = subject switch
        {
            { PatientId: { } id } => await db.Patients.Where(p => p.Id == id).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(ct),
            { Mrn: { } mrn } => await db.Patients.Where(p => p.Mrn == mrn).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(ct),
            _ => throw FhirRefusedException.Invalid("Observation.subject", $"refers to {subject.BundleEntry}, which is no Patient entry of this transaction"),
        };
        return found ?? throw FhirRefusedException.Invalid("Observation.subject",
            $"no patient {(subject.Mrn is { } m ? $"with MRN {m}" : subject.PatientId.ToString())} is known here: send the Patient first (or in the same transaction)");
    }
}
