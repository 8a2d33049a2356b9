using CarePathway.Engine.Patients;
using CarePathway.Server.Features.Fhir.Inbound;
using CarePathway.Server.Persistence;
using Hl7.Fhir.Model;

namespace CarePathway.Server.Features.Fhir.Outbound;

/// <summary>
/// A recorded lab result, weight or height as an Observation (what a create's <c>Location</c> points to): its status
/// (a withdrawn result is entered-in-error, a preliminary one preliminary), LOINC code, value in its UCUM unit, when
/// it was drawn, and the identifier it came with over FHIR, if it did.
/// </summary>
internal static class Observations
{
    public static DateTimeOffset LastUpdated(LabResult lab) => lab.EnteredInErrorAt ?? lab.RecordedAt;

    public static Observation FromLab(LabResult lab, Persistence.Patient patient, FhirReceipt? receipt, string mrnSystem) => new()
    {
        Id = lab.Id.ToString(),
        Meta = FhirReferences.Meta(LastUpdated(lab)),
        Identifier = Identifier(receipt),
        Status = lab.EnteredInErrorAt is not null ? ObservationStatus.EnteredInError
            : lab.Status is { } status ? Hl7.Fhir.Utility.EnumUtility.ParseLiteral<ObservationStatus>(status) ?? ObservationStatus.Final : ObservationStatus.Final,
        Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "laboratory")],
        Code = new CodeableConcept(ObservationReader.Loinc, lab.Code),
        Subject = FhirReferences.Patient(patient.Id, patient.Mrn, mrnSystem),
        Effective = new FhirDateTime(lab.ObservedAt),
        Issued = lab.RecordedAt,
        Performer = [FhirReferences.Person(lab.RecordedBy)],
        Value = new Quantity { Value = lab.Value, Unit = lab.Unit, System = ObservationReader.Ucum, Code = lab.Unit },
        Note = lab.EnteredInErrorReason is { } reason ? [new Annotation { Text = new Markdown(reason) }] : [],
    };

    public static Observation FromMeasurement(PatientMeasurement measurement, Persistence.Patient patient, FhirReceipt? receipt, string mrnSystem) => new()
    {
        Id = measurement.Id.ToString(),
        Meta = FhirReferences.Meta(measurement.MeasuredAt),
        Identifier = Identifier(receipt),
        Status = ObservationStatus.Final,
        Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs")],
        Code = new CodeableConcept(ObservationReader.Loinc, measurement.Kind == MeasurementKinds.Weight ? "29463-7" : "8302-2"),
        Subject = FhirReferences.Patient(patient.Id, patient.Mrn, mrnSystem),
        Effective = new FhirDateTime(measurement.MeasuredAt),
        Performer = [FhirReferences.Person(measurement.RecordedBy)],
        Value = new Quantity { Value = measurement.Value, Unit = measurement.Unit, System = ObservationReader.Ucum, Code = measurement.Unit },
    };

    private static List<Identifier> Identifier(FhirReceipt? receipt)
    {
        if (receipt is null) return [];
        var (system, value) = ObservationReader.SplitToken(receipt.Identifier);
        return [new Identifier(system, value)];
    }
}
