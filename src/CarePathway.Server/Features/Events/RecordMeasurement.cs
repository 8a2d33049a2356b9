using CarePathway.Engine.Runtime;
using CarePathway.Engine.Patients;
using CarePathway.Engine.Validation;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Features.Patients;
using MediatR;

namespace CarePathway.Server.Features.Events;

/// <summary>Records a weight or height; doses use the latest weight.</summary>
public sealed record RecordMeasurement(Guid PatientId, string? Kind, decimal? Value, string? Unit, DateTimeOffset? MeasuredAt)
    : ICommand<StoredRecord>, IValidatable
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

internal sealed class RecordMeasurementHandler(PathwayRuntime runtime, ObservationDeliveries deliveries, ICurrentUser user) : IRequestHandler<RecordMeasurement, StoredRecord>
{
    public async Task<StoredRecord> Handle(RecordMeasurement request, CancellationToken cancellationToken)
    {
        var measurement = new MeasurementObserved(request.Kind!, request.Value!.Value, MeasurementRules.UnitOf(request.Kind!), request.MeasuredAt);
        var stored = await runtime.StoreAsync(request.PatientId, measurement, user.AsActor(), cancellationToken);
        return deliveries.Enqueue(request.PatientId, stored);
    }
}
