using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Activities.BuiltIn;

/// <summary>Waits for a durable timer: a duration from now, or until a computed time.</summary>
public sealed class DelayActivity : Activity<DelayActivity.Inputs>
{
    public sealed record Inputs
    {
        [Input("How long to wait, e.g. 12w or param.cycleInterval.", ExpressionType = ExpressionType.Duration)]
        public ExpressionInput? Duration { get; init; }

        [Input("When to continue, e.g. var.lastDoseAt + 90d. Give this or duration, not both.", ExpressionType = ExpressionType.DateTime)]
        public ExpressionInput? Until { get; init; }
    }

    protected override ActivityDescriptor About { get; } = new()
    {
        Type = "Delay",
        DisplayName = "Delay / timer",
        Category = "Time",
        Description = "Waits for a duration (e.g. param.nsaidTrialLength) or until a time (e.g. var.lastDoseAt + 90d). Timers survive restarts.",
        Outcomes = [Outcomes.Done],
        Blocking = true,
    };

    public override IEnumerable<ValidationProblem> Validate(ActivityDefinition activity, Inputs inputs, WorkflowDefinition definition)
    {
        if ((inputs.Duration is null) == (inputs.Until is null))
            yield return new ValidationProblem(activity.Id, "inputs.duration", "give exactly one of duration and until");
    }

    public override ActivityResult Execute(ActivityContext context, Inputs inputs)
    {
        var due = inputs.Duration is { } duration
            ? context.Now + context.Evaluate(duration).Result.AsDuration()
            : context.Evaluate(inputs.Until!).Result.AsDateTime();
        // A time already passed still goes through the timer, so the journal shows it fired.
        context.AddBookmark(BookmarkKind.Timer, dueAt: due < context.Now ? context.Now : due);
        return ActivityResult.Wait;
    }

    public override ActivityResult Resume(ActivityContext context, Inputs inputs, Bookmark bookmark, Stimulus stimulus) =>
        ActivityResult.Done(Outcomes.Done);
}
