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
}
