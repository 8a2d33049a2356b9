using System.Text.Json.Nodes;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Activities.BuiltIn;

/// <summary>
/// Where the pathway begins. It states who the pathway is for (<c>eligibility</c>: rules on the patient and the
/// parameters, e.g. an age range with its source) and which pathways may not run beside it for one patient
/// (<c>courseGroup</c>). A patient outside a rule is not started (<see cref="IneligibleStartException"/>, before anything
/// is stored) unless a clinician starts it with a reason, which is journaled with the rules that did not hold.
/// </summary>
public sealed class StartActivity : Activity<StartActivity.Inputs>
{
    public sealed record Inputs
    {
        [Input("Who the pathway is for: every rule must hold at start, or a clinician starts it with a recorded reason.")]
        public IReadOnlyList<Rule> Eligibility { get; init; } = [];

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

    protected override ActivityDescriptor About { get; } = new()
    {
        Type = "Start",
        DisplayName = "Start",
        Category = "Flow",
        Description = "Where the pathway begins; says who it is for. A definition has exactly one.",
        Outcomes = [Outcomes.Done],
    };

    public override ActivityResult Execute(ActivityContext context, Inputs inputs)
    {
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
}
