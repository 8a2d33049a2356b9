using System.Text.Json.Nodes;
using CarePathway.Engine.Clinical;

namespace CarePathway.Engine.Patients;

/// <summary>
/// What the engine may know about the patient while it runs: demographics, facts, measurement and
/// lab history. The host builds it from its store before each run; the simulator keeps it in memory.
/// Each history is in the order it was recorded, so that of two entries observed at the same moment the one
/// recorded later (a correction) is the latest (<see cref="Latest{T}"/>).
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

    /// <summary>
    /// Every dose the patient was given in any course, by the instance that recorded it: the rolling caps, the first-ever
    /// dose rule and the intervals count them all, so ending a course and starting another resets nothing (hazard 4).
    /// </summary>
    public List<PatientAdministration> Administrations { get; init; } = [];

    /// <summary>
    /// The doses of <paramref name="drug"/> given in any course, oldest first: those of <paramref name="course"/> (the
    /// running instance <paramref name="instanceId"/>: its own record is the latest word) and those other instances recorded.
    /// </summary>
    public IReadOnlyList<PatientAdministration> DosesOf(string drug, Guid instanceId, Execution.CourseState course) =>
        [.. Administrations.Where(a => a.InstanceId != instanceId)
            .Concat(PatientAdministration.RecordedBy(instanceId, course))
            .Where(a => a.Drug == drug)
            .OrderBy(a => a.StartedAt)];

    public Measurement? Latest(string kind) => Latest(Measurements.Where(m => m.Kind == kind), m => m.MeasuredAt);

    public AssessmentObservation? LatestAssessment(string name) => Latest(Assessments.Where(a => a.Name == name), a => a.ObservedAt);

    /// <summary>
    /// The latest lab result answering <paramref name="code"/> (the same measurement under another code counts). For a
    /// code the engine can calculate (corrected calcium, R8), a calculation from results all drawn after the latest
    /// reported one takes its place: it is dated by the older of those results, so a freshness window holds for both,
    /// and carries its working.
    /// </summary>
    public LabObservation? LatestLab(string code)
    {
        var reported = Latest(Labs.Where(l => LabCatalog.Answers(l.Code, code)), l => l.ObservedAt);
        var sources = LabCatalog.CalculatedFrom(code).Select(LatestLab).ToList();
        if (sources.Count == 0 || sources.Any(s => s is null)) return reported;
        var drawnAt = sources.Min(s => s!.ObservedAt);
        return reported is not null && reported.ObservedAt >= drawnAt ? reported : Calculated(code, sources!, drawnAt);
    }

    // The only calculated lab is corrected calcium: sources are total calcium and albumin (LabCatalog.CalculatedFrom).
    private static LabObservation Calculated(string code, List<LabObservation> sources, DateTimeOffset drawnAt)
    {
        var (calcium, albumin) = (sources[0], sources[1]);
        var result = CorrectedCalcium.FromResults(calcium.Value, calcium.Unit, albumin.Value, albumin.Unit);
        return new LabObservation(code, result.Value, result.Unit, drawnAt) { Working = result.Explanation };
    }

    /// <summary>
    /// The entry observed last; of entries observed at the same moment, the one recorded last. A weight typed again
    /// with the same time to correct it is the weight a dose is calculated from, not the one it corrects.
    /// </summary>
    public static T? Latest<T>(IEnumerable<T> recorded, Func<T, DateTimeOffset> observedAt) where T : class =>
        recorded.OrderBy(observedAt).LastOrDefault();

    /// <summary>Age in whole years on a given day.</summary>
    public int AgeYearsOn(DateTimeOffset at)
    {
        var today = DateOnly.FromDateTime(at.UtcDateTime);
        var age = today.Year - BirthDate.Year;
        return BirthDate.AddYears(age) > today ? age - 1 : age;
    }
}

public sealed record Measurement(string Kind, decimal Value, string Unit, DateTimeOffset MeasuredAt);

public sealed record LabObservation(string Code, decimal Value, string Unit, DateTimeOffset ObservedAt)
{
    /// <summary>For a result the engine calculated rather than the laboratory reported: how (e.g. corrected calcium's formula).</summary>
    public string? Working { get; init; }
}

public sealed record AssessmentObservation(string Name, string Value, DateTimeOffset ObservedAt);

/// <summary>A dose given to the patient, by the pathway instance that recorded it (Guid.Empty: outside any instance).</summary>
public sealed record PatientAdministration(Guid InstanceId, string Drug, decimal DoseMg, DateTimeOffset StartedAt)
{
    /// <summary>The doses an instance's course recorded, as the patient's history holds them.</summary>
    public static IEnumerable<PatientAdministration> RecordedBy(Guid instanceId, Execution.CourseState course) =>
        course.Administered.Select(a => new PatientAdministration(instanceId, a.Drug, a.DoseMg, a.StartedAt));
}

/// <summary>
/// The measurements the engine reads itself. They stay strings: a measurement's kind is the key its event answers,
/// and event keys are text definitions name, as lab codes and assessment names are.
/// </summary>
public static class MeasurementKinds
{
    public const string Weight = "weight";
    public const string Height = "height";
}
