namespace CarePathway.Engine.Activities.BuiltIn;

public sealed class EndActivity : Activity<NoInputs>
{
    protected override ActivityDescriptor About { get; } = new()
    {
        Type = "End",
        DisplayName = "End",
        Category = "Flow",
        Description = "Ends this path. The pathway completes when no path is left.",
    };

    public override ActivityResult Execute(ActivityContext context, NoInputs inputs) => ActivityResult.End;
}
