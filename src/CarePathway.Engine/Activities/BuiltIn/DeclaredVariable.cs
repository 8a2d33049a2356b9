using CarePathway.Engine.Definitions;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Activities.BuiltIn;

/// <summary>Checks that an input naming a variable names a declared one.</summary>
internal static class DeclaredVariable
{
    public static IEnumerable<ValidationProblem> Check(ActivityDefinition activity, string input, string? name, WorkflowDefinition definition)
    {
        if (name is not null && !definition.Variables.Any(v => v.Name == name))
            yield return new ValidationProblem(activity.Id, $"inputs.{input}", $"'{name}' is not a declared variable");
    }
}
