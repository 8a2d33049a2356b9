using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CarePathway.Engine.Expressions;

/// <summary>
/// JSON form of values, used to persist variables:
/// null -> null; number -> JSON number (scale kept: 0.60 stays 0.60); quantity -> {"value": 0.60, "unit": "mg/dL"};
/// string -> string; boolean -> true/false; date-time -> ISO-8601 UTC string ("2026-01-05T00:00:00Z");
/// duration -> ISO-8601 duration string in days and time ("P84D", "PT1H30M", never years or months).
/// Labels are not persisted: they come from the scope when a value is read again.
/// </summary>
public readonly partial struct Value
{
    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    public JsonNode? ToJsonNode() => Kind switch
    {
        ValueKind.Null => null,
        ValueKind.Number => JsonValue.Create(_number),
        ValueKind.Quantity => new JsonObject { ["value"] = JsonValue.Create(_number), ["unit"] = JsonValue.Create(_text) },
        ValueKind.String => JsonValue.Create(_text),
        ValueKind.Boolean => JsonValue.Create(_ticks != 0),
        ValueKind.DateTime => JsonValue.Create(ToIsoString()),
        ValueKind.Duration => JsonValue.Create(IsoDuration.Format(new TimeSpan(_ticks))),
        _ => throw new InvalidOperationException($"unknown value kind {Kind}"),
    };

    /// <summary>The ISO-8601 form used in JSON: "2026-01-05T14:30:00Z" for date-times, "P30D" for durations.</summary>
    public string ToIsoString() => Kind switch
    {
        ValueKind.DateTime => new System.DateTime(_ticks, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        ValueKind.Duration => IsoDuration.Format(new TimeSpan(_ticks)),
        _ => ToDisplayString(),
    };

    /// <summary>
    /// Reads a value back, inferring its kind. Strings that are exactly an ISO date or date-time
    /// become date-times and strings that are exactly an ISO duration ("P30D") become durations;
    /// when the kind is known (a declared variable type), prefer <see cref="FromJson(JsonElement, ValueKind)"/>.
    /// </summary>
    /// <exception cref="FormatException">Arrays, or objects that are not {"value", "unit"}.</exception>
    public static Value FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => Null,
        JsonValueKind.True => True,
        JsonValueKind.False => False,
        JsonValueKind.Number => Number(ReadDecimal(element)),
        JsonValueKind.Object => ReadQuantity(element),
        JsonValueKind.String => InferFromString(element.GetString()!),
        _ => throw new FormatException($"a JSON {element.ValueKind.ToString().ToLowerInvariant()} is not a value: {element.GetRawText()}"),
    };

    /// <summary>Reads a value of a known kind; JSON null gives <see cref="Null"/> for every kind.</summary>
    /// <exception cref="FormatException">The JSON does not hold a value of that kind.</exception>
    public static Value FromJson(JsonElement element, ValueKind kind)
    {
        if (element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return Null;
        }

        switch (kind)
        {
            case ValueKind.Number when element.ValueKind == JsonValueKind.Number:
                return Number(ReadDecimal(element));
            case ValueKind.Quantity when element.ValueKind == JsonValueKind.Object:
                return ReadQuantity(element);
            case ValueKind.String when element.ValueKind == JsonValueKind.String:
                return String(element.GetString()!);
            case ValueKind.Boolean when element.ValueKind is JsonValueKind.True or JsonValueKind.False:
                return Boolean(element.GetBoolean());
            case ValueKind.DateTime when element.ValueKind == JsonValueKind.String:
                return TryParseDateTime(element.GetString()!, out var dt)
                    ? DateTime(dt)
                    : throw new FormatException($"'{element.GetString()}' is not an ISO-8601 date or date-time");
            case ValueKind.Duration when element.ValueKind == JsonValueKind.String:
                return IsoDuration.TryParse(element.GetString()!, out var duration)
                    ? Duration(duration)
                    : throw new FormatException($"'{element.GetString()}' is not an ISO-8601 duration such as P30D or PT1H30M");
            default:
                throw new FormatException($"expected {DescribeKind(kind)} but the JSON is {element.GetRawText()}");
        }
    }

    /// <inheritdoc cref="FromJson(JsonElement)"/>
    public static Value FromJson(JsonNode? node) => node is null ? Null : FromJson(ToElement(node));

    /// <inheritdoc cref="FromJson(JsonElement, ValueKind)"/>
    public static Value FromJson(JsonNode? node, ValueKind kind) => node is null ? Null : FromJson(ToElement(node), kind);

    /// <summary>Parses "2026-01-05" (midnight UTC) or an ISO-8601 date-time (converted to UTC).</summary>
    public static bool TryParseDateTime(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(
            text,
            DateTimeFormats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out value);

    // Nodes are converted through their text: JsonNode's typed getters do not convert between
    // numeric types, and this path only runs when persisted variables are loaded.
    private static JsonElement ToElement(JsonNode node)
    {
        using var document = JsonDocument.Parse(node.ToJsonString());
        return document.RootElement.Clone();
    }

    private static decimal ReadDecimal(JsonElement element) =>
        element.TryGetDecimal(out var value)
            ? value
            : throw new FormatException($"the JSON number {element.GetRawText()} does not fit a decimal");

    private static Value ReadQuantity(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object
            && element.TryGetProperty("value", out var magnitude) && magnitude.ValueKind == JsonValueKind.Number
            && element.TryGetProperty("unit", out var unit) && unit.ValueKind == JsonValueKind.String
            && !string.IsNullOrWhiteSpace(unit.GetString()))
        {
            return Quantity(ReadDecimal(magnitude), unit.GetString()!);
        }

        throw new FormatException($"a quantity must look like {{\"value\": 0.6, \"unit\": \"mg/dL\"}}, not {element.GetRawText()}");
    }

    private static Value InferFromString(string text)
    {
        // Cheap shape checks first, so ordinary strings are not run through the parsers.
        if (text.Length >= 10 && char.IsAsciiDigit(text[0]) && text[4] == '-' && TryParseDateTime(text, out var dt))
        {
            return DateTime(dt);
        }

        if (text.Length >= 3 && (text[0] == 'P' || (text[0] == '-' && text[1] == 'P')) && IsoDuration.TryParse(text, out var duration))
        {
            return Duration(duration);
        }

        return String(text);
    }
}
