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
        patient.GivenName = request.GivenName!.Trim();
        patient.FamilyName = request.FamilyName!.Trim();
        patient.BirthDate = request.BirthDate!.Value;
        patient.Sex = WireNames.Parse<PatientSex>(request.Sex!);
        patient.Diagnosis = request.Diagnosis?.Trim() ?? "";
        patient.FactsJson = (request.Facts ?? []).ToJsonString();
        await db.SaveChangesAsync(cancellationToken);
        return await mediator.Send(new GetPatient(patient.Id), cancellationToken);
    }
}
