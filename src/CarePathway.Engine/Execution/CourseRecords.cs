using System.Text.Json.Serialization;

namespace CarePathway.Engine.Execution;

/// <summary>A dose that was given, as the nurse or coordinator recorded it.</summary>
public sealed record AdministrationRecord(string Drug, decimal DoseMg, DateTimeOffset StartedAt, int Cycle, int CycleDay, int InfusionMinutes, string RecordedBy);

/// <summary>Why the next dose may be given: a gate passed, or a clinician overrode a held one (with a reason).</summary>
public sealed record GateClearance(GateClearanceKind Kind, string ActivityId, DateTimeOffset At, string? By, string? Reason);

/// <summary>What cleared the next dose; travels as the names the course state has always stored.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GateClearanceKind>))]
public enum GateClearanceKind
{
    /// <summary>A lab gate passed.</summary>
    [JsonStringEnumMemberName("gate-passed")] Passed,

    /// <summary>A clinician overrode a held gate, with a reason.</summary>
    [JsonStringEnumMemberName("clinician-override")] Overridden,
}

/// <summary>One evaluation of a lab gate: each rule with its explanation.</summary>
public sealed record GateEvaluation(string ActivityId, string Gate, bool Passed, DateTimeOffset At, IReadOnlyList<RuleResult> Rules);

public sealed record RuleResult(string Label, bool Passed, string Explanation);
