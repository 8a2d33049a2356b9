using System.Text.Json.Nodes;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Activities.BuiltIn;

/// <summary>Takes the first case whose condition holds, or "default".</summary>
public sealed class SwitchActivity : Activity<SwitchActivity.Inputs>
{
    public sealed record Inputs
    {
        [Input("Ordered cases, each an outcome name and a condition.")]
        public required IReadOnlyList<Case> Cases { get; init; }
    }

    public sealed record Case
    {
        [Input("The outcome taken when the condition holds.")]
        public required string Outcome { get; init; }

        [Input("A yes/no expression.", ExpressionType = ExpressionType.Boolean)]
        public required ExpressionInput Condition { get; init; }
    }

    protected override ActivityDescriptor About { get; } = new()
    {
        Type = "Switch",
        DisplayName = "Switch",
        Category = "Flow",
        Description = "Checks its cases in order and continues on the first whose condition holds; otherwise on \"default\".",
        OutcomesFrom = "cases",
    };

    public override IReadOnlyList<string> OutcomesOf(Inputs inputs) =>
        [.. inputs.Cases.Select(c => c.Outcome), Outcomes.Default];

    public override IEnumerable<ValidationProblem> Validate(ActivityDefinition activity, Inputs inputs, WorkflowDefinition definition)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var outcome in inputs.Cases.Select(c => c.Outcome))
        {
            if (outcome == Outcomes.Default)
                yield return new ValidationProblem(activity.Id, "inputs.cases", "\"default\" is taken when no case holds and cannot name a case");
            else if (!seen.Add(outcome))
                yield return new ValidationProblem(activity.Id, "inputs.cases", $"the outcome '{outcome}' is used by two cases");
        }
    }

    public override ActivityResult Execute(ActivityContext context, Inputs inputs)
    {
        foreach (var item in inputs.Cases)
        {
            var evaluation = context.Evaluate(item.Condition);
            if (!evaluation.Result.AsBoolean()) continue;
            Journal(context, item.Outcome, evaluation.Explanation);
            return ActivityResult.Done(item.Outcome);
        }

        Journal(context, Outcomes.Default, "no case held");
        return ActivityResult.Done(Outcomes.Default);
    }

    private static void Journal(ActivityContext context, string outcome, string explanation) =>
        context.Journal(Execution.JournalTypes.Decision, outcome, new JsonObject
        {
            ["activity"] = context.Activity.Id,
            ["outcome"] = outcome,
            ["explanation"] = explanation,
        });
}
