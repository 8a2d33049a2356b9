namespace CarePathway.Server.Features.Fhir;

/// <summary>The FHIR endpoint's settings (<c>Fhir:</c>).</summary>
public sealed class FhirOptions
{
    public const string SectionName = "Fhir";

    /// <summary>
    /// The identifier system of the hospital's medical record numbers: a Patient's identifier in this system is its MRN,
    /// and an Observation's subject is found by it. Every site has its own (an OID or a URL); change it before the first import.
    /// </summary>
    public string MrnSystem { get; set; } = "urn:carepathway:mrn";

    /// <summary>
    /// The service a Patient created through FHIR joins when it carries no <see cref="ServiceExtension"/>: a hospital's
    /// feed seldom knows our services. Unset, such a Patient is refused on <c>Patient.extension</c>.
    /// </summary>
    public string? DefaultService { get; set; }

    /// <summary>The extension on a Patient naming its service by code (<c>valueCode</c>); read on create, written on every Patient this server answers.</summary>
    public const string ServiceExtension = "urn:carepathway:fhir:patient-service";
}
