using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Patients;
using CarePathway.Engine.Validation;
using CarePathway.Server.Features.Common;
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
        if (Kind is not (MeasurementKinds.Weight or MeasurementKinds.Height))
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

internal sealed class RecordMeasurementHandler(CarePathwayDbContext db, PatientEvents events) : IRequestHandler<RecordMeasurement, RecordedEvent>
{
    public Task<RecordedEvent> Handle(RecordMeasurement request, CancellationToken cancellationToken) =>
        events.RecordAsync(request.PatientId, request.MeasuredAt, (now, at) =>
        {
            var measurement = new PatientMeasurement
            {
                Id = Guid.CreateVersion7(now),
                PatientId = request.PatientId,
                Kind = request.Kind!,
                Value = request.Value!.Value,
                Unit = MeasurementRules.UnitOf(request.Kind!),
                MeasuredAt = at,
                RecordedBy = events.UserName,
            };
            db.PatientMeasurements.Add(measurement);
            return new PatientEvent(measurement.Id, EventTypes.Measurement, measurement.Kind,
                new JsonObject { ["value"] = measurement.Value, ["unit"] = measurement.Unit, ["observedAt"] = at });
        }, cancellationToken);
}
