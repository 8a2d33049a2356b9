using System.Text.Json.Nodes;
using CarePathway.Engine.Validation;

namespace CarePathway.Server.Features.Tasks;

/// <summary>Checks submitted form data against the task's form fields: required ones present, each of its type.</summary>
internal static class TaskForm
{
    public static IEnumerable<ValidationProblem> Check(string formJson, JsonObject? data)
    {
        if (JsonNode.Parse(formJson) is not JsonArray fields) yield break;
        foreach (var field in fields.OfType<JsonObject>())
        {
            var name = field["name"]?.GetValue<string>() ?? "";
            var type = field["type"]?.GetValue<string>() ?? "string";
            var value = data?[name];
            if (value is null)
            {
                if (field["required"]?.GetValue<bool>() == true) yield return new(null, $"data.{name}", "is required");
                continue;
            }

            if (!Fits(value, type)) yield return new(null, $"data.{name}", $"must be a {type}");
        }
    }

    private static bool Fits(JsonNode value, string type) => value is JsonValue v && type switch
    {
        "number" => v.TryGetValue<decimal>(out _),
        "boolean" => v.TryGetValue<bool>(out _),
        "date" => v.TryGetValue<string>(out var s) && DateOnly.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out _),
        _ => v.TryGetValue<string>(out _),
    };
}
