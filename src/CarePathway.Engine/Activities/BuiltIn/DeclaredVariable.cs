using System.Text.Json;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Activities.BuiltIn;

/// <summary>Checks that an input naming a variable names a declared one.</summary>
internal static class DeclaredVariable
{
    public static IEnumerable<ValidationProblem> Check(ActivityDefinition activity, string input, WorkflowDefinition definition)
    {
        if (!activity.Inputs.TryGetValue(input, out var value) || value.ValueKind != JsonValueKind.String) yield break;
        var name = value.GetString()!;
        if (!definition.Variables.Any(v => v.Name == name))
            yield return new ValidationProblem(activity.Id, $"inputs.{input}", $"'{name}' is not a declared variable");
    }
}
