using System.Text.Json.Nodes;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Expressions;

namespace CarePathway.Engine.Validation;

/// <summary>Rules for the parameters and variables a definition declares.</summary>
internal static class DeclarationRules
{
    public static IEnumerable<ValidationProblem> CheckParameters(IReadOnlyList<ParameterDefinition> parameters)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in parameters)
        {
            var field = $"parameters.{p.Name}";
            if (!Identifiers.IsValidName(p.Name)) yield return new(null, field, "a parameter name must be letters, digits or underscores, starting with a letter");
            if (!seen.Add(p.Name)) yield return new(null, field, "is declared twice");
            if (!ValueTypes.ForParameters.Contains(p.Type))
            {
                yield return new(null, field + ".type", $"'{p.Type}' is not a parameter type: one of {string.Join(", ", ValueTypes.ForParameters)}");
                continue;
            }

            if (p.Unit is { } unit)
            {
                if (p.Type != ValueTypes.Number) yield return new(null, field + ".unit", $"only number parameters carry a unit; a {p.Type} does not");
                else if (Units.TimeLike.Contains(unit) && unit is not ("minutes" or "hours"))
                    yield return new(null, field + ".unit", $"'{unit}' is a length of time: make this a duration parameter (e.g. \"12w\")");
                else if (!Units.Known.Contains(unit)) yield return new(null, field + ".unit", $"unknown unit '{unit}'");
            }

            if (p.Allowed is not null && p.Type != ValueTypes.String)
                yield return new(null, field + ".allowed", "only string parameters can list allowed values");
            if (string.IsNullOrWhiteSpace(p.Source))
                yield return new(null, field + ".source", "every parameter names its source (guideline, label or local protocol)");
            if (p.Default is null)
            {
                yield return new(null, field + ".default", "is required");
                continue;
            }

            if (ParameterValues.Problem(JsonNode.Parse(p.Default.Value.GetRawText()), p) is { } problem)
                yield return new(null, field + ".default", problem);
        }
    }

    public static IEnumerable<ValidationProblem> CheckVariables(IReadOnlyList<VariableDefinition> variables)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in variables)
        {
            var field = $"variables.{v.Name}";
            if (!Identifiers.IsValidName(v.Name)) yield return new(null, field, "a variable name must be letters, digits or underscores, starting with a letter");
            if (!seen.Add(v.Name)) yield return new(null, field, "is declared twice");
            if (!ValueTypes.ForVariables.Contains(v.Type))
                yield return new(null, field + ".type", $"'{v.Type}' is not a variable type: one of {string.Join(", ", ValueTypes.ForVariables)}");
            else if (v.Initial is { } initial && !InitialFits(initial, v.Type))
                yield return new(null, field + ".initial", $"is not a valid {v.Type}");
        }
    }

    private static bool InitialFits(System.Text.Json.JsonElement initial, string type)
    {
        Value value;
        try
        {
            value = Value.FromJson(initial);
        }
        catch (FormatException)
        {
            // An array, or an object that is not {value, unit}, is a value of no type: a problem to list, not a fault.
            return false;
        }

        return type switch
        {
            ValueTypes.Number => value.Kind is ValueKind.Number or ValueKind.Quantity,
            ValueTypes.String => value.Kind == ValueKind.String,
            ValueTypes.Boolean => value.Kind == ValueKind.Boolean,
            ValueTypes.Date => value.Kind == ValueKind.DateTime,
            ValueTypes.Duration => value.Kind == ValueKind.Duration,
            _ => true,
        };
    }
}
