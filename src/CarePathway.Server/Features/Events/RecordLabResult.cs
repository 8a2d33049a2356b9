using CarePathway.Engine.Runtime;
using CarePathway.Engine.Validation;
using CarePathway.Server.Features.Common;
using MediatR;

namespace CarePathway.Server.Features.Events;

/// <summary>
/// Records a lab result for a patient, with its delivery to pathways waiting for that code (see
/// <see cref="ObservationRecording"/>: stored, then delivered). A unit the code
/// does not use or an implausible value is refused (422, see <see cref="LabObserved.Problems"/>).
/// </summary>
public sealed record RecordLabResult(Guid PatientId, string? Code, decimal? Value, string? Unit, DateTimeOffset? ObservedAt)
    : ICommand<StoredRecord>, IValidatable
{
    public string AuditAction => "lab.record";
    public string? AuditTarget => PatientId.ToString();

    public IEnumerable<ValidationProblem> Validate()
    {
        if (string.IsNullOrWhiteSpace(Code)) yield return new(null, "code", "is required (a LOINC code such as 2160-0)");
        if (Value is null) yield return new(null, "value", "is required");
        else if (Value < 0) yield return new(null, "value", "cannot be negative");
        if (string.IsNullOrWhiteSpace(Unit)) yield return new(null, "unit", "is required (e.g. mg/dL)");
    }
}

internal sealed class RecordLabResultHandler(PathwayRuntime runtime, ObservationDeliveries deliveries, ICurrentUser user) : IRequestHandler<RecordLabResult, StoredRecord>
{
    public async Task<StoredRecord> Handle(RecordLabResult request, CancellationToken cancellationToken)
    {
        var lab = new LabObserved(request.Code!.Trim(), request.Value!.Value, request.Unit!.Trim(), request.ObservedAt);
        var stored = await runtime.StoreAsync(request.PatientId, lab, user.AsActor(), cancellationToken);
        return deliveries.Enqueue(request.PatientId, stored);
    }
}
