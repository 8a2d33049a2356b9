using System.Text.Json.Serialization;

namespace CarePathway.Engine.Execution;

/// <summary>A dose that was given, as the nurse or coordinator recorded it.</summary>
public sealed record AdministrationRecord(string Drug, decimal DoseMg, DateTimeOffset StartedAt, int Cycle, int CycleDay, int InfusionMinutes, string RecordedBy);

/// <summary>
/// A dose recorded as not given: the drug, the cycle and its day (the dose number within the cycle), the mg planned for it,
/// when it was recorded and by whom, and why (null when no reason was given).
/// </summary>
public sealed record NotGivenRecord(string Drug, int Cycle, int CycleDay, decimal PlannedMg, DateTimeOffset RecordedAt, string? Reason, string RecordedBy);

/// <summary>Why the next dose may be given: a gate passed, or a clinician overrode a held one (with a reason).</summary>
public sealed record GateClearance(GateClearanceKind Kind, string ActivityId, DateTimeOffset At, string? By, string? Reason)
{
    /// <summary>
    /// When the labs it stands on leave their gate's freshness window: after that no dose is given on it, and the gate runs
    /// again on fresh results. Null for clearances stored before it was recorded, and for an override with no labs behind it.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>True when it no longer clears a dose at <paramref name="at"/>.</summary>
    public bool ExpiredAt(DateTimeOffset at) => ExpiresAt is { } expires && at >= expires;
}

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
public sealed record GateEvaluation(string ActivityId, string Gate, bool Passed, DateTimeOffset At, IReadOnlyList<RuleResult> Rules)
{
    /// <summary>The labs the gate required (shown to the approver beside the ones the approval names); null in older documents.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Codes { get; init; }

    /// <summary>The first moment the oldest of those labs is out of the gate's freshness window; null in older documents.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? FreshUntil { get; init; }
}

public sealed record RuleResult(string Label, bool Passed, string Explanation)
{
    /// <summary>The limits the rule held labs' latest results to (a chart's threshold lines); null when it held none, and in older documents.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Expressions.LabThreshold>? Thresholds { get; init; }

    // By value, thresholds included: a rule read back from the stored course equals the one written.
    public bool Equals(RuleResult? other) =>
        other is not null && Label == other.Label && Passed == other.Passed && Explanation == other.Explanation
        && (Thresholds ?? []).SequenceEqual(other.Thresholds ?? []);

    public override int GetHashCode() => HashCode.Combine(Label, Passed, Explanation);
}
