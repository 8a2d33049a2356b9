using System.Text.Json.Nodes;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Activities.BuiltIn;

/// <summary>
/// Where the pathway begins. It states who the pathway is for (<c>eligibility</c>: rules on the patient and the
/// parameters, e.g. an age range with its source) and which pathways may not run beside it for one patient
/// (<c>courseGroup</c>). A patient outside a rule is not started (<see cref="IneligibleStartException"/>, before anything
/// is stored) unless a clinician starts it with a reason, which is journaled with the rules that did not hold. It also
/// states the settings the pathway cannot run without (<c>requires</c>: e.g. a drug's minimum infusion time no source
/// names, left for the service to set): a start that does not meet one is refused naming the parameter
/// (<see cref="InvalidStartException"/>), and no reason overrides it, as no reason fixes a bad parameter.
/// </summary>
public sealed class StartActivity : Activity<StartActivity.Inputs>
{
    public sealed record Inputs
    {
        [Input("Who the pathway is for: every rule must hold at start, or a clinician starts it with a recorded reason.")]
        public IReadOnlyList<Rule> Eligibility { get; init; } = [];

        [Input("Settings the pathway cannot run without: a start where one does not hold is refused naming its parameter; no clinician override.")]
        public IReadOnlyList<SettingRule> Requires { get; init; } = [];

        [Input("Pathways naming the same group do not run side by side for one patient (e.g. bisphosphonate: two running courses double-dose).")]
        public string? CourseGroup { get; init; }
    }

    public sealed record Rule
    {
        [Input("e.g. Age 1-18 years (children; bedside Schwartz range, R9)")]
        public required string Label { get; init; }

        [Input("e.g. patient.ageYears >= param.minAgeYears", ExpressionType = ExpressionType.Boolean)]
        public required ExpressionInput Expression { get; init; }
    }

    public sealed record SettingRule
    {
        [Input("The parameter a service sets to meet the rule; the refusal names it.")]
        public required string Parameter { get; init; }

        [Input("e.g. Neridronate's minimum infusion time is set (no source names one)")]
        public required string Label { get; init; }

        [Input("On the parameters only, e.g. param.drug != \"neridronate\" or param.neridronateInfusionTime > 0min", ExpressionType = ExpressionType.Boolean)]
        public required ExpressionInput Expression { get; init; }
    }

    protected override ActivityDescriptor About { get; } = new()
    {
        Type = "Start",
        DisplayName = "Start",
        Category = "Flow",
        Description = "Where the pathway begins; says who it is for. A definition has exactly one.",
        Outcomes = [Outcomes.Done],
    };

    public override IEnumerable<ValidationProblem> Validate(ActivityDefinition activity, Inputs inputs, WorkflowDefinition definition)
    {
        foreach (var rule in inputs.Requires)
        {
            if (!definition.Parameters.Any(p => p.Name == rule.Parameter))
                yield return new ValidationProblem(activity.Id, "inputs.requires", $"'{rule.Parameter}' is not a parameter of this pathway");
            // A setting holds or not whoever the patient is: a rule on the patient or the course belongs in eligibility.
            foreach (var name in rule.Expression.Expression.Names.Where(n => !n.StartsWith("param.", StringComparison.Ordinal)))
                yield return new ValidationProblem(activity.Id, "inputs.requires", $"'{rule.Label}' reads {name}: a required setting reads the parameters only");
            if (rule.Expression.Expression.LabCodes.Count > 0)
                yield return new ValidationProblem(activity.Id, "inputs.requires", $"'{rule.Label}' reads a lab: a required setting reads the parameters only");
        }
    }

    public override ActivityResult Execute(ActivityContext context, Inputs inputs)
    {
        var unmet = inputs.Requires
            .Where(rule => !context.Evaluate(rule.Expression).Result.AsBoolean())
            .Select(rule => new ValidationProblem(null, $"parameters.{rule.Parameter}",
                $"{rule.Label}: it is {Shown(context.State.Parameters.GetValueOrDefault(rule.Parameter))}"))
            .ToList();
        if (unmet.Count > 0) throw new InvalidStartException(unmet);

        var failed = inputs.Eligibility
            .Select(rule => (rule.Label, Evaluation: context.Evaluate(rule.Expression)))
            .Where(r => !r.Evaluation.Result.AsBoolean())
            .Select(r => new ValidationProblem(context.Activity.Id, "eligibility", $"{r.Label}: {r.Evaluation.Explanation}"))
            .ToList();
        if (failed.Count == 0) return ActivityResult.Done(Outcomes.Done);
        if (context.State.EligibilityOverride is not { } overridden) throw new IneligibleStartException(failed);

        context.Journal(JournalTypes.EligibilityOverridden, null, new JsonObject
        {
            ["by"] = overridden.By,
            ["reason"] = overridden.Reason,
            ["notMet"] = new JsonArray([.. failed.Select(f => (JsonNode)JsonValue.Create(f.Message))]),
        });
        return ActivityResult.Done(Outcomes.Done);
    }

    private static string Shown(JsonNode? value) => value is JsonValue v && v.TryGetValue<string>(out var text) ? text : value?.ToJsonString() ?? "not set";
}
