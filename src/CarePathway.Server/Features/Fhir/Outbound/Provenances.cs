using CarePathway.Engine.Activities;
using CarePathway.Engine.Execution;
using CarePathway.Server.Persistence;
using Hl7.Fhir.Model;

namespace CarePathway.Server.Features.Fhir.Outbound;

/// <summary>
/// Clinicians' decisions as Provenance: each clinician task decided (an approval, an override of a held gate, a review)
/// with who, when, what they chose and the reason they gave; and a pathway started outside its eligibility, with the
/// clinician's reason, on its CarePlan. Ids: the task's id, or <c>start-{instanceId}</c>.
/// </summary>
internal static class Provenances
{
    public const string StartPrefix = "start-";

    public static Provenance FromDecision(HumanTask task) => new()
    {
        Id = task.Id.ToString(),
        Meta = FhirReferences.Meta(task.CompletedAt!.Value),
        Target = [new ResourceReference($"Task/{task.Id}"), .. task.InstanceId is { } instanceId ? [new ResourceReference($"CarePlan/{instanceId}")] : Array.Empty<ResourceReference>()],
        Recorded = task.CompletedAt!.Value,
        Activity = new CodeableConcept { Text = $"{task.Kind}: {task.Outcome}" },
        Reason = task.Reason is { } reason ? [new CodeableConcept { Text = reason }] : [],
        Agent = [new Provenance.AgentComponent { Who = FhirReferences.Person(task.CompletedBy!), Role = [new CodeableConcept { Text = TaskRoles.Clinician }] }],
    };

    public static Provenance? FromStart(WorkflowInstance instance, InstanceState state) => state.EligibilityOverride is not { } overridden ? null : new()
    {
        Id = StartPrefix + instance.Id,
        Meta = FhirReferences.Meta(instance.CreatedAt),
        Target = [new ResourceReference($"CarePlan/{instance.Id}")],
        Recorded = instance.CreatedAt,
        Activity = new CodeableConcept { Text = "started outside the pathway's eligibility" },
        Reason = [new CodeableConcept { Text = overridden.Reason }],
        Agent = [new Provenance.AgentComponent { Who = FhirReferences.Person(overridden.By), Role = [new CodeableConcept { Text = TaskRoles.Clinician }] }],
    };
}
