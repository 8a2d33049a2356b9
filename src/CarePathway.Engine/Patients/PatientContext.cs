using System.Text.Json.Nodes;

namespace CarePathway.Engine.Patients;

/// <summary>
/// What the engine may know about the patient while it runs: demographics, facts, measurement and
/// lab history. The host builds it from its store before each run; the simulator keeps it in memory.
/// </summary>
public sealed class PatientContext
{
    public required Guid PatientId { get; init; }
    public required DateOnly BirthDate { get; init; }
    public required string Sex { get; init; }
    public string Diagnosis { get; init; } = "";
    public Dictionary<string, JsonNode?> Facts { get; init; } = new(StringComparer.Ordinal);
    public List<Measurement> Measurements { get; init; } = [];
    public List<LabObservation> Labs { get; init; } = [];
    public List<AssessmentObservation> Assessments { get; init; } = [];

    public Measurement? Latest(string kind) =>
        Measurements.Where(m => m.Kind == kind).MaxBy(m => m.MeasuredAt);

    public AssessmentObservation? LatestAssessment(string name) =>
        Assessments.Where(a => a.Name == name).MaxBy(a => a.ObservedAt);

    /// <summary>Age in whole years on a given day.</summary>
    public int AgeYearsOn(DateTimeOffset at)
    {
        var today = DateOnly.FromDateTime(at.UtcDateTime);
        var age = today.Year - BirthDate.Year;
        return BirthDate.AddYears(age) > today ? age - 1 : age;
    }
}

public sealed record Measurement(string Kind, decimal Value, string Unit, DateTimeOffset MeasuredAt);

public sealed record LabObservation(string Code, decimal Value, string Unit, DateTimeOffset ObservedAt);

public sealed record AssessmentObservation(string Name, string Value, DateTimeOffset ObservedAt);

/// <summary>
/// The measurements the engine reads itself. They stay strings: a measurement's kind is the key its event answers,
/// and event keys are text definitions name, as lab codes and assessment names are.
/// </summary>
public static class MeasurementKinds
{
    public const string Weight = "weight";
    public const string Height = "height";
}
