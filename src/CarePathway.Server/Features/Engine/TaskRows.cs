using System.Text.Json;
using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Runtime;
using CarePathway.Server.Persistence;

namespace CarePathway.Server.Features.Engine;

/// <summary>A task as a row and back: the engine's <see cref="TaskSpec"/> stored, the runtime's <see cref="TaskRecord"/> read.</summary>
internal static class TaskRows
{
    public static HumanTask ToRow(TaskSpec task, WorkflowInstance instance, DateTimeOffset now) => new()
    {
        Id = task.Id,
        InstanceId = instance.Id,
        PatientId = instance.PatientId,
        Kind = task.Kind,
        ActivityId = task.ActivityId,
        Role = task.Role,
        Title = task.Title,
        Instructions = task.Instructions,
        FormJson = task.Form.ToJsonString(),
        OutcomesJson = JsonSerializer.Serialize(new TaskOutcomes(task.Outcomes, task.ReasonRequiredFor)),
        DefaultOutcome = task.DefaultOutcome,
        DueAt = task.DueAt,
        LabHold = task.LabHold,
        EvidenceJson = task.Evidence.ToJsonString(),
        BookmarkId = task.BookmarkId,
        CreatedAt = now,
    };

    /// <summary>An open task as the engine created it, for running its instance forward in memory (a move's dry run).</summary>
    public static TaskSpec ToSpec(HumanTask row)
    {
        var outcomes = TaskOutcomes.Read(row.OutcomesJson);
        return new TaskSpec
        {
            Id = row.Id,
            Kind = row.Kind,
            ActivityId = row.ActivityId,
            Role = row.Role,
            Title = row.Title,
            Instructions = row.Instructions,
            Form = JsonNode.Parse(row.FormJson) as JsonArray ?? [],
            Outcomes = outcomes.Outcomes,
            ReasonRequiredFor = outcomes.ReasonRequiredFor,
            DefaultOutcome = row.DefaultOutcome,
            DueAt = row.DueAt,
            LabHold = row.LabHold,
            Evidence = JsonNode.Parse(row.EvidenceJson) as JsonObject ?? [],
            BookmarkId = row.BookmarkId,
        };
    }

    public static TaskRecord ToRecord(HumanTask row)
    {
        var outcomes = TaskOutcomes.Read(row.OutcomesJson);
        return new TaskRecord
        {
            Id = row.Id,
            // Every task row is created by an instance's run (the column is nullable for the schema's sake only).
            InstanceId = row.InstanceId ?? throw new InvalidOperationException($"task {row.Id} has no instance"),
            ActivityId = row.ActivityId,
            Kind = row.Kind,
            Role = row.Role,
            Status = row.Status,
            Assignee = row.Assignee,
            Outcomes = outcomes.Outcomes,
            ReasonRequiredFor = outcomes.ReasonRequiredFor,
            Form = JsonNode.Parse(row.FormJson) as JsonArray ?? [],
            BookmarkId = row.BookmarkId,
            Outcome = row.Outcome,
            Reason = row.Reason,
            CompletedBy = row.CompletedBy,
            CompletedAt = row.CompletedAt,
        };
    }
}

/// <summary>What a task row stores about its choices: the outcomes and which of them need a reason.</summary>
internal sealed record TaskOutcomes(IReadOnlyList<string> Outcomes, IReadOnlyList<string> ReasonRequiredFor)
{
    public static TaskOutcomes Read(string json) =>
        JsonSerializer.Deserialize<TaskOutcomes>(json) ?? new TaskOutcomes([], []);
}
