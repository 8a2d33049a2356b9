namespace CarePathway.Server.Persistence;

public class Assessment
{
    public Guid Id { get; set; }
    public Guid PatientId { get; set; }
    public string Name { get; set; } = "";
    public string Value { get; set; } = "";
    public DateTimeOffset ObservedAt { get; set; }
    public string RecordedBy { get; set; } = "";
}
