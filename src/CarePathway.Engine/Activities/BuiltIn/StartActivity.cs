namespace CarePathway.Engine.Activities.BuiltIn;

public sealed class StartActivity : Activity<NoInputs>
{
    protected override ActivityDescriptor About { get; } = new()
    {
        Type = "Start",
        DisplayName = "Start",
        Category = "Flow",
        Description = "Where the pathway begins. A definition has exactly one.",
        Outcomes = [Outcomes.Done],
    };

    public override ActivityResult Execute(ActivityContext context, NoInputs inputs) => ActivityResult.Done(Outcomes.Done);
}
