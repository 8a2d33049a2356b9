using System.Text.Json.Nodes;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Activities.BuiltIn;

/// <summary>
/// When a task is due: <see cref="DueIn"/> when its work is planned for a later day (a recheck in a week), or
/// <see cref="RespondWithin"/>, a deadline for work to be done now (an approval, a review); at most one of them.
/// </summary>
public interface ITaskDue
{
    ExpressionInput? DueIn { get; }
    ExpressionInput? RespondWithin { get; }
}

/// <summary>The inputs every task-creating activity (HumanTask, Approval, Reminder, InfusionApproval) declares.</summary>
public interface ITaskInputs : ITaskDue
{
    string Kind { get; }
    string Title { get; }
    string? Instructions { get; }
}

/// <summary>The inputs of a task whose role the activity decides (a clinician's approval); an activity's own inputs follow.</summary>
public abstract record DecidedRoleTaskInputs : ITaskInputs
{
    [Input(TaskInputs.Kind)] public required string Kind { get; init; }
    [Input(TaskInputs.Title)] public required string Title { get; init; }
    [Input(TaskInputs.Instructions)] public string? Instructions { get; init; }
    [Input(TaskInputs.DueIn, ExpressionType = ExpressionType.Duration)] public ExpressionInput? DueIn { get; init; }
    [Input(TaskInputs.RespondWithin, ExpressionType = ExpressionType.Duration)] public ExpressionInput? RespondWithin { get; init; }
}

/// <summary>The inputs of a task for the role the definition names; an activity's own inputs follow.</summary>
public abstract record NamedRoleTaskInputs : ITaskInputs
{
    [Input(TaskInputs.Kind)] public required string Kind { get; init; }
    [Input(TaskInputs.Role, OptionsOf = typeof(TaskRoles))] public required string Role { get; init; }
    [Input(TaskInputs.Title)] public required string Title { get; init; }
    [Input(TaskInputs.Instructions)] public string? Instructions { get; init; }
    [Input(TaskInputs.DueIn, ExpressionType = ExpressionType.Duration)] public ExpressionInput? DueIn { get; init; }
    [Input(TaskInputs.RespondWithin, ExpressionType = ExpressionType.Duration)] public ExpressionInput? RespondWithin { get; init; }
}

/// <summary>The descriptions of the task inputs and the task creation the task-creating activities share.</summary>
internal static class TaskInputs
{
    public const string Kind = "A stable task kind that worklists and the simulator use (e.g. nsaid-review, infusion-approval).";
    public const string Title = "What the person sees in their worklist.";
    public const string Instructions = "What to do and what to look at.";
    public const string Role = "Who works this task.";
    public const string DueIn = "When the task's work is planned, from when it is created (e.g. 7d for a recheck in a week).";
    public const string RespondWithin = "A deadline for work to be done now (e.g. 1d for an approval): the task is due this long after it is created and shows as overdue after. Not with dueIn.";

    /// <summary>Builds the task for the current activity from its kind, title, instructions and dueIn inputs.</summary>
    public static TaskSpec Create(ActivityContext context, ITaskInputs inputs, string role, IReadOnlyList<string> outcomes, bool blocking,
        IReadOnlyList<string>? reasonRequiredFor = null, string? defaultOutcome = null, JsonObject? evidence = null, JsonArray? form = null,
        string? bookmarkTag = null)
    {
        return CreateTask(context, new TaskSpec
        {
            Id = Guid.Empty,
            Kind = inputs.Kind,
            ActivityId = context.Activity.Id,
            Role = role,
            Title = inputs.Title,
            Instructions = inputs.Instructions ?? "",
            Form = form ?? [],
            Outcomes = outcomes,
            ReasonRequiredFor = reasonRequiredFor ?? [],
            DefaultOutcome = defaultOutcome,
            DueAt = DueAt(context, inputs),
            DueIsDeadline = inputs.RespondWithin is not null,
            Evidence = evidence ?? [],
        }, blocking, bookmarkTag);
    }

    /// <summary>When a task is due: <paramref name="dueIn"/> from now, or never when it is not given.</summary>
    public static DateTimeOffset? DueAt(ActivityContext context, ExpressionInput? dueIn) =>
        dueIn is null ? null : context.Now + context.Evaluate(dueIn).Result.AsDuration();

    /// <summary>When a task is due: its planned day or its deadline, from now; never when it has neither.</summary>
    public static DateTimeOffset? DueAt(ActivityContext context, ITaskDue due) => DueAt(context, due.DueIn ?? due.RespondWithin);

    /// <summary>A task the path waits on with no due date is never overdue: nobody sees that it waits.</summary>
    public static IEnumerable<ValidationProblem> Advise(ActivityDefinition activity, ITaskDue due)
    {
        if (due.DueIn is null && due.RespondWithin is null)
            yield return new ValidationProblem(activity.Id, "inputs.respondWithin", "the pathway waits on this task, which has no due date (respondWithin or dueIn): nobody sees when it is overdue");
    }

    /// <summary>A task has one due date: a planned day or a deadline, not both.</summary>
    public static IEnumerable<ValidationProblem> Check(ActivityDefinition activity, ITaskDue due)
    {
        if (due.DueIn is not null && due.RespondWithin is not null)
            yield return new ValidationProblem(activity.Id, "inputs.respondWithin", "give dueIn (when the work is planned) or respondWithin (a deadline), not both");
    }

    /// <summary>
    /// Gives the task its identity and hands it to the host; a blocking task also gets the bookmark its path waits on
    /// (tagged with <paramref name="bookmarkTag"/>, for an activity that must remember something about the task until it is decided).
    /// </summary>
    public static TaskSpec CreateTask(ActivityContext context, TaskSpec template, bool blocking, string? bookmarkTag = null)
    {
        var taskId = context.NewTaskId();
        var bookmark = blocking ? context.AddBookmark(BookmarkKind.Task, taskId: taskId, tag: bookmarkTag) : null;
        var task = template with { Id = taskId, ActivityId = context.Activity.Id, BookmarkId = bookmark?.Id };
        context.CreateTask(task);
        return task;
    }

    /// <summary>Journals the decision on a blocking task of <paramref name="kind"/>; the host has already checked it against <see cref="TaskCompletionRules"/>.</summary>
    public static void JournalCompletion(ActivityContext context, TaskCompleted completion, string kind) =>
        context.Journal(JournalTypes.TaskCompleted, completion.Outcome, TaskCompletionRecord.Data(completion, kind));
}
