using System.Text.Json.Nodes;

namespace CarePathway.Server.Features.Tasks;

public sealed record TaskSummary(Guid Id, string Kind, string Title, string Role, string? Assignee, Guid PatientId, Guid? InstanceId,
    string ActivityId, string Status, DateTimeOffset? DueAt, bool Overdue, bool Blocking, string? Outcome, DateTimeOffset CreatedAt);

/// <summary>A task with what the person needs to decide: instructions, form, outcomes, evidence.</summary>
public sealed record TaskDetail(TaskSummary Task, string Instructions, JsonNode? Form, IReadOnlyList<string> Outcomes,
    IReadOnlyList<string> ReasonRequiredFor, JsonNode? Evidence, string? CompletedBy, DateTimeOffset? CompletedAt, string? Reason,
    JsonNode? Result, long RowVersion);
