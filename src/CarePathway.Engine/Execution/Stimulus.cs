using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CarePathway.Engine.Clinical;

namespace CarePathway.Engine.Execution;

/// <summary>Something from outside that may resume an instance.</summary>
public abstract record Stimulus
{
    public abstract Cause Cause { get; }
}

/// <summary>A person completed a human task with one of its outcomes.</summary>
public sealed record TaskCompleted(Guid TaskId, string Outcome, string CompletedBy, string? Reason, JsonObject? Data) : Stimulus
{
    public override Cause Cause => Cause.User(CompletedBy);
}

/// <summary>A durable timer reached its due time.</summary>
public sealed record TimerFired(string BookmarkId) : Stimulus
{
    public override Cause Cause => Cause.Timer(BookmarkId);
}

/// <summary>Something happened to the patient: a lab result, a measurement, an assessment.</summary>
/// <param name="EventType">lab, measurement or assessment.</param>
/// <param name="Key">The lab code, measurement kind or assessment name.</param>
/// <param name="Payload">value, unit, observedAt...</param>
/// <param name="RecordedBy">Who recorded it; the journal names them as the cause.</param>
public sealed record EventReceived(string EventType, string Key, JsonObject Payload, string RecordedBy) : Stimulus
{
    public override Cause Cause => Cause.Event($"{EventType}:{Key}", RecordedBy);

    /// <summary>
    /// True when this event answers a wait for <paramref name="wantedKey"/>: its own key, or for a lab result the
    /// same measurement under another code (creatinine as 14682-9 in umol/L answers a wait for 2160-0).
    /// </summary>
    public bool Answers(string wantedKey) =>
        EventType == EventTypes.Lab ? LabCatalog.Answers(Key, wantedKey) : Key == wantedKey;

    /// <summary>Every key a wait may name that this event answers (see <see cref="Answers"/>), for a host to find the waits.</summary>
    public IReadOnlyList<string> KeysAnswered() => EventType == EventTypes.Lab
        ? [Key, .. LabCatalog.Tests.Select(t => t.Code).Where(code => code != Key && LabCatalog.Answers(Key, code))]
        : [Key];
}

/// <summary>
/// A lab result was marked entered in error (a wrong value, the wrong patient): it no longer counts, so what stood on it
/// is looked at again. A gate waiting that reads its code runs again; an approval or infusion whose dose a gate cleared
/// on it loses that clearance (and, with <c>recheckWhenLabsExpire</c>, goes back to the gate as if its labs had expired).
/// </summary>
public sealed record LabWithdrawn(string Code, DateTimeOffset ObservedAt, string WithdrawnBy, string Reason) : Stimulus
{
    public override Cause Cause => Cause.User(WithdrawnBy);

    /// <summary>True when a rule on <paramref name="code"/> read this result, or a result it is calculated from (corrected calcium).</summary>
    public bool Concerns(string code) =>
        LabCatalog.Answers(Code, code) || LabCatalog.CalculatedFrom(code).Any(source => LabCatalog.Answers(Code, source));
}

/// <summary>Why a step happened: which user, timer or event, for the journal.</summary>
public sealed record Cause(CauseKind Kind, string? Actor, string? Reference)
{
    public static Cause User(string userName) => new(CauseKind.User, userName, null);
    public static Cause Timer(string bookmarkId) => new(CauseKind.Timer, null, bookmarkId);
    public static Cause Event(string reference, string? recordedBy) => new(CauseKind.Event, recordedBy, reference);
    public static Cause System(string? actor = null) => new(CauseKind.System, actor, null);
}

/// <summary>What made a step happen; travels as the lowercase name (the journal's and the timeline's cause).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CauseKind>))]
public enum CauseKind
{
    /// <summary>A person (the actor).</summary>
    [JsonStringEnumMemberName("user")] User,

    /// <summary>A timer that came due (the reference is its bookmark).</summary>
    [JsonStringEnumMemberName("timer")] Timer,

    /// <summary>A recorded lab, measurement or assessment (the reference names it).</summary>
    [JsonStringEnumMemberName("event")] Event,

    /// <summary>The engine itself, e.g. starting a pathway.</summary>
    [JsonStringEnumMemberName("system")] System,
}

/// <summary>
/// The kinds of event a wait can name. They stay strings: definitions and scenarios name them as text (a
/// WaitForEvent's eventType, a scenario's events), and the timeline shows them as written.
/// </summary>
public static class EventTypes
{
    public const string Lab = "lab";
    public const string Measurement = "measurement";
    public const string Assessment = "assessment";

    public static readonly IReadOnlyList<string> All = [Lab, Measurement, Assessment];
}
