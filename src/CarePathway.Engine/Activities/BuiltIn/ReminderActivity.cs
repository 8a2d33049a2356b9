using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;

namespace CarePathway.Engine.Activities.BuiltIn;

/// <summary>Puts a task on someone's worklist, due at an offset, without holding up the path.</summary>
public sealed class ReminderActivity : Activity<ReminderActivity.Inputs>
{
    public sealed record Inputs : NamedRoleTaskInputs
    {
        [Input("What the reminder is about, as the timeline names it (default: the task kind).", OptionsOf = typeof(ReminderKinds))]
        public string? ReminderKind { get; init; }
    }

    protected override ActivityDescriptor About { get; } = new()
    {
        Type = "Reminder",
        DisplayName = "Reminder",
        Category = "People",
        Description = "Creates a task due after an offset (e.g. imaging before the next cycle) and continues at once.",
        Outcomes = [Outcomes.Done],
    };

    public override ActivityResult Execute(ActivityContext context, Inputs inputs)
    {
        var task = TaskInputs.Create(context, inputs, inputs.Role, [Outcomes.Done], blocking: false, defaultOutcome: Outcomes.Done);
        context.Journal(JournalTypes.ReminderCreated, null, new JsonObject
        {
            ["taskId"] = task.Id,
            ["kind"] = inputs.ReminderKind ?? task.Kind,
            ["taskKind"] = task.Kind,
            ["dueAt"] = task.DueAt,
        });
        return ActivityResult.Done(Outcomes.Done);
    }
}
