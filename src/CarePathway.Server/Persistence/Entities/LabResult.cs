namespace CarePathway.Server.Persistence;

public class LabResult
{
    public Guid Id { get; set; }
    public Guid PatientId { get; set; }

    /// <summary>LOINC code.</summary>
    public string Code { get; set; } = "";
    public decimal Value { get; set; }
    public string Unit { get; set; } = "";
    public DateTimeOffset ObservedAt { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";

    /// <summary>
    /// The result's status as its laboratory reported it over FHIR (final, amended, corrected, or
    /// <see cref="LabResultStatuses.Preliminary"/>: kept and shown, but read by no rule until a final result replaces it);
    /// null for a result a person typed in, which is final.
    /// </summary>
    public string? Status { get; set; }

    /// <summary>
    /// Set when the result was marked entered in error (with who and why): it is kept, shown struck through, and counts
    /// nowhere (no gate, trend value or calculation reads it).
    /// </summary>
    public DateTimeOffset? EnteredInErrorAt { get; set; }
    public string? EnteredInErrorBy { get; set; }
    public string? EnteredInErrorReason { get; set; }
}

/// <summary>The one <see cref="LabResult.Status"/> that keeps a result out of the patient's history as rules read it.</summary>
public static class LabResultStatuses
{
    public const string Preliminary = "preliminary";
}
