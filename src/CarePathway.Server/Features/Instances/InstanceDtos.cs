using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;

namespace CarePathway.Server.Features.Instances;

public sealed record InstanceSummary(Guid Id, string DefinitionId, int Version, Guid PatientId, InstanceStatus Status,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset UpdatedAt, DateTimeOffset? CompletedAt);

/// <summary>
/// An instance and where it is: the activities its paths are at, what they wait for, open incidents; for
/// clinical pathways the course (<see cref="CourseView"/>) and the lab baselines by LOINC code.
/// </summary>
public sealed record InstanceDetail(InstanceSummary Instance, IReadOnlyList<PathPosition> Positions,
    IReadOnlyList<WaitingFor> Waiting, IReadOnlyList<IncidentDto> Incidents, JsonObject Variables, JsonObject Parameters, long RowVersion,
    JsonObject Course, JsonObject Baselines);

/// <summary>Where a path is; <c>ActivityName</c> is the activity's name in the definition ("Next infusion day"), its id when it has none: what a coordinator reads.</summary>
public sealed record PathPosition(string ActivityId, TokenStatus Status, string ActivityName);

/// <summary>What a path waits for (a task, a timer, an event); <c>ActivityName</c> as on <see cref="PathPosition"/>.</summary>
public sealed record WaitingFor(string BookmarkId, string ActivityId, BookmarkKind Kind, Guid? TaskId, DateTimeOffset? DueAt, string? EventType, string? EventKey,
    string ActivityName);

public sealed record IncidentDto(Guid Id, string ActivityId, string Message, DateTimeOffset At, DateTimeOffset? ResolvedAt, string? ResolvedBy);

/// <summary>
/// One journal entry as stored (type, activity, outcome, cause, actor, data: the raw journal), and told in clinical words
/// (<see cref="JournalNarrative"/>).
/// </summary>
public sealed record JournalEntryDto(int Sequence, DateTimeOffset At, string Type, string? ActivityId, string? Outcome, CauseKind CauseKind, string? Actor, JsonNode? Data)
{
    /// <summary>The entry as a clinical sentence ("Cycle 1 day 1: pamidronate 36 mg given by nurse"); null for the engine's plumbing, which the clinical timeline leaves out.</summary>
    public string? Summary { get; init; }

    /// <summary>A person's own act, or a step the system took (even one a person's act set off).</summary>
    public JournalActorKind ActorKind { get; init; }

    /// <summary>Who the entry is credited to: the person who acted, or "System".</summary>
    public string CreditedTo { get; init; } = JournalNarrative.System;
}
