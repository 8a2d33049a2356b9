using CarePathway.Engine.Execution;

namespace CarePathway.Engine.Activities.BuiltIn;

/// <summary>
/// Brings the branches of a Fork back together. Paths are paired by the fork scope they were
/// created in, so a Join inside a repeating cycle only waits for the branches of the same round.
/// </summary>
public sealed class JoinActivity : Activity<JoinActivity.Inputs>
{
    public const string All = "all";
    public const string Any = "any";

    public sealed record Inputs
    {
        [Input("\"all\" (the default) or \"any\".", Options = [All, Any])]
        public string Mode { get; init; } = All;
    }

    protected override ActivityDescriptor About { get; } = new()
    {
        Type = "Join",
        DisplayName = "Join",
        Category = "Flow",
        Description = "Waits for all branches of the fork (\"all\"), or continues with the first and ends the others (\"any\").",
        Outcomes = [Outcomes.Done],
    };

    public override ActivityResult Execute(ActivityContext context, Inputs inputs)
    {
        var state = context.State;
        var me = context.Token;
        var scope = me.Scopes.LastOrDefault();
        if (scope is null) return ActivityResult.Done(Outcomes.Done);

        var siblings = state.Tokens.Where(t => t != me && t.Scopes.Contains(scope)).ToList();
        var parkedHere = siblings.Where(t => t.Status == TokenStatus.Parked && t.ActivityId == me.ActivityId).ToList();
        var mode = inputs.Mode;
        if (mode == All && siblings.Count > parkedHere.Count) return ActivityResult.Park;

        // "all": everyone else is parked here; "any": the first arrival goes on and the rest end.
        foreach (var sibling in siblings) context.EndPath(sibling, mode == All ? "joined" : "another branch reached the join first");
        return ActivityResult.Joined(Outcomes.Done);
    }
}
