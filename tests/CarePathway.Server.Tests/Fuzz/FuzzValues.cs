using System.Globalization;
using System.Text.Json.Nodes;

namespace CarePathway.Server.Tests.Fuzz;

/// <summary>What the fuzzer knows exists, so some requests reach past "not found" into the handlers and the engine.</summary>
public sealed record FuzzTargets(IReadOnlyList<Guid> Patients, IReadOnlyList<Guid> Instances, IReadOnlyList<Guid> Tasks,
    IReadOnlyList<string> Definitions, JsonObject Definition);

/// <summary>
/// Values for a schema from one seeded <see cref="Random"/>: mostly plausible (the field's usual vocabulary, the ids
/// that exist), often hostile (over-long, NUL, a lone surrogate, out-of-range numbers and dates, the wrong JSON type).
/// A lone surrogate cannot live in a <see cref="JsonNode"/>, so it travels as <see cref="LoneSurrogate"/> and the
/// request writer replaces it in the text.
/// </summary>
public sealed class FuzzValues(Random random, OpenApiOperations document, FuzzTargets targets)
{
    public const string LoneSurrogate = "\uE000lone\uE000";

    private static readonly string[] HostileText =
    [
        "", " ", "\0", "a\0b", LoneSurrogate, new('a', 101), new('a', 201), new('a', 257), new('a', 5000), "420000w", "-30d", "99999999999w",
        "12w", "0min", "😀", "'; drop table \"Patients\"; --", "%00", "null", "1e13", "9999-12-31", "0001-01-01T00:00:00Z", "../..", "{}",
    ];

