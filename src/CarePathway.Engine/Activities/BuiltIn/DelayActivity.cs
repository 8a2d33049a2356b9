using System.Text.Json;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Activities.BuiltIn;

/// <summary>Waits for a durable timer: a duration from now, or until a computed time.</summary>
public sealed class DelayActivity : Activity
{
    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "Delay",
        DisplayName = "Delay / timer",
        Category = "Time",
        Description = "Waits for a duration (e.g. param.nsaidTrialLength) or until a time (e.g. var.lastDoseAt + 90d). Timers survive restarts.",
        Inputs =
        [
            new InputDescriptor { Name = "duration", Kind = InputKind.Expression, ExpressionType = ExpressionType.Duration, Description = "How long to wait, e.g. 12w or param.cycleInterval." },
            new InputDescriptor { Name = "until", Kind = InputKind.Expression, ExpressionType = ExpressionType.DateTime, Description = "When to continue, e.g. var.lastDoseAt + 90d. Give this or duration, not both." },
        ],
        Outcomes = [Outcomes.Done],
        Blocking = true,
    };

    public override IEnumerable<ValidationProblem> Validate(ActivityDefinition activity, WorkflowDefinition definition)
    {
        var hasDuration = activity.HasInput("duration");
        var hasUntil = activity.HasInput("until");
        if (hasDuration == hasUntil)
            yield return new ValidationProblem(activity.Id, "inputs.duration", "give exactly one of duration and until");
    }

    public override ActivityResult Execute(ActivityContext context)
    {
        var due = context.HasInput("duration")
            ? context.Now + context.Evaluate("duration").Result.AsDuration()
            : context.Evaluate("until").Result.AsDateTime();
        // A time already passed still goes through the timer, so the journal shows it fired.
        context.AddBookmark(BookmarkKind.Timer, dueAt: due < context.Now ? context.Now : due);
        return ActivityResult.Wait;
    }

    public override ActivityResult Resume(ActivityContext context, Bookmark bookmark, Stimulus stimulus) =>
        ActivityResult.Done(Outcomes.Done);
}
