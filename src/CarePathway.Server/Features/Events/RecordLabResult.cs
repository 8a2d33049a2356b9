using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Validation;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Features.Engine;
using CarePathway.Server.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Events;

/// <summary>Records a lab result for a patient and delivers it to pathways waiting for that code.</summary>
public sealed record RecordLabResult(Guid PatientId, string? Code, decimal? Value, string? Unit, DateTimeOffset? ObservedAt)
    : ICommand<RecordedEvent>, IValidatable
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

internal sealed class RecordLabResultHandler(CarePathwayDbContext db, StimulusDelivery delivery, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<RecordLabResult, RecordedEvent>
{
    public async Task<RecordedEvent> Handle(RecordLabResult request, CancellationToken cancellationToken)
    {
        await EventRules.RequirePatientAsync(db, request.PatientId, cancellationToken);
        var now = clock.GetUtcNow();
        var observedAt = EventRules.ObservedAt(request.ObservedAt, now);
        var lab = new LabResult
        {
            Id = Guid.CreateVersion7(now),
            PatientId = request.PatientId,
            Code = request.Code!.Trim(),
            Value = request.Value!.Value,
            Unit = request.Unit!.Trim(),
            ObservedAt = observedAt,
            RecordedAt = now,
            RecordedBy = user.Name,
        };
        db.LabResults.Add(lab);
        await db.SaveChangesAsync(cancellationToken);
        var payload = new JsonObject { ["value"] = lab.Value, ["unit"] = lab.Unit, ["observedAt"] = observedAt };
        var resumed = await delivery.DeliverEventAsync(request.PatientId, new EventReceived(EventTypes.Lab, lab.Code, payload, user.Name), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new RecordedEvent(lab.Id, resumed);
    }
}

/// <summary>Checks shared by the record-event commands.</summary>
internal static class EventRules
{
    public static async Task RequirePatientAsync(CarePathwayDbContext db, Guid patientId, CancellationToken ct)
    {
        if (!await db.Patients.AnyAsync(p => p.Id == patientId, ct)) throw new NotFoundException($"patient {patientId}");
    }

    /// <summary>When it was observed; a time in the future is refused, not clamped.</summary>
    public static DateTimeOffset ObservedAt(DateTimeOffset? given, DateTimeOffset now)
    {
        if (given is { } at && at > now.AddMinutes(5))
            throw RequestValidationException.Field("observedAt", "is in the future", unprocessable: true);
        return given ?? now;
    }
}
