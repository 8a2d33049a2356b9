using CarePathway.Engine.Definitions;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Activities.BuiltIn;

public sealed class SetVariableActivity : Activity<SetVariableActivity.Inputs>
{
    public sealed record Inputs
    {
        [Input("The name of a declared variable.")]
        public required string Variable { get; init; }

        [Input("The new value, e.g. var.cycle + 1")]
        public required ExpressionInput Value { get; init; }
    }

    protected override ActivityDescriptor About { get; } = new()
    {
        Type = "SetVariable",
        DisplayName = "Set variable",
        Category = "Data",
        Description = "Stores the value of an expression in a declared variable (e.g. a cycle counter).",
        Outcomes = [Outcomes.Done],
    };

    public override IEnumerable<ValidationProblem> Validate(ActivityDefinition activity, Inputs inputs, WorkflowDefinition definition) =>
        DeclaredVariable.Check(activity, "variable", inputs.Variable, definition);

    public override ActivityResult Execute(ActivityContext context, Inputs inputs)
    {
        context.SetVariable(inputs.Variable, context.Evaluate(inputs.Value).Result);
        return ActivityResult.Done(Outcomes.Done);
    }
}
