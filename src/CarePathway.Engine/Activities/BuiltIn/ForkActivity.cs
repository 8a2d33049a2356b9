using System.Text.Json;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Activities.BuiltIn;

/// <summary>Splits the path into parallel branches, one per outcome, that a Join can bring back together.</summary>
public sealed class ForkActivity : Activity
{
    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "Fork",
        DisplayName = "Fork",
        Category = "Flow",
        Description = "Continues on every branch at once (e.g. order labs and book imaging in parallel).",
        Inputs =
        [
            new InputDescriptor { Name = "branches", Kind = InputKind.TextList, Required = true, Description = "Names of the parallel branches (two or more)." },
        ],
        OutcomesFrom = "branches",
    };

    public override IReadOnlyList<string> OutcomesOf(ActivityDefinition activity) => Branches(activity);

    public override IEnumerable<ValidationProblem> Validate(ActivityDefinition activity, WorkflowDefinition definition)
    {
        var branches = Branches(activity);
        if (branches.Count < 2) yield return new ValidationProblem(activity.Id, "inputs.branches", "a fork needs at least two branches");
        if (branches.Distinct(StringComparer.Ordinal).Count() != branches.Count)
            yield return new ValidationProblem(activity.Id, "inputs.branches", "branch names must be different");
    }

    public override ActivityResult Execute(ActivityContext context) => ActivityResult.Branch(context.TextList("branches"));

    private static List<string> Branches(ActivityDefinition activity) =>
        activity.Inputs.TryGetValue("branches", out var b) && b.ValueKind == JsonValueKind.Array
            ? [.. b.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
            : [];
}
