using System.Globalization;
using System.Text.Json.Nodes;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Activities;

/// <summary>
/// Checks submitted form data against the task's form fields: required ones present, each of its type
/// (number, boolean, date, datetime, otherwise text). A field's <c>default</c> is what the form shows
/// first; it is never filled in here, so what is stored is what the person submitted. Declining outcomes
/// (those that need a reason, e.g. not-given) record why nothing was done, so they need no form values;
/// values given are still type-checked.
/// </summary>
public static class TaskFormRules
{
    public static IEnumerable<ValidationProblem> Check(JsonArray fields, JsonObject? data, bool declining = false)
    {
        foreach (var field in fields.OfType<JsonObject>())
        {
            var name = field["name"]?.GetValue<string>() ?? "";
            var type = field["type"]?.GetValue<string>() ?? "string";
            var value = data?[name];
            if (value is null)
            {
                if (!declining && field["required"]?.GetValue<bool>() == true) yield return new(null, $"data.{name}", "is required");
                continue;
            }

            if (!Fits(value, type)) yield return new(null, $"data.{name}", Expected(type));
        }
    }

    private static bool Fits(JsonNode value, string type) => value is JsonValue v && type switch
    {
        "number" => v.TryGetValue<decimal>(out _),
        "boolean" => v.TryGetValue<bool>(out _),
        "date" => v.TryGetValue<string>(out var s) && DateOnly.TryParse(s, CultureInfo.InvariantCulture, out _),
        "datetime" => v.TryGetValue<string>(out var s) && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _),
        _ => v.TryGetValue<string>(out _),
    };

    private static string Expected(string type) => type switch
    {
        "date" => "must be a date (yyyy-MM-dd)",
        "datetime" => "must be a date and time (ISO 8601, e.g. 2026-01-05T09:30:00Z)",
        _ => $"must be a {type}",
    };
}
