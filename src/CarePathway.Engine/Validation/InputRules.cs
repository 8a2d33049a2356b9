using System.Text.Json;
using CarePathway.Engine.Activities;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Expressions;

namespace CarePathway.Engine.Validation;

/// <summary>Checks an activity's inputs against its descriptor: presence, JSON shape, choices, and expressions.</summary>
internal sealed class InputRules(WorkflowDefinition definition)
{
    private readonly HashSet<string> _parameters = [.. definition.Parameters.Select(p => p.Name)];
    private readonly HashSet<string> _variables = [.. definition.Variables.Select(v => v.Name)];

    public IEnumerable<ValidationProblem> Check(ActivityDefinition activity, ActivityDescriptor descriptor)
    {
        foreach (var name in activity.Inputs.Keys.Where(n => descriptor.Inputs.All(i => i.Name != n)))
            yield return new(activity.Id, $"inputs.{name}", $"{descriptor.Type} has no input '{name}'");

        foreach (var input in descriptor.Inputs)
        {
            var present = activity.Inputs.TryGetValue(input.Name, out var value) && value.ValueKind != JsonValueKind.Null;
            if (!present)
            {
                if (input.Required) yield return new(activity.Id, $"inputs.{input.Name}", "is required");
                continue;
            }

            foreach (var problem in CheckValue(activity.Id, $"inputs.{input.Name}", input, value)) yield return problem;
        }
    }

    private IEnumerable<ValidationProblem> CheckValue(string activityId, string field, InputDescriptor input, JsonElement value)
    {
        switch (input.Kind)
        {
            case InputKind.Text when value.ValueKind != JsonValueKind.String || value.GetString()!.Length == 0:
                yield return new(activityId, field, "must be a non-empty string");
                break;
            case InputKind.Choice when value.ValueKind != JsonValueKind.String || !input.Options!.Contains(value.GetString()!):
                yield return new(activityId, field, $"must be one of {string.Join(", ", input.Options!)}");
                break;
            case InputKind.Number when value.ValueKind != JsonValueKind.Number:
                yield return new(activityId, field, "must be a number");
                break;
            case InputKind.Boolean when value.ValueKind is not (JsonValueKind.True or JsonValueKind.False):
                yield return new(activityId, field, "must be true or false");
                break;
            case InputKind.TextList when value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String):
                yield return new(activityId, field, "must be an array of strings");
                break;
            case InputKind.Expression:
                foreach (var problem in CheckExpression(activityId, field, value)) yield return problem;
                break;
            case InputKind.ObjectList:
                foreach (var problem in CheckObjectList(activityId, field, input, value)) yield return problem;
                break;
        }
    }

    private IEnumerable<ValidationProblem> CheckObjectList(string activityId, string field, InputDescriptor input, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            yield return new(activityId, field, "must be an array");
            yield break;
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemField = $"{field}[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                yield return new(activityId, itemField, "must be an object");
                continue;
            }

            foreach (var property in item.EnumerateObject().Where(p => input.Fields!.All(f => f.Name != p.Name)))
                yield return new(activityId, $"{itemField}.{property.Name}", "is not a field of this item");
            foreach (var fieldInput in input.Fields!)
            {
                if (!item.TryGetProperty(fieldInput.Name, out var fieldValue) || fieldValue.ValueKind == JsonValueKind.Null)
                {
                    if (fieldInput.Required) yield return new(activityId, $"{itemField}.{fieldInput.Name}", "is required");
                    continue;
                }

                foreach (var problem in CheckValue(activityId, $"{itemField}.{fieldInput.Name}", fieldInput, fieldValue)) yield return problem;
            }
        }
    }

    private IEnumerable<ValidationProblem> CheckExpression(string activityId, string field, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            yield return new(activityId, field, "must be an expression written as a string");
            yield break;
        }

        var parsed = ExpressionParser.Parse(value.GetString()!);
        if (!parsed.Success)
        {
            foreach (var error in parsed.Errors) yield return new(activityId, field, $"expression does not parse: {error.Message}");
            yield break;
        }

        foreach (var reference in parsed.Expression.References.Where(r => r.Kind == ReferenceKind.Name))
        {
            if (!IsKnown(reference.Name)) yield return new(activityId, field, $"expression names something unknown: '{reference.Name}'");
        }
    }

    private bool IsKnown(string name)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0) return false;
        var rest = name[(dot + 1)..];
        return name[..dot] switch
        {
            "param" => _parameters.Contains(rest),
            "var" => _variables.Contains(rest),
            "patient" => PatientNames.IsKnown(rest),
            "course" => CourseNames.All.Contains(rest),
            _ => false,
        };
    }
}
