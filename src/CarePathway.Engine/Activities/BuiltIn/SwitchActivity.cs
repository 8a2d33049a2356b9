using System.Text.Json;
using System.Text.Json.Nodes;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Activities.BuiltIn;

/// <summary>Takes the first case whose condition holds, or "default".</summary>
public sealed class SwitchActivity : Activity
{
    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "Switch",
        DisplayName = "Switch",
        Category = "Flow",
        Description = "Checks its cases in order and continues on the first whose condition holds; otherwise on \"default\".",
        Inputs =
        [
            new InputDescriptor
            {
                Name = "cases", Kind = InputKind.ObjectList, Required = true, Description = "Ordered cases, each an outcome name and a condition.",
                Fields =
                [
                    new InputDescriptor { Name = "outcome", Kind = InputKind.Text, Required = true, Description = "The outcome taken when the condition holds." },
                    new InputDescriptor { Name = "condition", Kind = InputKind.Expression, ExpressionType = ExpressionType.Boolean, Required = true, Description = "A yes/no expression." },
                ],
            },
        ],
        OutcomesFrom = "cases",
    };

    public override IReadOnlyList<string> OutcomesOf(ActivityDefinition activity) =>
        [.. CaseOutcomes(activity), Outcomes.Default];

    public override IEnumerable<ValidationProblem> Validate(ActivityDefinition activity, WorkflowDefinition definition)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var outcome in CaseOutcomes(activity))
        {
            if (outcome == Outcomes.Default)
                yield return new ValidationProblem(activity.Id, "inputs.cases", "\"default\" is taken when no case holds and cannot name a case");
            else if (!seen.Add(outcome))
                yield return new ValidationProblem(activity.Id, "inputs.cases", $"the outcome '{outcome}' is used by two cases");
        }
    }

    public override ActivityResult Execute(ActivityContext context)
    {
        var index = 0;
        foreach (var item in context.ObjectList("cases"))
        {
            var outcome = item.GetProperty("outcome").GetString()!;
            var evaluation = context.EvaluateExpression(item.GetProperty("condition").GetString()!, $"cases[{index++}]");
            if (!evaluation.Result.AsBoolean()) continue;
            Journal(context, outcome, evaluation.Explanation);
            return ActivityResult.Done(outcome);
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

    private static IEnumerable<string> CaseOutcomes(ActivityDefinition activity) =>
        activity.Inputs.TryGetValue("cases", out var cases) && cases.ValueKind == JsonValueKind.Array
            ? cases.EnumerateArray()
                .Where(c => c.ValueKind == JsonValueKind.Object && c.TryGetProperty("outcome", out var o) && o.ValueKind == JsonValueKind.String)
                .Select(c => c.GetProperty("outcome").GetString()!)
            : [];
}
