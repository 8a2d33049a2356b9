using CarePathway.Engine.Definitions;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Activities.BuiltIn;

public sealed class SetVariableActivity : Activity
{
    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "SetVariable",
        DisplayName = "Set variable",
        Category = "Data",
        Description = "Stores the value of an expression in a declared variable (e.g. a cycle counter).",
        Inputs =
        [
            new InputDescriptor { Name = "variable", Kind = InputKind.Text, Required = true, Description = "The name of a declared variable." },
            new InputDescriptor { Name = "value", Kind = InputKind.Expression, Required = true, Description = "The new value, e.g. var.cycle + 1" },
        ],
        Outcomes = [Outcomes.Done],
    };

    public override IEnumerable<ValidationProblem> Validate(ActivityDefinition activity, WorkflowDefinition definition) =>
        DeclaredVariable.Check(activity, "variable", definition);

    public override ActivityResult Execute(ActivityContext context)
    {
        context.SetVariable(context.RequiredText("variable"), context.Evaluate("value").Result);
        return ActivityResult.Done(Outcomes.Done);
    }
}
