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
    /// Set when the result was marked entered in error (with who and why): it is kept, shown struck through, and counts
    /// nowhere (no gate, trend value or calculation reads it).
    /// </summary>
    public DateTimeOffset? EnteredInErrorAt { get; set; }
    public string? EnteredInErrorBy { get; set; }
    public string? EnteredInErrorReason { get; set; }
}
