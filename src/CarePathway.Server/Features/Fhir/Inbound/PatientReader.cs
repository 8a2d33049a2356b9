using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;

namespace CarePathway.Server.Features.Fhir.Inbound;

/// <summary>Reads a Patient into the product's patient: its MRN (the identifier in the MRN system), name, birth date, sex and service.</summary>
internal static class PatientReader
{
    public static InboundPatient Read(Patient patient, string? fullUrl, bool onlyIfNone, string mrnSystem)
    {
        var mrn = patient.Identifier.FirstOrDefault(i => i.System == mrnSystem)?.Value;
        if (string.IsNullOrWhiteSpace(mrn)) throw FhirRefusedException.Invalid("Patient.identifier", $"needs the MRN: an identifier in the system {mrnSystem}");
        var name = patient.Name.FirstOrDefault(n => n.Use == HumanName.NameUse.Official) ?? patient.Name.FirstOrDefault();
        DateOnly? birthDate = null;
        if (patient.BirthDateElement is { } born)
        {
            if (!DateOnly.TryParseExact(born.Value, "yyyy-MM-dd", out var day))
                throw FhirRefusedException.Invalid("Patient.birthDate", $"must be a full date (yyyy-mm-dd): doses and eligibility depend on age, not '{born.Value}'");
            birthDate = day;
        }

        return new InboundPatient(fullUrl, onlyIfNone, mrn, ObservationReader.VersionOf(patient), name?.Given.FirstOrDefault(), name?.Family, birthDate,
            patient.Gender?.GetLiteral(), ServiceOf(patient));
    }

    private static string? ServiceOf(Patient patient) => patient.GetExtensionValue<DataType>(FhirOptions.ServiceExtension) switch
    {
        null => null,
        Code code => code.Value,
        FhirString text => text.Value,
        _ => throw FhirRefusedException.Invalid("Patient.extension", $"the extension {FhirOptions.ServiceExtension} takes a valueCode: the service's code"),
    };
}
