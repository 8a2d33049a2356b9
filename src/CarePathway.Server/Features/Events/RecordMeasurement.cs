using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Validation;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Features.Engine;
using CarePathway.Server.Features.Patients;
using CarePathway.Server.Persistence;
using MediatR;

namespace CarePathway.Server.Features.Events;

/// <summary>Records a weight or height; doses use the latest weight.</summary>
public sealed record RecordMeasurement(Guid PatientId, string? Kind, decimal? Value, string? Unit, DateTimeOffset? MeasuredAt)
    : ICommand<RecordedEvent>, IValidatable
{
    public string AuditAction => "measurement.record";
    public string? AuditTarget => PatientId.ToString();

    public IEnumerable<ValidationProblem> Validate()
    {
        if (Kind is not (MeasurementKind.Weight or MeasurementKind.Height))
        {
            yield return new(null, "kind", "must be weight or height");
            yield break;
        }

        if (Value is null) yield return new(null, "value", "is required");
        if (Unit is not null && Unit != MeasurementRules.UnitOf(Kind))
            yield return new(null, "unit", $"a {Kind} is recorded in {MeasurementRules.UnitOf(Kind)}, not '{Unit}'");
        foreach (var problem in MeasurementRules.Check("value", Kind, Value)) yield return problem;
    }
}

internal sealed class RecordMeasurementHandler(CarePathwayDbContext db, StimulusDelivery delivery, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<RecordMeasurement, RecordedEvent>
{
    public async Task<RecordedEvent> Handle(RecordMeasurement request, CancellationToken cancellationToken)
    {
        await EventRules.RequirePatientAsync(db, request.PatientId, cancellationToken);
        var now = clock.GetUtcNow();
        var at = EventRules.ObservedAt(request.MeasuredAt, now);
        var measurement = new PatientMeasurement
        {
            Id = Guid.CreateVersion7(now),
            PatientId = request.PatientId,
            Kind = request.Kind!,
            Value = request.Value!.Value,
            Unit = MeasurementRules.UnitOf(request.Kind!),
            MeasuredAt = at,
            RecordedBy = user.Name,
        };
        db.PatientMeasurements.Add(measurement);
        await db.SaveChangesAsync(cancellationToken);
        var payload = new JsonObject { ["value"] = measurement.Value, ["unit"] = measurement.Unit, ["observedAt"] = at };
        var resumed = await delivery.DeliverEventAsync(request.PatientId, new EventReceived(EventTypes.Measurement, measurement.Kind, payload, user.Name), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new RecordedEvent(measurement.Id, resumed);
    }
}
