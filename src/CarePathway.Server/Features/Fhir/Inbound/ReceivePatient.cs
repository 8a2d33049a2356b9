using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Features.Patients;
using CarePathway.Server.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CarePathway.Server.Features.Fhir.Inbound;

/// <summary>
/// Takes in a Patient by its MRN through the product's own commands: <see cref="CreatePatient"/> when the MRN is new,
/// otherwise <see cref="UpdatePatient"/> of its name, birth date and sex (the diagnosis and facts are the product's own
/// and stay as they are). The same identifier and version sent again, or details that are already so, change nothing.
/// </summary>
public sealed record ReceivePatient(InboundPatient Patient) : ICommand<EntryOutcome>
{
    public string AuditAction => "fhir.patient";
    public string? AuditTarget => Patient.Mrn;
}

internal sealed class ReceivePatientHandler(CarePathwayDbContext db, IMediator mediator, ICurrentUser user, TimeProvider clock, IOptions<FhirOptions> options)
    : IRequestHandler<ReceivePatient, EntryOutcome>
{
    private const string FhirPatient = nameof(Hl7.Fhir.Model.Patient);

    private static readonly Dictionary<string, string> Elements = new(StringComparer.Ordinal)
    {
        ["mrn"] = "Patient.identifier", ["givenName"] = "Patient.name.given", ["familyName"] = "Patient.name.family",
        ["birthDate"] = "Patient.birthDate", ["sex"] = "Patient.gender", ["service"] = "Patient.extension",
    };

    public async Task<EntryOutcome> Handle(ReceivePatient request, CancellationToken cancellationToken)
    {
        var inbound = request.Patient;
        var identifier = "mrn|" + inbound.Mrn;
        if (await db.FhirReceipts.AsNoTracking().FirstOrDefaultAsync(r => r.ResourceType == FhirPatient && r.Identifier == identifier && r.Version == inbound.Version, cancellationToken) is { } same)
            return new EntryOutcome(FhirPatient, same.RecordId, same.PatientId, same.Version, EntryResult.Unchanged, []);

        var existing = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Mrn == inbound.Mrn, cancellationToken);
        if (existing is not null && (inbound.OnlyIfNone || IsAlready(existing, inbound)))
            return new EntryOutcome(FhirPatient, existing.Id, existing.Id, inbound.Version, EntryResult.Unchanged, []);

        var patientId = await ProductRefusals.AsFhirAsync(async () => existing is null
            ? (await mediator.Send(new CreatePatient(inbound.Mrn, inbound.GivenName, inbound.FamilyName, inbound.BirthDate, inbound.Sex ?? "unknown", null, null, null, null,
                inbound.Service ?? options.Value.DefaultService), cancellationToken)).Id
            : (await mediator.Send(new UpdatePatient(existing.Id, inbound.GivenName, inbound.FamilyName, inbound.BirthDate, inbound.Sex ?? "unknown",
                existing.Diagnosis, JsonNode.Parse(existing.FactsJson) as JsonObject, existing.RowVersion), cancellationToken)).Id, Elements, FhirPatient);

        var now = clock.GetUtcNow();
        db.FhirReceipts.Add(new FhirReceipt
        {
            Id = Guid.CreateVersion7(now), ResourceType = FhirPatient, Identifier = identifier, Version = inbound.Version, Status = "active",
            RecordId = patientId, PatientId = patientId, ReceivedAt = now, ReceivedBy = user.Name,
        });
        await db.SaveChangesAsync(cancellationToken);
        return new EntryOutcome(FhirPatient, patientId, patientId, inbound.Version, existing is null ? EntryResult.Created : EntryResult.Updated, []);
    }

    private static bool IsAlready(Persistence.Patient patient, InboundPatient inbound) =>
        patient.GivenName == inbound.GivenName?.Trim() && patient.FamilyName == inbound.FamilyName?.Trim()
        && patient.BirthDate == inbound.BirthDate && patient.Sex.WireName() == (inbound.Sex ?? "unknown");
}
