using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Validation;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Persistence;
using MediatR;

namespace CarePathway.Server.Features.Events;

/// <summary>
/// Records a lab result for a patient and delivers it to pathways waiting for that code. A unit the code
/// does not use or an implausible value is refused (422, see <see cref="LabResultRules"/>).
/// </summary>
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

internal sealed class RecordLabResultHandler(CarePathwayDbContext db, PatientEvents events) : IRequestHandler<RecordLabResult, RecordedEvent>
{
    public Task<RecordedEvent> Handle(RecordLabResult request, CancellationToken cancellationToken) =>
        events.RecordAsync(request.PatientId, request.ObservedAt, (now, at) =>
        {
            // After the patient and the time are checked (404 first), before anything is stored.
            var problems = LabResultRules.Check(request.Code!, request.Value!.Value, request.Unit!).ToList();
            if (problems.Count > 0) throw new RequestValidationException(problems, unprocessable: true);
            var lab = new LabResult
            {
                Id = Guid.CreateVersion7(now),
                PatientId = request.PatientId,
                Code = request.Code!.Trim(),
                Value = request.Value!.Value,
                Unit = request.Unit!.Trim(),
                ObservedAt = at,
                RecordedAt = now,
                RecordedBy = events.UserName,
            };
            db.LabResults.Add(lab);
            return new PatientEvent(lab.Id, EventTypes.Lab, lab.Code, new JsonObject { ["value"] = lab.Value, ["unit"] = lab.Unit, ["observedAt"] = at });
        }, cancellationToken);
}
