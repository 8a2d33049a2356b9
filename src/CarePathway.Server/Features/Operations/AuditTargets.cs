using CarePathway.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Operations;

/// <summary>
/// The audit targets that concern one patient. A command audits the id it acts on (<c>ICommand.AuditTarget</c>):
/// the patient itself or its MRN, one of its labs, measurements, assessments, tasks or instances, an incident as
/// <c>instance/incident</c>, a start as <c>definition/patient</c> (matched by its ending). Resolved when searching, so
/// the audit rows stay as they were written.
/// </summary>
internal static class AuditTargets
{
    public static async Task<List<string>> OfPatientAsync(CarePathwayDbContext db, Guid patientId, CancellationToken ct)
    {
        var ids = new List<Guid> { patientId };
        ids.AddRange(await db.LabResults.Where(x => x.PatientId == patientId).Select(x => x.Id).ToListAsync(ct));
        ids.AddRange(await db.PatientMeasurements.Where(x => x.PatientId == patientId).Select(x => x.Id).ToListAsync(ct));
        ids.AddRange(await db.Assessments.Where(x => x.PatientId == patientId).Select(x => x.Id).ToListAsync(ct));
        ids.AddRange(await db.HumanTasks.Where(x => x.PatientId == patientId).Select(x => x.Id).ToListAsync(ct));
        var instances = await db.WorkflowInstances.Where(x => x.PatientId == patientId).Select(x => x.Id).ToListAsync(ct);
        ids.AddRange(instances);
        var targets = ids.Select(id => id.ToString()).ToList();
        targets.AddRange(await db.Patients.Where(x => x.Id == patientId).Select(x => x.Mrn).ToListAsync(ct));
        targets.AddRange((await db.Incidents.Where(x => instances.Contains(x.InstanceId)).Select(x => new { x.InstanceId, x.Id }).ToListAsync(ct))
            .Select(x => $"{x.InstanceId}/{x.Id}"));
        return targets;
    }
}
