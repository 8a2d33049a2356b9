using CarePathway.Engine.Execution;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;

namespace CarePathway.Server.Features.Fhir.Outbound;

/// <summary>A patient as a Patient: MRN, name, birth date, sex and service (what the emitted resources' subjects point to).</summary>
internal static class Patients
{
    public static Patient From(Persistence.Patient patient, string mrnSystem) => new()
    {
        Id = patient.Id.ToString(),
        Meta = FhirReferences.Meta(patient.CreatedAt),
        Identifier = [new Identifier(mrnSystem, patient.Mrn)],
        Name = [new HumanName { Use = HumanName.NameUse.Official, Family = patient.FamilyName, Given = [patient.GivenName] }],
        BirthDate = patient.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Gender = EnumUtility.ParseLiteral<AdministrativeGender>(patient.Sex.WireName()),
        Extension = [new Extension(FhirOptions.ServiceExtension, new Code(patient.ServiceCode))],
    };
}
