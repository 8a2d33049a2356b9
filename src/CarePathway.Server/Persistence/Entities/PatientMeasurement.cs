namespace CarePathway.Server.Persistence;

public class PatientMeasurement
{
    public Guid Id { get; set; }
    public Guid PatientId { get; set; }

    /// <summary>weight | height (see <see cref="CarePathway.Engine.Patients.MeasurementKinds"/>).</summary>
    public string Kind { get; set; } = "";
    public decimal Value { get; set; }
    public string Unit { get; set; } = "";
    public DateTimeOffset MeasuredAt { get; set; }
    public string RecordedBy { get; set; } = "";
}
