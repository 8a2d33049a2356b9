using System.Text.Json.Nodes;
using CarePathway.Engine.Activities;
using CarePathway.Engine.Runtime;

namespace CarePathway.Server.Features.Tasks;

/// <summary>
/// A worklist row. <paramref name="PatientName"/> is "Family, Given" and comes with the MRN, so a worklist
/// needs no request per patient. <paramref name="LabHold"/>: for a lab gate's order-labs task, missing or held.
/// </summary>
public sealed record TaskSummary(Guid Id, string Kind, LabHold? LabHold, string Title, string Role, string? Assignee, Guid PatientId,
    string PatientName, string PatientMrn, Guid? InstanceId, string ActivityId, HumanTaskStatus Status, DateTimeOffset? DueAt, bool Overdue,
    bool Blocking, string? Outcome, DateTimeOffset CreatedAt);

/// <summary>
/// A task with what the person needs to decide: instructions, form, outcomes, evidence. <paramref name="Choices"/> gives
/// each outcome with whether the person asking may choose it now and, if not, why (the engine's own check on the
/// instance as it is now), so no client keeps rules of its own. <paramref name="OpenOnCourse"/>: the other open tasks of
/// the same pathway (a dental review, an imaging reminder, a urine test order), so an approver sees what is not done yet.
/// </summary>
public sealed record TaskDetail(TaskSummary Task, string Instructions, JsonNode? Form, IReadOnlyList<string> Outcomes,
    IReadOnlyList<string> ReasonRequiredFor, IReadOnlyList<OutcomeAvailability> Choices, JsonNode? Evidence, string? CompletedBy, DateTimeOffset? CompletedAt, string? Reason,
    JsonNode? Result, long RowVersion, IReadOnlyList<TaskSummary> OpenOnCourse);

/// <summary>
/// The worklist's counts under a filter: each view (tab) with its open tasks, the task kinds among them (for a kind
/// filter that offers only what is there), and the suspended pathways.
/// </summary>
public sealed record TaskCounts(IReadOnlyList<ViewCount> Views, IReadOnlyList<KindCount> Kinds, int SuspendedPathways);

/// <summary><paramref name="View"/> is one of today, overdue, upcoming, undated, held, approval, missing-labs, all.</summary>
public sealed record ViewCount(string View, int Count);

public sealed record KindCount(string Kind, int Count);
