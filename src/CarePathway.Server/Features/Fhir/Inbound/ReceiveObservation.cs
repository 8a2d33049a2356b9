using CarePathway.Server.Features.Common;
using CarePathway.Server.Features.Events;
using CarePathway.Server.Persistence;
using Hl7.Fhir.Model;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Fhir.Inbound;

/// <summary>
/// Takes in an Observation through the product's own entries: a lab result is a <see cref="RecordLabResult"/> (the lab
/// catalog's code, unit and plausibility checks; stored, then delivered to the waiting pathways as a typed-in one), a
/// weight or height a <see cref="RecordMeasurement"/>. Its identifier and version make it idempotent; its status says
/// what it does to an earlier result with the same identifier: amended and corrected replace it (the earlier one is
/// withdrawn as <see cref="MarkLabEnteredInError"/> does, so the gates that used it run again on the new value), and
/// entered-in-error withdraws it. A preliminary result is stored, marked so, and reaches no rule until its final one replaces it.
/// </summary>
public sealed record ReceiveObservation(InboundObservation Observation) : ICommand<EntryOutcome>
{
    public string AuditAction => "fhir.observation";
    public string? AuditTarget => Observation.Identifier;
}

internal sealed class ReceiveObservationHandler(CarePathwayDbContext db, IMediator mediator, FhirSubjects subjects, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<ReceiveObservation, EntryOutcome>
{
    private const string EnteredInError = "entered-in-error";
    private const string Preliminary = LabResultStatuses.Preliminary;

    /// <summary>The product's fields, by the Observation element each was read from.</summary>
    private static readonly Dictionary<string, string> Elements = new(StringComparer.Ordinal)
    {
        ["code"] = "Observation.code", ["kind"] = "Observation.code",
        ["value"] = "Observation.valueQuantity.value", ["unit"] = "Observation.valueQuantity.code",
        ["observedAt"] = "Observation.effectiveDateTime", ["measuredAt"] = "Observation.effectiveDateTime",
        ["reason"] = "Observation.note",
    };

    public async Task<EntryOutcome> Handle(ReceiveObservation request, CancellationToken cancellationToken)
    {
        var observation = request.Observation;
        var patientId = await subjects.FindAsync(observation.Subject, cancellationToken);
        var receipts = await db.FhirReceipts.Where(r => r.ResourceType == nameof(Observation) && r.Identifier == observation.Identifier)
            .OrderBy(r => r.ReceivedAt).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        if (receipts.FirstOrDefault(r => r.Version == observation.Version) is { } same) return Unchanged(same);
        if (observation.OnlyIfNone && receipts.Count > 0) return Unchanged(receipts[^1]);

        var latest = receipts.LastOrDefault();
        if (latest is not null && latest.PatientId != patientId)
            throw FhirRefusedException.Invalid("Observation.subject", $"the earlier result {observation.Identifier} is another patient's: a result cannot move between patients (mark it entered-in-error, then send it again under a new identifier)");
        var current = latest is { Status: not EnteredInError } ? latest : null;
        var isLab = observation.Kind == ObservationKind.Lab;

        if (observation.Status == EnteredInError)
        {
            if (current is null)
            {
                return latest is not null ? Unchanged(latest)
                    : throw new FhirRefusedException(StatusCodes.Status404NotFound, [new FhirIssue(OperationOutcome.IssueType.NotFound, "Observation.identifier", $"no result {observation.Identifier} was received, so there is nothing to withdraw")]);
            }

            if (!isLab) throw FhirRefusedException.Invalid("Observation.status", "a weight or height cannot be withdrawn; send the corrected measurement");
            await WithdrawAsync(patientId, current.RecordId, observation.Note ?? $"entered in error in the sending system (result {observation.Identifier})", cancellationToken);
            Receive(observation, patientId, current.RecordId);
            await db.SaveChangesAsync(cancellationToken);
            return new EntryOutcome(nameof(Observation), current.RecordId, patientId, observation.Version, EntryResult.Updated, []);
        }

        if (observation.Status == Preliminary)
        {
            if (!isLab) throw FhirRefusedException.Invalid("Observation.status", "a weight or height is recorded final; a preliminary one is not taken");
            if (current is { Status: not Preliminary })
                throw FhirRefusedException.Invalid("Observation.status", $"result {observation.Identifier} is {current.Status} already; a preliminary result cannot replace it");
        }

        var stored = await ProductRefusals.AsFhirAsync(() => RecordAsync(observation, patientId, cancellationToken), Elements, nameof(Observation));
        if (isLab)
        {
            var lab = await db.LabResults.SingleAsync(l => l.Id == stored.Id, cancellationToken);
            lab.Status = observation.Status;
            if (observation.Status == Preliminary && stored.DeliveryQueued)
            {
                // Queued by the lab entry, not saved yet: no rule reads a preliminary result, so no pathway is told of it.
                db.PendingDeliveries.Remove(db.PendingDeliveries.Local.Single(d => d.Id == stored.Id));
                stored = stored with { DeliveryQueued = false };
            }

            await db.SaveChangesAsync(cancellationToken);
            if (current is not null)
                await WithdrawAsync(patientId, current.RecordId, $"replaced by the {observation.Status} result {observation.Identifier} (version {observation.Version})", cancellationToken);
        }

        Receive(observation, patientId, stored.Id);
        await db.SaveChangesAsync(cancellationToken);
        return new EntryOutcome(nameof(Observation), stored.Id, patientId, observation.Version, current is null ? EntryResult.Created : EntryResult.Updated,
            stored.DeliveryQueued ? [stored.Id] : []);
    }

    private Task<StoredRecord> RecordAsync(InboundObservation observation, Guid patientId, CancellationToken ct) => observation.Kind switch
    {
        ObservationKind.Lab => mediator.Send(new RecordLabResult(patientId, observation.Code, observation.Value, observation.Unit, observation.EffectiveAt), ct),
        var kind => mediator.Send(new RecordMeasurement(patientId, kind == ObservationKind.Weight ? CarePathway.Engine.Patients.MeasurementKinds.Weight : CarePathway.Engine.Patients.MeasurementKinds.Height,
            observation.Value, observation.Unit, observation.EffectiveAt), ct),
    };

    /// <summary>Withdraws an earlier result as a person marking it entered in error does, unless someone did already.</summary>
    private async System.Threading.Tasks.Task WithdrawAsync(Guid patientId, Guid labId, string reason, CancellationToken ct)
    {
        if (await db.LabResults.AnyAsync(l => l.Id == labId && l.EnteredInErrorAt != null, ct)) return;
        await ProductRefusals.AsFhirAsync(() => mediator.Send(new MarkLabEnteredInError(patientId, labId, reason), ct), Elements, nameof(Observation));
    }

    private void Receive(InboundObservation observation, Guid patientId, Guid recordId)
    {
        var now = clock.GetUtcNow();
        db.FhirReceipts.Add(new FhirReceipt
        {
            Id = Guid.CreateVersion7(now), ResourceType = nameof(Observation), Identifier = observation.Identifier, Version = observation.Version,
            Status = observation.Status, RecordId = recordId, PatientId = patientId, ReceivedAt = now, ReceivedBy = user.Name,
        });
    }

    private static EntryOutcome Unchanged(FhirReceipt receipt) =>
        new(nameof(Observation), receipt.RecordId, receipt.PatientId, receipt.Version, EntryResult.Unchanged, []);
}
