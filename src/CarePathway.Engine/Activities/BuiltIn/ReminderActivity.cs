using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;

namespace CarePathway.Engine.Activities.BuiltIn;

/// <summary>Puts a task on someone's worklist, due at an offset, without holding up the path.</summary>
public sealed class ReminderActivity : Activity
{
    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "Reminder",
        DisplayName = "Reminder",
        Category = "People",
        Description = "Creates a task due after an offset (e.g. imaging before the next cycle) and continues at once.",
        Inputs =
        [
            TaskInputs.Kind, TaskInputs.Role, TaskInputs.Title, TaskInputs.Instructions, TaskInputs.DueIn,
            new InputDescriptor
            {
                Name = "reminderKind", Kind = InputKind.Choice, Options = ReminderKinds.All,
                Description = "What the reminder is about, as the timeline names it (default: the task kind).",
            },
        ],
        Outcomes = [Outcomes.Done],
    };

    public override ActivityResult Execute(ActivityContext context)
    {
        var task = TaskInputs.Create(context, context.RequiredText("role"), [Outcomes.Done], blocking: false, defaultOutcome: Outcomes.Done);
        context.Journal(JournalTypes.ReminderCreated, null, new JsonObject
        {
            ["taskId"] = task.Id,
            ["kind"] = context.Text("reminderKind") ?? task.Kind,
            ["taskKind"] = task.Kind,
            ["dueAt"] = task.DueAt,
        });
        return ActivityResult.Done(Outcomes.Done);
    }
}
