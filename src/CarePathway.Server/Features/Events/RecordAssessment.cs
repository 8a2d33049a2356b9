using System.Text.Json.Nodes;
using CarePathway.Engine.Runtime;
using CarePathway.Engine.Validation;
using CarePathway.Server.Features.Common;
using MediatR;

namespace CarePathway.Server.Features.Events;

/// <summary>Records a clinical assessment (e.g. nsaidResponse = inadequate, a pain score).</summary>
public sealed record RecordAssessment(Guid PatientId, string? Name, string? Value, DateTimeOffset? ObservedAt)
    : ICommand<StoredRecord>, IValidatable
{
    public string AuditAction => "assessment.record";
    public string? AuditTarget => PatientId.ToString();

    public IEnumerable<ValidationProblem> Validate()
    {
        if (string.IsNullOrWhiteSpace(Name)) yield return new(null, "name", "is required");
        if (string.IsNullOrWhiteSpace(Value)) yield return new(null, "value", "is required");
    }
}

internal sealed class RecordAssessmentHandler(PathwayRuntime runtime, ObservationDeliveries deliveries, ICurrentUser user) : IRequestHandler<RecordAssessment, StoredRecord>
{
    public async Task<StoredRecord> Handle(RecordAssessment request, CancellationToken cancellationToken)
    {
        var assessment = new AssessmentObserved(request.Name!.Trim(), JsonValue.Create(request.Value!.Trim()), request.ObservedAt);
        var stored = await runtime.StoreAsync(request.PatientId, assessment, user.AsActor(), cancellationToken);
        return deliveries.Enqueue(request.PatientId, stored);
    }
}
