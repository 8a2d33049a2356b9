namespace CarePathway.Engine.Activities.BuiltIn;

public sealed class StartActivity : Activity
{
    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "Start",
        DisplayName = "Start",
        Category = "Flow",
        Description = "Where the pathway begins. A definition has exactly one.",
        Outcomes = [Outcomes.Done],
    };

    public override ActivityResult Execute(ActivityContext context) => ActivityResult.Done(Outcomes.Done);
}
