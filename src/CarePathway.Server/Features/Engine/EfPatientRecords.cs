using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Patients;
using CarePathway.Engine.Runtime;
using CarePathway.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Engine;

/// <summary>
/// The runtime's patient records over EF Core: what the engine may know about a patient, built from the stored
/// record and histories, and the rows a new lab result, measurement or assessment is stored in.
/// </summary>
internal sealed class EfPatientRecords(CarePathwayDbContext db, TimeProvider clock) : IPatientRecords
{
    /// <remarks>
    /// Histories come in the order they were recorded (ids are version-7 GUIDs from the clock, ordered to the
    /// millisecond), so of two entries observed at the same moment the engine takes the later one as the latest.
    /// </remarks>
    public async Task<PatientContext?> LoadPatientAsync(Guid patientId, CancellationToken ct)
    {
        var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, ct);
        if (patient is null) return null;
        var facts = JsonNode.Parse(patient.FactsJson) as JsonObject ?? [];
        return new PatientContext
        {
            PatientId = patient.Id,
            BirthDate = patient.BirthDate,
            Sex = patient.Sex.WireName(),
            Diagnosis = patient.Diagnosis,
            Facts = facts.ToDictionary(f => f.Key, f => f.Value?.DeepClone(), StringComparer.Ordinal),
            Measurements = [.. (await db.PatientMeasurements.AsNoTracking().Where(m => m.PatientId == patientId).OrderBy(m => m.Id).ToListAsync(ct))
                .Select(m => new Measurement(m.Kind, m.Value, m.Unit, m.MeasuredAt))],
            // A result entered in error counts nowhere; a preliminary one not until its final result replaces it.
            Labs = [.. (await db.LabResults.AsNoTracking()
                    .Where(l => l.PatientId == patientId && l.EnteredInErrorAt == null && (l.Status == null || l.Status != LabResultStatuses.Preliminary)).OrderBy(l => l.Id).ToListAsync(ct))
                .Select(l => new LabObservation(l.Code, l.Value, l.Unit, l.ObservedAt))],
            Assessments = [.. (await db.Assessments.AsNoTracking().Where(a => a.PatientId == patientId).OrderBy(a => a.Id).ToListAsync(ct))
                .Select(a => new AssessmentObservation(a.Name, a.Value, a.ObservedAt))],
            // Every course's doses, read from the instances that recorded them (the course is where a dose is recorded).
            Administrations = [.. (await db.WorkflowInstances.AsNoTracking().Where(i => i.PatientId == patientId).OrderBy(i => i.Id)
                    .Select(i => i.StateJson).ToListAsync(ct))
                .Select(InstanceState.FromJson)
                .SelectMany(state => PatientAdministration.RecordedBy(state.InstanceId, state.Course))],
        };
    }

    public Task<DateOnly?> BirthDateAsync(Guid patientId, CancellationToken ct) =>
        db.Patients.Where(p => p.Id == patientId).Select(p => (DateOnly?)p.BirthDate).SingleOrDefaultAsync(ct);

    /// <summary>Marks the row and saves it, so the history loaded next (in the same transaction) no longer holds it.</summary>
    public async Task<LabWithdrawn> WithdrawLabAsync(Guid patientId, Guid labId, string by, string reason, DateTimeOffset at, CancellationToken ct)
    {
        var lab = await db.LabResults.SingleOrDefaultAsync(l => l.Id == labId && l.PatientId == patientId, ct)
            ?? throw new NotFoundException($"lab result {labId} of patient {patientId}");
        if (lab.EnteredInErrorAt is { } marked)
            throw new ConflictException($"lab result {labId} was marked entered in error already, by {lab.EnteredInErrorBy}", new { enteredInErrorAt = marked, lab.EnteredInErrorBy, lab.EnteredInErrorReason });
        (lab.EnteredInErrorAt, lab.EnteredInErrorBy, lab.EnteredInErrorReason) = (at, by, reason);
        await db.SaveChangesAsync(ct);
        return new LabWithdrawn(lab.Code, lab.ObservedAt, by, reason);
    }

    /// <summary>Adds the record's row and saves it, so the history loaded next (in the same transaction) holds it.</summary>
    public async Task<Guid> RecordAsync(Guid patientId, PatientObservation observation, DateTimeOffset observedAt, string recordedBy, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        switch (observation)
        {
            case LabObserved lab:
                db.LabResults.Add(new LabResult
                {
                    Id = id, PatientId = patientId, Code = lab.Code, Value = lab.Value, Unit = lab.Unit,
                    ObservedAt = observedAt, RecordedAt = now, RecordedBy = recordedBy,
                });
                break;
            case MeasurementObserved measurement:
                db.PatientMeasurements.Add(new PatientMeasurement
                {
                    Id = id, PatientId = patientId, Kind = measurement.Kind, Value = measurement.Value, Unit = measurement.Unit,
                    MeasuredAt = observedAt, RecordedBy = recordedBy,
                });
                break;
            case AssessmentObserved assessment:
                db.Assessments.Add(new Assessment
                {
                    Id = id, PatientId = patientId, Name = assessment.Name, Value = assessment.Text, ObservedAt = observedAt, RecordedBy = recordedBy,
                });
                break;
            default:
                throw new ArgumentException($"no table keeps a {observation.GetType().Name}", nameof(observation));
        }

        await db.SaveChangesAsync(ct);
        return id;
    }
}
