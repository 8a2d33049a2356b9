using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Runtime;
using CarePathway.Engine.Validation;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Patients;

/// <summary>
/// Corrects a patient's details and facts (facts drive decisions, e.g. vertebral involvement).
/// <see cref="RowVersion"/> is the version the editor loaded; a save over someone else's is 409.
/// Weight and height are not edited here: they are a history, recorded as measurements.
/// </summary>
public sealed record UpdatePatient(Guid Id, string? GivenName, string? FamilyName, DateOnly? BirthDate, string? Sex,
    string? Diagnosis, JsonObject? Facts, long? RowVersion) : ICommand<PatientDetail>, IValidatable
{
    public string AuditAction => "patient.update";
    public string? AuditTarget => Id.ToString();

    public IEnumerable<ValidationProblem> Validate()
    {
        foreach (var problem in PatientRules.CheckDetails(GivenName, FamilyName, BirthDate, Sex)) yield return problem;
        if (RowVersion is null) yield return new(null, "rowVersion", "is required: send the rowVersion you loaded");
    }
}

internal sealed class UpdatePatientHandler(CarePathwayDbContext db, IMediator mediator, TimeProvider clock) : IRequestHandler<UpdatePatient, PatientDetail>
{
    public async Task<PatientDetail> Handle(UpdatePatient request, CancellationToken cancellationToken)
    {
        PatientRules.RefuseFutureBirthDate(request.BirthDate!.Value, clock);
        var patient = await db.Patients.SingleOrDefaultAsync(p => p.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException($"patient {request.Id}");
        if (patient.RowVersion != request.RowVersion)
            throw new ConflictException("someone else changed this patient since you opened it; reload it (your changes are not saved)", new { patient.RowVersion });
        if (request.BirthDate > patient.BirthDate) await RefuseBirthAfterObservationsAsync(patient.Id, request.BirthDate!.Value, cancellationToken);
        patient.GivenName = request.GivenName!.Trim();
        patient.FamilyName = request.FamilyName!.Trim();
        patient.BirthDate = request.BirthDate!.Value;
        patient.Sex = WireNames.Parse<PatientSex>(request.Sex!);
        patient.Diagnosis = request.Diagnosis?.Trim() ?? "";
        patient.FactsJson = (request.Facts ?? []).ToJsonString();
        await db.SaveChangesAsync(cancellationToken);
        return await mediator.Send(new GetPatient(patient.Id), cancellationToken);
    }

    /// <summary>
    /// A birth date corrected to a later day must not leave results recorded before the patient was born: they were
    /// accepted against the old date, and ages, renal formulas and eligibility would now be worked out from a record
    /// that cannot be. A result marked entered in error counts nowhere, so it does not stand in the way.
    /// </summary>
    private async Task RefuseBirthAfterObservationsAsync(Guid patientId, DateOnly birthDate, CancellationToken ct)
    {
        var born = ObservationTimes.FirstInstantOf(birthDate);
        // Loaded and compared here: SQLite cannot compare DateTimeOffset values in SQL, and a patient's record is small.
        var observed = (await db.LabResults.Where(l => l.PatientId == patientId && l.EnteredInErrorAt == null).Select(l => l.ObservedAt).ToListAsync(ct))
            .Concat(await db.PatientMeasurements.Where(m => m.PatientId == patientId).Select(m => m.MeasuredAt).ToListAsync(ct))
            .Concat(await db.Assessments.Where(a => a.PatientId == patientId).Select(a => a.ObservedAt).ToListAsync(ct))
            .Where(at => at < born)
            .ToList();
        if (observed.Count > 0)
            throw RequestValidationException.Field("birthDate",
                $"is after {observed.Count} recorded observation(s), the first on {observed.Min().UtcDateTime:yyyy-MM-dd}: correct or mark those in error first", unprocessable: true);
    }
}
