using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CarePathway.Engine.Execution;

/// <summary>
/// Everything the engine needs to continue an instance, serialized as one JSON document and
/// stored in the same transaction as its bookmarks, tasks and journal entries.
/// </summary>
public sealed class InstanceState
{
    public required Guid InstanceId { get; init; }
    public required string DefinitionId { get; init; }
    public required int Version { get; init; }
    public required Guid PatientId { get; init; }
    /// <summary>Changed only through <see cref="MoveTo"/>, so the lifecycle's table is never bypassed.</summary>
    [JsonInclude]
    public InstanceStatus Status { get; private set; } = InstanceStatus.Running;
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Effective parameter values: the definition's defaults with any overrides given at start.</summary>
    public Dictionary<string, JsonNode?> Parameters { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, JsonNode?> Variables { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Lab values captured as the course's baseline, by LOINC code; captured once, shown in later comparisons.</summary>
    public Dictionary<string, LabValue> Baselines { get; init; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Each variable a RenalFunction step worked out, by name: how, and from which creatinine (H11). Null until one
    /// has, so an instance stored before this existed is written back as it was.
    /// </summary>
    public Dictionary<string, RenalFunctionSource>? RenalFunctions { get; set; }

    /// <summary>Set when a clinician started the pathway outside its eligibility rules: who and why.</summary>
    public EligibilityOverride? EligibilityOverride { get; init; }

    /// <summary>The treatment course: dose plans, administrations, gate clearances (clinical activities only).</summary>
    public CourseState Course { get; init; } = new();

    public List<Token> Tokens { get; init; } = [];
    public List<Bookmark> Bookmarks { get; init; } = [];
    public List<IncidentRecord> Incidents { get; init; } = [];

    /// <summary>Source of token, bookmark and task identities: deterministic for a given instance.</summary>
    public int NextSequence { get; set; } = 1;

    /// <summary>Number of journal records written so far; the next record gets this + 1.</summary>
    public int JournalSequence { get; set; }

    public int TakeSequence() => NextSequence++;

    /// <summary>Changes the status as <see cref="InstanceStatusTransitions.Table"/> allows, or throws <see cref="IllegalTransitionException"/>.</summary>
    public void MoveTo(InstanceStatus status) => Status = InstanceStatusTransitions.Table.Check($"instance {InstanceId}", Status, status);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>
    /// A copy of this instance pinned to another version of its definition, everything else as it is (course, paths,
    /// waits, journal sequence): where moving it to that version starts. The original is left untouched.
    /// </summary>
    public InstanceState RepinnedTo(int version)
    {
        var copy = FromJson(ToJson());
        return new InstanceState
        {
            InstanceId = copy.InstanceId,
            DefinitionId = copy.DefinitionId,
            Version = version,
            PatientId = copy.PatientId,
            Status = copy.Status,
            StartedAt = copy.StartedAt,
            EndedAt = copy.EndedAt,
            Parameters = copy.Parameters,
            Variables = copy.Variables,
            Baselines = copy.Baselines,
            RenalFunctions = copy.RenalFunctions,
            EligibilityOverride = copy.EligibilityOverride,
            Course = copy.Course,
            Tokens = copy.Tokens,
            Bookmarks = copy.Bookmarks,
            Incidents = copy.Incidents,
            NextSequence = copy.NextSequence,
            JournalSequence = copy.JournalSequence,
        };
    }

    /// <summary>A deep copy (for running an instance forward without changing it).</summary>
    public InstanceState Copy() => FromJson(ToJson());

    public static InstanceState FromJson(string json) =>
        JsonSerializer.Deserialize<InstanceState>(json, JsonOptions) ?? throw new JsonException("instance state is empty");
}

/// <summary>A lab value with its unit and when it was observed.</summary>
public sealed record LabValue(decimal Value, string Unit, DateTimeOffset ObservedAt);

/// <summary>
/// How a renal function variable was worked out: the formula used, when the creatinine it read was drawn, and the
/// working (the formula with the creatinine, weight, height and age it used; null on states stored before it was kept).
/// A stored value carries no label: this is what names it in every explanation that reads it (H10).
/// </summary>
public sealed record RenalFunctionSource(string Method, DateTimeOffset CreatinineObservedAt, string? Working = null)
{
    /// <summary>What the value is, as a clinician names it: a clearance by Cockcroft-Gault, an eGFR by bedside Schwartz.</summary>
    [JsonIgnore]
    public string Label => Method == Activities.Clinical.RenalFunctionActivity.CockcroftGault ? "creatinine clearance" : "eGFR";
}

/// <summary>A path through the graph: where it is and which fork scopes it belongs to.</summary>
public sealed class Token
{
    public required string Id { get; init; }
    public required string ActivityId { get; set; }
    /// <summary>Changed only through <see cref="MoveTo"/>, so the path lifecycle's table is never bypassed.</summary>
    [JsonInclude]
    public TokenStatus Status { get; private set; } = TokenStatus.Ready;

    /// <summary>Fork scopes this path was created in, innermost last; a Join pairs paths by their innermost scope.</summary>
    public List<string> Scopes { get; init; } = [];

    /// <summary>Changes the status as <see cref="TokenStatusTransitions.Table"/> allows, or throws <see cref="IllegalTransitionException"/>.</summary>
    public void MoveTo(TokenStatus status) => Status = TokenStatusTransitions.Table.Check($"path {Id}", Status, status);
}

/// <summary>Something an activity waits for. Resuming consumes it, which is what makes resumption idempotent.</summary>
public sealed class Bookmark
{
    public required string Id { get; init; }
    public required string TokenId { get; init; }
    public required string ActivityId { get; init; }
    public required BookmarkKind Kind { get; init; }
    public Guid? TaskId { get; init; }
    public DateTimeOffset? DueAt { get; init; }
    public string? EventType { get; init; }
    public string? EventKey { get; init; }

    /// <summary>Lets an activity with several bookmarks tell them apart (e.g. "timeout").</summary>
    public string? Tag { get; init; }

    /// <summary>
    /// The tag of an event bookmark that listens for a result nobody asked for (a decision that ends when fresh results
    /// make it unneeded): not a request, so nothing answers it, orders it or shows it as what the instance waits for.
    /// </summary>
    public const string WatchTag = "watch";

    [JsonIgnore]
    public bool Watches => Tag == WatchTag;

    /// <summary>When the path began waiting on it; null on states saved before it was kept.</summary>
    public DateTimeOffset? CreatedAt { get; init; }
}

/// <summary>What a bookmark waits for; travels as the lowercase name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BookmarkKind>))]
public enum BookmarkKind
{
    /// <summary>A person completing a task.</summary>
    [JsonStringEnumMemberName("task")] Task,

    /// <summary>A due time.</summary>
    [JsonStringEnumMemberName("timer")] Timer,

    /// <summary>A lab, measurement or assessment being recorded.</summary>
    [JsonStringEnumMemberName("event")] Event,
}

public sealed class IncidentRecord
{
    public required Guid Id { get; init; }
    public required string ActivityId { get; init; }
    public required string TokenId { get; init; }
    public required string Message { get; init; }
    public required DateTimeOffset At { get; init; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
}
