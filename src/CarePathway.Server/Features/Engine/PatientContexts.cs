using System.Text.Json.Nodes;
using CarePathway.Engine.Patients;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Engine;

/// <summary>Builds what the engine may know about a patient from the stored record and histories.</summary>
internal sealed class PatientContexts(CarePathwayDbContext db)
{
    public async Task<PatientContext> LoadAsync(Guid patientId, CancellationToken ct)
    {
        var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, ct)
            ?? throw new NotFoundException($"patient {patientId}");
        var facts = JsonNode.Parse(patient.FactsJson) as JsonObject ?? [];
        return new PatientContext
        {
            PatientId = patient.Id,
            BirthDate = patient.BirthDate,
            Sex = patient.Sex,
            Diagnosis = patient.Diagnosis,
            Facts = facts.ToDictionary(f => f.Key, f => f.Value?.DeepClone(), StringComparer.Ordinal),
            Measurements = [.. (await db.PatientMeasurements.AsNoTracking().Where(m => m.PatientId == patientId).ToListAsync(ct))
                .Select(m => new Measurement(m.Kind, m.Value, m.Unit, m.MeasuredAt))],
            Labs = [.. (await db.LabResults.AsNoTracking().Where(l => l.PatientId == patientId).ToListAsync(ct))
                .Select(l => new LabObservation(l.Code, l.Value, l.Unit, l.ObservedAt))],
            Assessments = [.. (await db.Assessments.AsNoTracking().Where(a => a.PatientId == patientId).ToListAsync(ct))
                .Select(a => new AssessmentObservation(a.Name, a.Value, a.ObservedAt))],
        };
    }
}
