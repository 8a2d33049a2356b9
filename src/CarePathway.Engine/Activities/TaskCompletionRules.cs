using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Activities;

/// <summary>
/// What makes a task completion acceptable: an outcome the task offers, and a reason where the
/// outcome needs one (rejecting or overriding an approval). The pathway runtime checks here, with the
/// form rules, before it hands the completion to the engine.
/// </summary>
public static class TaskCompletionRules
{
    public static IReadOnlyList<ValidationProblem> Check(IReadOnlyList<string> outcomes, IReadOnlyList<string> reasonRequiredFor, string? outcome, string? reason)
    {
        if (string.IsNullOrWhiteSpace(outcome))
            return [new ValidationProblem(null, "outcome", $"is required: one of {string.Join(", ", outcomes)}")];
        if (!outcomes.Contains(outcome))
            return [new ValidationProblem(null, "outcome", $"'{outcome}' is not an outcome of this task: one of {string.Join(", ", outcomes)}")];
        if (reasonRequiredFor.Contains(outcome) && string.IsNullOrWhiteSpace(reason))
            return [new ValidationProblem(null, "reason", $"a reason is required to choose '{outcome}'")];
        return [];
    }
}
