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

public sealed record PathPosition(string ActivityId, TokenStatus Status);

public sealed record WaitingFor(string BookmarkId, string ActivityId, BookmarkKind Kind, Guid? TaskId, DateTimeOffset? DueAt, string? EventType, string? EventKey);

public sealed record IncidentDto(Guid Id, string ActivityId, string Message, DateTimeOffset At, DateTimeOffset? ResolvedAt, string? ResolvedBy);

public sealed record JournalEntryDto(int Sequence, DateTimeOffset At, string Type, string? ActivityId, string? Outcome, CauseKind CauseKind, string? Actor, JsonNode? Data);
