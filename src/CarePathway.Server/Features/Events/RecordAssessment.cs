using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Validation;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Features.Engine;
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

internal sealed class RecordAssessmentHandler(CarePathwayDbContext db, StimulusDelivery delivery, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<RecordAssessment, RecordedEvent>
{
    public async Task<RecordedEvent> Handle(RecordAssessment request, CancellationToken cancellationToken)
    {
        await EventRules.RequirePatientAsync(db, request.PatientId, cancellationToken);
        var now = clock.GetUtcNow();
        var at = EventRules.ObservedAt(request.ObservedAt, now);
        var assessment = new Assessment
        {
            Id = Guid.CreateVersion7(now),
            PatientId = request.PatientId,
            Name = request.Name!.Trim(),
            Value = request.Value!.Trim(),
            ObservedAt = at,
            RecordedBy = user.Name,
        };
        db.Assessments.Add(assessment);
        await db.SaveChangesAsync(cancellationToken);
        var payload = new JsonObject { ["value"] = assessment.Value, ["observedAt"] = at };
        var resumed = await delivery.DeliverEventAsync(request.PatientId, new EventReceived(EventTypes.Assessment, assessment.Name, payload, user.Name), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new RecordedEvent(assessment.Id, resumed);
    }
}
