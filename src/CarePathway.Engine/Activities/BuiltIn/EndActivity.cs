namespace CarePathway.Engine.Activities.BuiltIn;

public sealed class EndActivity : Activity
{
    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "End",
        DisplayName = "End",
        Category = "Flow",
        Description = "Ends this path. The pathway completes when no path is left.",
    };

    public override ActivityResult Execute(ActivityContext context) => ActivityResult.End;
}
