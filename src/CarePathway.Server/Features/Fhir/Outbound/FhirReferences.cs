using Hl7.Fhir.Model;

namespace CarePathway.Server.Features.Fhir.Outbound;

/// <summary>References and values the emitted resources share: the patient (by id, with the MRN), people by name, times.</summary>
internal static class FhirReferences
{
    public static ResourceReference Patient(Guid patientId, string mrn, string mrnSystem) => new($"Patient/{patientId}")
    {
        Identifier = new Identifier(mrnSystem, mrn),
    };

    /// <summary>A person of the product, by user name: the product keeps no Practitioner resources, so the reference is by display only.</summary>
    public static ResourceReference Person(string userName) => new() { Display = userName };

    public static Meta Meta(DateTimeOffset lastUpdated) => new() { LastUpdated = lastUpdated };

    public static string DateTime(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffK", System.Globalization.CultureInfo.InvariantCulture);
}
