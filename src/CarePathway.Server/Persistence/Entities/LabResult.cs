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
}
