using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;

namespace CarePathway.Engine.Activities.BuiltIn;

/// <summary>Inputs and task creation shared by HumanTask, Approval and Reminder.</summary>
internal static class TaskInputs
{
    public static readonly InputDescriptor Kind = new()
    {
        Name = "kind", Kind = InputKind.Text, Required = true,
        Description = "A stable task kind that worklists and the simulator use (e.g. nsaid-review, infusion-approval).",
    };

    public static readonly InputDescriptor Title = new()
    {
        Name = "title", Kind = InputKind.Text, Required = true, Description = "What the person sees in their worklist.",
    };

    public static readonly InputDescriptor Instructions = new()
    {
        Name = "instructions", Kind = InputKind.Text, Description = "What to do and what to look at.",
    };

    public static readonly InputDescriptor Role = new()
    {
        Name = "role", Kind = InputKind.Choice, Required = true, Options = TaskRoles.All, Description = "Who works this task.",
    };

    public static readonly InputDescriptor DueIn = new()
    {
        Name = "dueIn", Kind = InputKind.Expression, ExpressionType = ExpressionType.Duration,
        Description = "When the task is due, from when it is created (e.g. 2d).",
    };

    /// <summary>Builds the task for the current activity from its kind, title, instructions and dueIn inputs.</summary>
    public static TaskSpec Create(ActivityContext context, string role, IReadOnlyList<string> outcomes, bool blocking,
        IReadOnlyList<string>? reasonRequiredFor = null, string? defaultOutcome = null, JsonObject? evidence = null, JsonArray? form = null,
        string? bookmarkTag = null)
    {
        var dueAt = context.HasInput("dueIn") ? context.Now + context.Evaluate("dueIn").Result.AsDuration() : (DateTimeOffset?)null;
        return CreateTask(context, new TaskSpec
        {
            Id = Guid.Empty,
            Kind = context.RequiredText("kind"),
            ActivityId = context.Activity.Id,
            Role = role,
            Title = context.RequiredText("title"),
            Instructions = context.Text("instructions") ?? "",
            Form = form ?? [],
            Outcomes = outcomes,
            ReasonRequiredFor = reasonRequiredFor ?? [],
            DefaultOutcome = defaultOutcome,
            DueAt = dueAt,
            Evidence = evidence ?? [],
        }, blocking, bookmarkTag);
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

    /// <summary>Journals the decision on a blocking task; the host has already checked it against <see cref="TaskCompletionRules"/>.</summary>
    public static void JournalCompletion(ActivityContext context, TaskCompleted completion, string? kind = null) =>
        context.Journal(JournalTypes.TaskCompleted, completion.Outcome, TaskCompletionRecord.Data(completion, kind ?? context.Text("kind")));
}
