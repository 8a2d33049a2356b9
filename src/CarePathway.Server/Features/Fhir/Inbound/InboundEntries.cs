namespace CarePathway.Server.Features.Fhir.Inbound;

/// <summary>A resource to take in, read out of its FHIR form: one entry of a bundle, or a resource posted alone.</summary>
/// <param name="FullUrl">The entry's <c>fullUrl</c> (a <c>urn:uuid:</c> that later entries may reference), if any.</param>
/// <param name="OnlyIfNone">A conditional create (<c>If-None-Exist</c>): when a resource with this identifier exists, nothing is changed.</param>
public abstract record InboundEntry(string? FullUrl, bool OnlyIfNone);

/// <summary>
/// A laboratory result, or a body weight or height, as an Observation carried it. <paramref name="Kind"/> says which:
/// <see cref="ObservationKind.Lab"/> goes where a typed-in lab goes, the others where a typed-in measurement goes.
/// <c>Identifier</c> is the result's business identifier, <c>system|value</c> (what makes it the same result when it
/// comes again); <c>Version</c> its <c>meta.versionId</c>, or a hash of its content when the sender gives none;
/// <c>Status</c> final, amended, corrected, preliminary or entered-in-error (the only ones read); <c>Code</c> the LOINC
/// code; <c>Unit</c> the UCUM code of <c>valueQuantity</c> (its <c>unit</c> text when no code is given).
/// </summary>
public sealed record InboundObservation(
    string? FullUrl, bool OnlyIfNone, string Identifier, string Version, string Status, SubjectReference Subject,
    ObservationKind Kind, string Code, decimal? Value, string? Unit, DateTimeOffset? EffectiveAt, string? Note)
    : InboundEntry(FullUrl, OnlyIfNone);

public enum ObservationKind
{
    Lab,
    Weight,
    Height,
}

/// <summary>
/// Whom an Observation is about: our patient's id (<c>Patient/{id}</c>), their MRN (<c>Patient?identifier=</c>, or a
/// logical reference by identifier), or a Patient entry of the same bundle (its <c>fullUrl</c>).
/// </summary>
public sealed record SubjectReference(Guid? PatientId, string? Mrn, string? BundleEntry);

/// <summary>
/// A Patient, read by its MRN (the identifier in <see cref="FhirOptions.MrnSystem"/>): created, or updated to what it says.
/// <c>Service</c>: the code of <see cref="FhirOptions.ServiceExtension"/>, taken on create only (moving a patient between services is not a feed's call).
/// </summary>
public sealed record InboundPatient(
    string? FullUrl, bool OnlyIfNone, string Mrn, string Version, string? GivenName, string? FamilyName, DateOnly? BirthDate, string? Sex,
    string? Service)
    : InboundEntry(FullUrl, OnlyIfNone);

/// <summary>
/// What taking in an entry did: <c>RecordId</c> is the row it became or matched (a lab result, a measurement, a patient),
/// <c>Deliveries</c> the records stored with their delivery to waiting pathways queued, to deliver once committed.
/// </summary>
public sealed record EntryOutcome(string ResourceType, Guid RecordId, Guid PatientId, string Version, EntryResult Result, IReadOnlyList<Guid> Deliveries);

public enum EntryResult
{
    /// <summary>Stored as new (201).</summary>
    Created,

    /// <summary>Changed what was there: a patient's details, a result replaced or withdrawn (200).</summary>
    Updated,

    /// <summary>Already there as sent (the same identifier and version, or a conditional create that matched): nothing changed (200).</summary>
    Unchanged,
}
