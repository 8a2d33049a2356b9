using System.Text.Json.Nodes;

namespace CarePathway.Engine.Activities.BuiltIn;

/// <summary>Takes the "true" or "false" path by a condition, journaling the explanation.</summary>
public sealed class DecisionActivity : Activity<DecisionActivity.Inputs>
{
    public sealed record Inputs
    {
        [Input("A yes/no expression, e.g. patient.facts.vertebralLesion or lab(\"2160-0\") > 1.2", ExpressionType = ExpressionType.Boolean)]
        public required ExpressionInput Condition { get; init; }
    }

    protected override ActivityDescriptor About { get; } = new()
    {
        Type = "Decision",
        DisplayName = "Decision",
        Category = "Flow",
        Description = "Evaluates a condition and continues on its true or false outcome.",
        Outcomes = [Outcomes.True, Outcomes.False],
    };

    public override ActivityResult Execute(ActivityContext context, Inputs inputs)
    {
        var evaluation = context.Evaluate(inputs.Condition);
        var outcome = evaluation.Result.AsBoolean() ? Outcomes.True : Outcomes.False;
        context.Journal(Execution.JournalTypes.Decision, outcome, new JsonObject
        {
            ["activity"] = context.Activity.Id,
            ["outcome"] = outcome,
            ["explanation"] = evaluation.Explanation,
        });
        return ActivityResult.Done(outcome);
    }
}
