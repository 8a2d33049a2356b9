using System.Text.Json;
using System.Text.Json.Nodes;
using CarePathway.Engine.Activities;
using CarePathway.Engine.Activities.Clinical;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Expressions;

namespace CarePathway.Engine.Validation;

/// <summary>
/// Advice on a drug planned with no minimum infusion time (hazard 9): a dose calculation whose infusion time, on the
/// pathway's settings, is 0. It is worked out on the defaults and on each choice of a setting it reads that offers
/// choices (the neridronate variant of a pamidronate pathway), so a variant nobody starts by default is looked at too.
/// Advice, not a problem: a published version with it stays valid, and the service is told which parameter to set.
/// </summary>
internal static class InfusionTimeAdvice
{
    public static IEnumerable<ValidationProblem> Check(WorkflowDefinition definition, BoundActivity<DoseCalculationActivity.Inputs> dose)
    {
        var expression = dose.Inputs.InfusionTime.Expression;
        // A time worked out from the patient (a clearance) is not the drug's minimum; only settings are looked at.
        if (expression.LabCodes.Count > 0 || expression.Names.Any(n => !n.StartsWith("param.", StringComparison.Ordinal))) yield break;

        var parameters = definition.Parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var (choice, values) in Variants(definition, expression, parameters))
        {
            var minutes = Minutes(expression, values);
            if (minutes is not 0) continue;
            var set = expression.Names.Select(n => n["param.".Length..]).Where(n => choice?.Name != n);
            yield return new ValidationProblem(dose.Definition.Id, "inputs.infusionTime",
                $"{dose.Inputs.Drug} is planned with no minimum infusion time (0){(choice is null ? "" : $" when {choice.Value.Name} is {choice.Value.Value}")}: " +
                $"a service must set {string.Join(", ", set)} from its protocol before a dose is given");
        }
    }

    /// <summary>The defaults, then each choice of a setting with choices the expression reads, the others at their defaults.</summary>
    private static IEnumerable<((string Name, string Value)? Choice, Dictionary<string, Value> Values)> Variants(
        WorkflowDefinition definition, ParsedExpression expression, Dictionary<string, ParameterDefinition> parameters)
    {
        var defaults = definition.Parameters.ToDictionary(p => p.Name, Default, StringComparer.Ordinal);
        yield return (null, defaults);
        foreach (var name in expression.Names.Select(n => n["param.".Length..]))
        {
            if (!parameters.TryGetValue(name, out var parameter) || parameter.Allowed is not { Count: > 0 } allowed) continue;
            var current = defaults[name];
            foreach (var value in allowed.Where(v => current.Kind != ValueKind.String || current.AsString() != v))
                yield return ((name, value), new Dictionary<string, Value>(defaults, StringComparer.Ordinal) { [name] = Value.String(value) });
        }
    }

    private static Value Default(ParameterDefinition parameter)
    {
        try
        {
            return parameter.Default is { } d ? ParameterValues.ToValue(JsonNode.Parse(d.GetRawText()), parameter) : Value.Null;
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or JsonException)
        {
            return Value.Null; // The declaration rules report a default that does not fit its type.
        }
    }

    private static decimal? Minutes(ParsedExpression expression, Dictionary<string, Value> values)
    {
        var scope = new DictionaryExpressionScope(DateTimeOffset.UnixEpoch);
        foreach (var (name, value) in values) scope.Set("param." + name, value);
        try
        {
            var result = expression.EvaluateValue(scope);
            return result.Kind == ValueKind.Duration ? (decimal)result.AsDuration().TotalMinutes : null;
        }
        catch (ExpressionEvaluationException)
        {
            return null;
        }
    }
}