    private static readonly decimal[] HostileNumbers = [1e13m, -1m, 0m, 0.1234567m, 79228162514264337593543950335m, 1e-20m];
    private static readonly int[] HostileIntegers = [int.MaxValue, int.MinValue, -1, 0];
    private static readonly long[] Integers = [1, 2, 0, -1, 20, 200, 201, int.MaxValue, (long)int.MaxValue + 1, long.MaxValue];
    private static readonly decimal[] Numbers = [40m, 150m, 0.6m, 1.2m, 0m, -5m, 4000m, 1e13m, 0.1234567m, 350.000001m];
    private static readonly decimal[] PlausibleNumbers = [40m, 150m];
    private static readonly long[] PlausibleIntegers = [1, 2, 20];
    private static readonly string[] Durations = ["12w", "2s", "1h", "520w", "420000w", "-30d", "0min", "1e9d"];
    private static readonly string[] PlausibleParameters = ["nsaidTrialLength", "followUpAfter"];
    private static readonly string[] AnyParameters = [.. PlausibleParameters, "bogus"];
    private static readonly string[] PlausibleDurations = ["12w", "2s", "1h", "520w", "0min"];
    private static readonly string[] OddDates = ["0001-01-01", "9999-12-31", "2100-01-01", "1899-12-31", "2014-02-30", "today"];
    private static readonly string[] OddDateTimes =
        ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "1899-12-31T23:00:00Z", "2026-01-01T00:00:00+14:00", "0001-01-01T00:00:00+01:00", "later"];

    private static readonly Dictionary<string, string[]> Vocabulary = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sex"] = ["female", "male", "other", "unknown"],
        ["outcome"] = ["approved", "rejected", "overridden", "done", "given", "not-given", "held"],
        ["kind"] = ["weight", "height", "escalation-approval", "order-labs"],
        ["code"] = ["2160-0", "14682-9", "17861-6", "99999-9"],
        ["unit"] = ["mg/dL", "umol/L", "MG/DL", "kg", "cm", "u"],
        ["status"] = ["open", "completed", "cancelled", "active", "suspended", "all"],
        ["role"] = ["clinician", "coordinator", "administrator"],
        ["due"] = ["overdue", "today", "upcoming", "none"],
        ["sort"] = ["due", "created"],
        ["labs"] = ["missing", "held"],
        ["name"] = ["nsaidResponse", "pain"],
        ["value"] = ["inadequate", "adequate", "3"],
        ["reason"] = ["MRI reviewed"],
        ["search"] = ["Ada", "MRN-"],
        ["userName"] = ["fuzz-nobody"],
        ["password"] = ["wrong"],
    };

    /// <summary>How often a value is hostile rather than plausible.</summary>
    private double hostility = 0.08;

    public bool Chance(double p) => random.NextDouble() < p;

    /// <summary>
    /// A body for <paramref name="schema"/>: mostly plausible throughout but for one value made hostile
    /// (so it gets past the other fields' checks to the handler, the engine and the database) or not at all (so
    /// patients, instances and drafts accumulate), else (40%) hostile anywhere.
    /// </summary>
    public JsonNode? Body(JsonNode schema)
    {
        if (Chance(0.4)) return For(schema, "body");
        hostility = 0;
        var body = For(schema, "body");
        hostility = 0.08;
        if (body is not null && Chance(0.6)) Mutate(body, 1);
        return body;
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>A value for <paramref name="schema"/>; <paramref name="name"/> (the property or parameter) chooses the vocabulary and the ids.</summary>
    public JsonNode? For(JsonNode? schema, string name, int depth = 0)
    {
        if (Chance(hostility)) return Hostile();
        var referenced = OpenApiOperations.ReferenceName(schema);
        if (referenced == "JsonNode" || name is "definition") return Definition();
        if (referenced == "JsonObject") return name == "parameters" ? Parameters() : RandomObject(depth);
        schema = document.Resolve(schema);
        if (schema?["oneOf"] is JsonArray options) return For(Pick([.. options.Where(o => o?["type"]?.ToString() != "null")]), name, depth);

        var types = TypesOf(schema);
        if (types.Contains("null") && Chance(hostility)) return null;
        var format = schema?["format"]?.GetValue<string>();
        if (types.Contains("object")) return Object(schema!, depth);
        if (types.Contains("array")) return new JsonArray([.. Enumerable.Range(0, random.Next(3)).Select(_ => For(schema?["items"], name, depth + 1))]);
        if (types.Contains("boolean")) return Chance(0.5);
        if (types.Contains("integer")) return Integer(name);
        if (types.Contains("number")) return Number();
        return format switch
        {
            "uuid" => Id(name).ToString(),
            "date" => Date(),
            "date-time" => DateTime(),
            _ => Text(name),
        };
    }

    /// <summary>A query or path value as text (numbers and ids as they would be typed, sometimes hostile).</summary>
    public string Scalar(JsonNode? schema, string name) => For(schema, name) switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        var node => node.ToJsonString(),
    };

    public JsonNode? Hostile() => random.Next(7) switch
    {
        0 => JsonValue.Create(Pick(HostileText)),
        1 => JsonValue.Create(Pick(HostileNumbers)),
        2 => JsonValue.Create(Pick(HostileIntegers)),
        3 => new JsonArray(1, "x"),
        4 => new JsonObject { ["x"] = Pick(HostileText) },
        5 => JsonValue.Create(Chance(0.5)),
        _ => null,
    };

    private JsonObject Object(JsonNode schema, int depth)
    {
        var result = new JsonObject();
        foreach (var (property, propertySchema) in schema["properties"]?.AsObject() ?? [])
        {
            if (property is "auditAction" or "auditTarget" || Chance(hostility)) continue;
            result[property] = depth > 3 ? null : For(propertySchema, property, depth + 1);
        }

        if (Chance(hostility / 2)) result[Text("extra")] = Hostile();
        return result;
    }

    private JsonObject RandomObject(int depth) =>
        depth > 2 ? [] : new JsonObject(Enumerable.Range(0, random.Next(3)).Select(i => KeyValuePair.Create($"k{i}{Text("k")}",
            Chance(hostility * 6) ? Hostile() : Chance(0.5) ? JsonValue.Create(Chance(0.5)) : RandomObject(depth + 1))));

    /// <summary>Start parameters: the sample's own names with durations in and out of range, sometimes a name it does not have.</summary>
    private JsonObject Parameters()
    {
        var result = new JsonObject();
        foreach (var name in hostility == 0 ? PlausibleParameters : AnyParameters)
        {
            if (Chance(0.4)) result[name] = hostility == 0 ? Pick(PlausibleDurations) : Chance(0.6) ? Pick(Durations) : Hostile();
        }

        return result;
    }

    /// <summary>The shipped sample under a fuzz id, with a few of its values replaced by hostile ones.</summary>
    private JsonObject Definition()
    {
        var document = targets.Definition.DeepClone().AsObject();
        document["definitionId"] = Chance(0.8) ? $"fuzz-{random.Next(4)}" : Text("definitionId");
        Mutate(document, random.Next(3));
        return document;
    }

    /// <summary>Replaces <paramref name="times"/> values anywhere inside <paramref name="node"/> by hostile ones.</summary>
    private void Mutate(JsonNode node, int times)
    {
        var places = Walk(node).ToList();
        for (var i = 0; i < times && places.Count > 0; i++)
        {
            var (parent, key) = Pick(places);
            if (parent is JsonObject o) o[(string)key] = Hostile();
            else if (parent is JsonArray a && (int)key < a.Count) a[(int)key] = Hostile();
        }
    }

    private static IEnumerable<(JsonNode Parent, object Key)> Walk(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o.ToList())
                {
                    yield return (o, key);
                    if (child is not null) foreach (var inner in Walk(child)) yield return inner;
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    yield return (a, i);
                    if (a[i] is { } child) foreach (var inner in Walk(child)) yield return inner;
                }

                break;
        }
    }

    private static HashSet<string> TypesOf(JsonNode? schema) => schema?["type"] switch
    {
        JsonArray many => [.. many.Select(t => t!.GetValue<string>())],
        JsonValue one => [one.GetValue<string>()],
        _ => [],
    };

    private JsonValue Integer(string name) => name == "version" && (hostility == 0 || Chance(0.7))
        ? JsonValue.Create(hostility == 0 ? 1 : random.Next(1, 3))
        : JsonValue.Create(Pick(hostility == 0 ? PlausibleIntegers : Integers));

    private JsonValue Number() => JsonValue.Create(Pick(hostility == 0 ? PlausibleNumbers : Numbers));

    private Guid Id(string name) => Chance(hostility * 3) ? Guid.NewGuid() : name.ToLowerInvariant() switch
    {
        "patientid" => Pick(targets.Patients),
        "instanceid" => Pick(targets.Instances),
        "taskid" => Pick(targets.Tasks),
        "incidentid" => Guid.NewGuid(),
        _ => Pick([.. targets.Patients, .. targets.Instances, .. targets.Tasks]),
    };

    private string Date() => hostility == 0 || Chance(0.6)
        ? new DateOnly(random.Next(1950, 2020), random.Next(1, 13), random.Next(1, 29)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : Pick(OddDates);

    private string DateTime() => hostility == 0 || Chance(0.6)
        ? DateTimeOffset.UtcNow.AddMinutes(-random.Next(0, 60 * 24 * 365)).ToString("O", CultureInfo.InvariantCulture)
        : Pick(OddDateTimes);

    private string Text(string name)
    {
        if (name == "definitionId" && Chance(1 - hostility * 5)) return Pick(targets.Definitions);
        if (Vocabulary.TryGetValue(name, out var words) && Chance(1 - hostility * 4)) return Pick(words);
        return Chance(hostility * 6) ? Pick(HostileText) : $"fuzz-{random.Next(1000)}";
    }
}
