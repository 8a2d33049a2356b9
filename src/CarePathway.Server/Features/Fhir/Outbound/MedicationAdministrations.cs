using CarePathway.Engine.Execution;
using CarePathway.Server.Persistence;
using Hl7.Fhir.Model;

namespace CarePathway.Server.Features.Fhir.Outbound;

/// <summary>
/// Each infusion a course recorded as given (read from the instance's course, where a dose is recorded) as a
/// MedicationAdministration: the drug, the dose, when it ran (start and end, so its duration), who gave it, and its care plan.
/// Its id is the instance's and the dose's place in the course (<c>{instanceId}-{n}</c>), stable because doses are only added.
/// </summary>
internal static class MedicationAdministrations
{
    public static IEnumerable<MedicationAdministration> From(WorkflowInstance instance, InstanceState state, Persistence.Patient patient, string mrnSystem) =>
        state.Course.Administered.Select((given, index) => new MedicationAdministration
        {
            Id = $"{instance.Id}-{index + 1}",
            Meta = FhirReferences.Meta(instance.UpdatedAt),
            Status = MedicationAdministration.MedicationAdministrationStatusCodes.Completed,
            Medication = new CodeableConcept { Text = given.Drug },
            Subject = FhirReferences.Patient(patient.Id, patient.Mrn, mrnSystem),
            SupportingInformation = [new ResourceReference($"CarePlan/{instance.Id}")],
            Effective = new Period
            {
                Start = FhirReferences.DateTime(given.StartedAt),
                End = FhirReferences.DateTime(given.StartedAt.AddMinutes(given.InfusionMinutes)),
            },
            Performer = [new MedicationAdministration.PerformerComponent { Actor = FhirReferences.Person(given.RecordedBy) }],
            Dosage = new MedicationAdministration.DosageComponent
            {
                Text = $"cycle {given.Cycle}, day {given.CycleDay}: {given.DoseMg} mg over {given.InfusionMinutes} min",
                Route = new CodeableConcept { Text = "intravenous infusion" },
                Dose = new Quantity(given.DoseMg, "mg"),
            },
        });
}
