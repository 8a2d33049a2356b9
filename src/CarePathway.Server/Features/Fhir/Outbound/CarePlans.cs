using CarePathway.Engine.Execution;
using CarePathway.Engine.Runtime;
using CarePathway.Server.Persistence;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;

namespace CarePathway.Server.Features.Fhir.Outbound;

/// <summary>A pathway instance as a CarePlan: its status, period, the pathway it follows and each of its tasks as an activity with its state.</summary>
internal static class CarePlans
{
    public static CarePlan From(WorkflowInstance instance, string pathwayName, Persistence.Patient patient, IEnumerable<HumanTask> tasks, string mrnSystem) => new()
    {
        Id = instance.Id.ToString(),
        Meta = FhirReferences.Meta(instance.UpdatedAt),
        Status = Status(instance.Status),
        Intent = CarePlan.CarePlanIntent.Plan,
        InstantiatesCanonical = [PlanDefinitions.Canonical(instance.DefinitionId, instance.Version)],
        Title = $"{pathwayName} (version {instance.Version})",
        Subject = FhirReferences.Patient(patient.Id, patient.Mrn, mrnSystem),
        Period = new Period { Start = FhirReferences.DateTime(instance.CreatedAt), End = instance.CompletedAt is { } end ? FhirReferences.DateTime(end) : null },
        Created = FhirReferences.DateTime(instance.CreatedAt),
        Author = FhirReferences.Person(instance.CreatedBy),
        Activity = [.. tasks.OrderBy(t => t.CreatedAt).Select(Activity)],
    };

    public static string StatusCode(InstanceStatus status) => Status(status).GetLiteral();

    /// <summary>A faulted instance waits for someone to retry its incident: on hold, as a suspended one.</summary>
    private static RequestStatus Status(InstanceStatus status) => status switch
    {
        InstanceStatus.Running => RequestStatus.Active,
        InstanceStatus.Suspended or InstanceStatus.Faulted => RequestStatus.OnHold,
        InstanceStatus.Completed => RequestStatus.Completed,
        _ => RequestStatus.Revoked,
    };

    private static CarePlan.ActivityComponent Activity(HumanTask task) => new()
    {
        Detail = new CarePlan.DetailComponent
        {
            Kind = CarePlan.CarePlanActivityKind.Task,
            Code = new CodeableConcept { Text = task.Kind },
            Status = task.Status switch
            {
                HumanTaskStatus.Open => CarePlan.CarePlanActivityStatus.InProgress,
                HumanTaskStatus.Completed => CarePlan.CarePlanActivityStatus.Completed,
                _ => CarePlan.CarePlanActivityStatus.Cancelled,
            },
            Description = task.Title,
            Scheduled = task.DueAt is { } due ? new Period { End = FhirReferences.DateTime(due) } : null,
            Performer = [task.Assignee is { } assignee ? FhirReferences.Person(assignee) : new ResourceReference { Display = task.Role }],
        },
        OutcomeReference = [new ResourceReference($"{FhirCapabilities.TaskType}/{task.Id}")],
    };
}
