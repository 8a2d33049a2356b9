using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CarePathway.Engine.Tests.Testing;

/// <summary>
/// Checks a JSON document against the subset of JSON Schema 2020-12 the pathway schema uses.
/// No schema package can be added here; <see cref="Keywords"/> lets a test prove the schema stays
/// inside this subset, so no keyword is silently ignored.
/// </summary>
internal sealed class MiniJsonSchema(JsonObject root)
{
    public static readonly IReadOnlySet<string> Keywords = new HashSet<string>(StringComparer.Ordinal)
    {
        "$schema", "$id", "$defs", "$ref", "title", "description",
        "type", "required", "properties", "additionalProperties", "items", "enum", "pattern", "minLength", "maxLength", "minimum",
    };

    public static MiniJsonSchema Parse(string json) => new((JsonObject)JsonNode.Parse(json)!);

    public List<string> Check(JsonNode? instance)
    {
        var errors = new List<string>();
        Check(root, instance, "$", errors);
        return errors;
    }

    /// <summary>Every keyword used anywhere in the schema (property names under "properties"/"$defs" excluded).</summary>
    public IEnumerable<string> KeywordsUsed() => KeywordsIn(root);

    public JsonObject Definition(string name) => (JsonObject)root["$defs"]![name]!;

    public JsonObject Root => root;

    private static IEnumerable<string> KeywordsIn(JsonObject schema)
    {
        foreach (var (key, value) in schema)
        {
            yield return key;
            if (key is "properties" or "$defs")
            {
                foreach (var (_, sub) in value!.AsObject())
                {
                    foreach (var k in KeywordsIn(sub!.AsObject())) yield return k;
                }
            }
            else if (key is "items" && value is JsonObject items)
            {
                foreach (var k in KeywordsIn(items)) yield return k;
            }
        }
    }

    private void Check(JsonObject schema, JsonNode? instance, string path, List<string> errors)
    {
        if (schema["$ref"] is JsonValue reference)
        {
            var name = reference.GetValue<string>().Replace("#/$defs/", "", StringComparison.Ordinal);
            Check(Definition(name), instance, path, errors);
        }

        if (schema["type"] is { } type)
        {
            var allowed = type is JsonArray list ? list.Select(t => t!.GetValue<string>()).ToList() : [type.GetValue<string>()];
            if (!allowed.Contains(TypeOf(instance)) && !(allowed.Contains("number") && TypeOf(instance) == "integer"))
            {
                errors.Add($"{path}: is {TypeOf(instance)}, not {string.Join(" or ", allowed)}");
                return;
            }
        }

        if (schema["enum"] is JsonArray choices && !choices.Any(c => JsonNode.DeepEquals(c, instance)))
            errors.Add($"{path}: {instance?.ToJsonString() ?? "null"} is not one of the allowed values");

        if (instance is JsonValue value && value.TryGetValue<string>(out var text))
        {
            if (schema["minLength"] is { } min && text.Length < min.GetValue<int>()) errors.Add($"{path}: shorter than {min}");
            if (schema["maxLength"] is { } max && text.Length > max.GetValue<int>()) errors.Add($"{path}: longer than {max}");
            if (schema["pattern"] is { } pattern && !Regex.IsMatch(text, pattern.GetValue<string>())) errors.Add($"{path}: does not match {pattern}");
        }

        if (instance is JsonValue number && TypeOf(instance) is "integer" or "number" && schema["minimum"] is { } minimum
            && number.GetValue<decimal>() < minimum.GetValue<decimal>())
            errors.Add($"{path}: less than {minimum}");

        if (instance is JsonObject obj)
        {
            var properties = schema["properties"] as JsonObject;
            foreach (var required in (schema["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()))
            {
                if (!obj.ContainsKey(required)) errors.Add($"{path}: '{required}' is required");
            }

            foreach (var (name, child) in obj)
            {
                if (properties?[name] is JsonObject sub) Check(sub, child, $"{path}.{name}", errors);
                else if (schema["additionalProperties"] is JsonValue extra && !extra.GetValue<bool>()) errors.Add($"{path}: '{name}' is not allowed");
            }
        }

        if (instance is JsonArray array && schema["items"] is JsonObject itemSchema)
        {
            for (var i = 0; i < array.Count; i++) Check(itemSchema, array[i], $"{path}[{i}]", errors);
        }
    }

    private static string TypeOf(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v when v.TryGetValue<string>(out _) => "string",
        JsonValue v when v.TryGetValue<bool>(out _) => "boolean",
        JsonValue v when v.TryGetValue<decimal>(out var d) => d == decimal.Truncate(d) ? "integer" : "number",
        _ => "unknown",
    };
}
