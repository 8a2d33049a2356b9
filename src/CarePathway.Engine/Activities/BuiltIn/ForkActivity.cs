using CarePathway.Engine.Definitions;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Activities.BuiltIn;

/// <summary>Splits the path into parallel branches, one per outcome, that a Join can bring back together.</summary>
public sealed class ForkActivity : Activity<ForkActivity.Inputs>
{
    public sealed record Inputs
    {
        [Input("Names of the parallel branches (two or more).")]
        public required IReadOnlyList<string> Branches { get; init; }
    }

    protected override ActivityDescriptor About { get; } = new()
    {
        Type = "Fork",
        DisplayName = "Fork",
        Category = "Flow",
        Description = "Continues on every branch at once (e.g. order labs and book imaging in parallel).",
        OutcomesFrom = "branches",
    };

    public override IReadOnlyList<string> OutcomesOf(Inputs inputs) => inputs.Branches;

    public override IEnumerable<ValidationProblem> Validate(ActivityDefinition activity, Inputs inputs, WorkflowDefinition definition)
    {
        var branches = inputs.Branches;
        if (branches.Count < 2) yield return new ValidationProblem(activity.Id, "inputs.branches", "a fork needs at least two branches");
        if (branches.Distinct(StringComparer.Ordinal).Count() != branches.Count)
            yield return new ValidationProblem(activity.Id, "inputs.branches", "branch names must be different");
    }

    public override ActivityResult Execute(ActivityContext context, Inputs inputs) => ActivityResult.Branch(inputs.Branches);
}
