using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Patients;
using CarePathway.Engine.Runtime;
using CarePathway.Engine.Validation;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Features.Services;
using CarePathway.Server.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Patients;

public sealed record CreatePatient(
    string? Mrn, string? GivenName, string? FamilyName, DateOnly? BirthDate, string? Sex, string? Diagnosis,
    JsonObject? Facts, decimal? WeightKg, decimal? HeightCm, string? Service) : ICommand<PatientSummary>, IValidatable
{
    public string AuditAction => "patient.create";
    public string? AuditTarget => Mrn;

    public IEnumerable<ValidationProblem> Validate()
    {
        if (string.IsNullOrWhiteSpace(Mrn)) yield return new(null, "mrn", "is required");
        else if (Mrn.Length > 50) yield return new(null, "mrn", "must be at most 50 characters");
        if (string.IsNullOrWhiteSpace(Service)) yield return new(null, "service", "is required: the service whose staff care for the patient");
        foreach (var problem in PatientRules.CheckDetails(GivenName, FamilyName, BirthDate, Sex)) yield return problem;
        foreach (var problem in MeasurementRules.Check("weightKg", MeasurementKinds.Weight, WeightKg)) yield return problem;
        foreach (var problem in MeasurementRules.Check("heightCm", MeasurementKinds.Height, HeightCm)) yield return problem;
    }
}

internal sealed class CreatePatientHandler(CarePathwayDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<CreatePatient, PatientSummary>
{
    public async Task<PatientSummary> Handle(CreatePatient request, CancellationToken cancellationToken)
    {
        PatientRules.RefuseFutureBirthDate(request.BirthDate!.Value, clock);
        if (await db.Patients.AnyAsync(p => p.Mrn == request.Mrn, cancellationToken))
            throw new ConflictException($"a patient with MRN {request.Mrn} already exists");
        var service = (await ServiceCodes.CheckKnownAsync(db, [request.Service!], "service", cancellationToken))[0];
        var now = clock.GetUtcNow();
        var patient = new Patient
        {
            Id = Guid.CreateVersion7(now),
            Mrn = request.Mrn!.Trim(),
            GivenName = request.GivenName!.Trim(),
            FamilyName = request.FamilyName!.Trim(),
            BirthDate = request.BirthDate!.Value,
            Sex = WireNames.Parse<PatientSex>(request.Sex!),
            Diagnosis = request.Diagnosis?.Trim() ?? "",
            ServiceCode = service,
            FactsJson = (request.Facts ?? []).ToJsonString(),
            CreatedAt = now,
        };
        db.Patients.Add(patient);
        AddMeasurement(patient.Id, MeasurementKinds.Weight, request.WeightKg, "kg", now);
        AddMeasurement(patient.Id, MeasurementKinds.Height, request.HeightCm, "cm", now);
        await db.SaveChangesAsync(cancellationToken);
        return PatientQueries.Summary(patient);
    }

    private void AddMeasurement(Guid patientId, string kind, decimal? value, string unit, DateTimeOffset now)
    {
        if (value is not { } v) return;
        db.PatientMeasurements.Add(new PatientMeasurement { Id = Guid.CreateVersion7(now), PatientId = patientId, Kind = kind, Value = v, Unit = unit, MeasuredAt = now, RecordedBy = user.Name });
    }
}
