namespace CarePathway.Server.Persistence;

/// <summary>
/// A FHIR resource the server accepted (an Observation, a Patient), by its business identifier and version, and the
/// row it became (a lab result, a measurement, a patient): what makes a resource sent twice change nothing, what a
/// conditional create matches, and which earlier result an amended or corrected one replaces.
/// </summary>
public class FhirReceipt
{
    public Guid Id { get; set; }

    /// <summary>Observation or Patient.</summary>
    public string ResourceType { get; set; } = "";

    /// <summary>The resource's business identifier, as <c>system|value</c>.</summary>
    public string Identifier { get; set; } = "";

    /// <summary><c>meta.versionId</c>, or a hash of the resource's content when the sender gives none.</summary>
    public string Version { get; set; } = "";

    /// <summary>The resource's status as received (an Observation's final, preliminary, amended, corrected, entered-in-error).</summary>
    public string Status { get; set; } = "";

    /// <summary>The row it became: a lab result, a measurement or a patient (for entered-in-error, the result it withdrew).</summary>
    public Guid RecordId { get; set; }

    public Guid PatientId { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public string ReceivedBy { get; set; } = "";
}
