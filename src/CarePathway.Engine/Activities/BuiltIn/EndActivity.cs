namespace CarePathway.Engine.Activities.BuiltIn;

public sealed class EndActivity : Activity<EndActivity.Inputs>
{
    public sealed record Inputs
    {
        [Input("End the whole pathway here, not only this path: every other path (a monitoring clock, a reminder loop) ends too, and what it waits on is cancelled.")]
        public bool EndsPathway { get; init; }
    }

    protected override ActivityDescriptor About { get; } = new()
    {
        Type = "End",
        DisplayName = "End",
        Category = "Flow",
        Description = "Ends this path (or, with endsPathway, every path). The pathway completes when no path is left.",
    };

    public override ActivityResult Execute(ActivityContext context, Inputs inputs) =>
        inputs.EndsPathway ? ActivityResult.EndEveryPath : ActivityResult.End;
}
