using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Validation;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Persistence;
using MediatR;

namespace CarePathway.Server.Features.Events;

/// <summary>Records a clinical assessment (e.g. nsaidResponse = inadequate, a pain score).</summary>
public sealed record RecordAssessment(Guid PatientId, string? Name, string? Value, DateTimeOffset? ObservedAt)
    : ICommand<RecordedEvent>, IValidatable
{
    public string AuditAction => "assessment.record";
    public string? AuditTarget => PatientId.ToString();

    public IEnumerable<ValidationProblem> Validate()
    {
        if (string.IsNullOrWhiteSpace(Name)) yield return new(null, "name", "is required");
        if (string.IsNullOrWhiteSpace(Value)) yield return new(null, "value", "is required");
    }
}

internal sealed class RecordAssessmentHandler(CarePathwayDbContext db, PatientEvents events) : IRequestHandler<RecordAssessment, RecordedEvent>
{
    public Task<RecordedEvent> Handle(RecordAssessment request, CancellationToken cancellationToken) =>
        events.RecordAsync(request.PatientId, request.ObservedAt, (now, at) =>
        {
            var assessment = new Assessment
            {
                Id = Guid.CreateVersion7(now),
                PatientId = request.PatientId,
                Name = request.Name!.Trim(),
                Value = request.Value!.Trim(),
                ObservedAt = at,
                RecordedBy = events.UserName,
            };
            db.Assessments.Add(assessment);
            return new PatientEvent(assessment.Id, EventTypes.Assessment, assessment.Name, new JsonObject { ["value"] = assessment.Value, ["observedAt"] = at });
        }, cancellationToken);
}
