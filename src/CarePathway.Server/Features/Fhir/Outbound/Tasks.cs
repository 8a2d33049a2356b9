using CarePathway.Engine.Runtime;
using CarePathway.Server.Persistence;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using FhirTask = Hl7.Fhir.Model.Task;

namespace CarePathway.Server.Features.Fhir.Outbound;

/// <summary>A human task as a Task: status, the role it waits for (or its assignee), its due date, the care plan it is part of, and its outcome.</summary>
internal static class Tasks
{
    public static DateTimeOffset LastUpdated(HumanTask task) => task.CompletedAt ?? task.CreatedAt;

    public static FhirTask From(HumanTask task, Persistence.Patient patient, string mrnSystem) => new()
    {
        Id = task.Id.ToString(),
        Meta = FhirReferences.Meta(LastUpdated(task)),
        Status = Status(task.Status),
        Intent = FhirTask.TaskIntent.Order,
        Code = new CodeableConcept { Text = task.Kind },
        Description = task.Title,
        BasedOn = task.InstanceId is { } basedOn ? [new ResourceReference($"CarePlan/{basedOn}")] : [],
        Focus = task.InstanceId is { } focus ? new ResourceReference($"CarePlan/{focus}") { Display = $"activity {task.ActivityId}" } : null,
        For = FhirReferences.Patient(patient.Id, patient.Mrn, mrnSystem),
        AuthoredOn = FhirReferences.DateTime(task.CreatedAt),
        LastModified = FhirReferences.DateTime(LastUpdated(task)),
        PerformerType = [new CodeableConcept { Text = task.Role }],
        Owner = task.CompletedBy is { } by ? FhirReferences.Person(by) : task.Assignee is { } assignee ? FhirReferences.Person(assignee) : null,
        Restriction = task.DueAt is { } due ? new FhirTask.RestrictionComponent { Period = new Period { End = FhirReferences.DateTime(due) } } : null,
        BusinessStatus = task.Outcome is { } outcome ? new CodeableConcept { Text = outcome } : null,
        StatusReason = task.Reason is { } reason ? new CodeableConcept { Text = reason } : null,
    };

    public static string StatusCode(HumanTaskStatus status) => Status(status).GetLiteral();

    private static FhirTask.TaskStatus Status(HumanTaskStatus status) => status switch
    {
        HumanTaskStatus.Open => FhirTask.TaskStatus.Ready,
        HumanTaskStatus.Completed => FhirTask.TaskStatus.Completed,
        _ => FhirTask.TaskStatus.Cancelled,
    };
}
