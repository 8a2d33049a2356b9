using System.Text.Json;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Expressions;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Activities;

/// <summary>
/// Reads an activity's JSON inputs into its inputs record, listing what is wrong in the validator's words. The
/// validator reports these problems and the compiler refuses a definition that has any, so an activity that runs
/// always has every input well formed and every expression parsed.
/// </summary>
/// <param name="activityId">The activity the problems are about.</param>
/// <param name="checkExpression">Further problems of a parsed expression (the validator's: names the definition does not declare).</param>
internal sealed class InputBinder(string activityId, Func<ParsedExpression, IEnumerable<string>>? checkExpression)
{
    private int _failures;

    /// <summary>Every problem found, in the order of the inputs.</summary>
    public List<ValidationProblem> Problems { get; } = [];

    /// <summary>Binds an activity's inputs; null when one of them is not well formed.</summary>
    public object? Bind(InputShape shape, ActivityDefinition activity, string activityType)
    {
        foreach (var name in activity.Inputs.Keys.Where(n => !shape.Declares(n)))
            Problems.Add(new(activityId, $"inputs.{name}", $"{activityType} has no input '{name}'"));
        var inputs = BindObject(shape, name => activity.Inputs.TryGetValue(name, out var v) ? v : null, name => $"inputs.{name}", name => name);
        return _failures == 0 ? inputs : null;
    }

    /// <param name="shape">The record to bind.</param>
    /// <param name="valueOf">An input's JSON value, null when not given.</param>
    /// <param name="fieldOf">The problem field of an input, e.g. <c>inputs.cases[0].condition</c>.</param>
    /// <param name="recordAs">The journal name of an expression input: its own name, or its item's for an object list.</param>
    private object BindObject(InputShape shape, Func<string, JsonElement?> valueOf, Func<string, string> fieldOf, Func<string, string> recordAs)
    {
        var target = Activator.CreateInstance(shape.Type)!;
        foreach (var field in shape.Fields)
        {
            if (valueOf(field.Name) is not { ValueKind: not JsonValueKind.Null } value)
            {
                if (field.Descriptor.Required) Fail(fieldOf(field.Name), "is required");
                continue;
            }

            if (BindValue(field, value, fieldOf(field.Name), recordAs(field.Name)) is { } bound) field.Property.SetValue(target, bound);
        }

        return target;
    }

    private object? BindValue(InputField field, JsonElement value, string path, string recordAs)
    {
        var input = field.Descriptor;
        switch (input.Kind)
        {
            case InputKind.Text:
                return value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0 ? value.GetString() : Fail(path, "must be a non-empty string");
            case InputKind.Choice:
                return value.ValueKind == JsonValueKind.String && input.Options!.Contains(value.GetString()!)
                    ? value.GetString()
                    : Fail(path, $"must be one of {string.Join(", ", input.Options!)}");
            case InputKind.Boolean:
                return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : Fail(path, "must be true or false");
            case InputKind.TextList:
                return value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String)
                    ? (IReadOnlyList<string>)[.. value.EnumerateArray().Select(e => e.GetString()!)]
                    : Fail(path, "must be an array of strings");
            case InputKind.Expression:
                return BindExpression(value, path, recordAs);
            case InputKind.ObjectList:
                return BindList(field.Items!, value, path, recordAs);
            default:
                throw new InvalidOperationException($"no binding for {input.Kind} inputs");
        }
    }

    private ExpressionInput? BindExpression(JsonElement value, string path, string recordAs)
    {
        if (value.ValueKind != JsonValueKind.String) return Fail<ExpressionInput>(path, "must be an expression written as a string");
        var parsed = ExpressionParser.Parse(value.GetString()!);
        if (!parsed.Success)
        {
            foreach (var error in parsed.Errors) Fail(path, $"expression does not parse: {error.Message}");
            return null;
        }

        foreach (var problem in checkExpression?.Invoke(parsed.Expression) ?? []) Problems.Add(new(activityId, path, problem));
        return new ExpressionInput(recordAs, parsed.Expression);
    }

    /// <summary>Each item is bound as its record; an expression in an item is recorded under the item, e.g. <c>cases[0]</c>.</summary>
    private Array? BindList(InputShape items, JsonElement value, string path, string recordAs)
    {
        if (value.ValueKind != JsonValueKind.Array) return Fail<Array>(path, "must be an array");

        var bound = Array.CreateInstance(items.Type, value.GetArrayLength());
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemPath = $"{path}[{index}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                Fail(itemPath, "must be an object");
                index++;
                continue;
            }

            foreach (var property in item.EnumerateObject().Where(p => !items.Declares(p.Name)))
                Problems.Add(new(activityId, $"{itemPath}.{property.Name}", "is not a field of this item"));
            var record = $"{recordAs}[{index}]";
            bound.SetValue(BindObject(items, name => item.TryGetProperty(name, out var v) ? v : null, name => $"{itemPath}.{name}", _ => record), index++);
        }

        return bound;
    }

    private object? Fail(string path, string message) => Fail<object>(path, message);

    private T? Fail<T>(string path, string message) where T : class
    {
        _failures++;
        Problems.Add(new(activityId, path, message));
        return null;
    }
}
