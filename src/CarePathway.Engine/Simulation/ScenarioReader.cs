using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;

namespace CarePathway.Engine.Simulation;

/// <summary>Reads a scenario file, naming the field of any problem.</summary>
public static class ScenarioReader
{
    public static Scenario Read(string json)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }) as JsonObject
                ?? throw new ScenarioException("$", "the scenario must be a JSON object");
        }
        catch (JsonException ex)
        {
            throw new ScenarioException("$", $"not valid JSON: {ex.Message}");
        }

        var start = root["start"] is { } s
            ? Parse("start", s, n => DateTimeOffset.Parse(n.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal))
            : new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

        return new Scenario
        {
            Pathway = Parse("pathway", root["pathway"], n => n.GetValue<string>()),
            Version = root["version"] is { } v ? Parse("version", v, n => n.GetValue<int>()) : null,
            Parameters = root["parameters"] is JsonObject p
                ? p.ToDictionary(e => e.Key, e => e.Value?.DeepClone(), StringComparer.Ordinal)
                : new Dictionary<string, JsonNode?>(),
            Start = start.ToUniversalTime(),
            Patient = ReadPatient(root["patient"] as JsonObject ?? throw new ScenarioException("patient", "is required")),
            Events = ReadEvents(root["events"] as JsonArray),
            Answers = ReadAnswers(root["answers"] as JsonObject),
            UntilDays = root["until"] is { } u ? Parse("until", u, n => n.GetValue<int>()) : 730,
        };
    }

    private static ScenarioPatient ReadPatient(JsonObject p) => new()
    {
        BirthDate = Parse("patient.birthDate", p["birthDate"], n => DateOnly.Parse(n.GetValue<string>(), CultureInfo.InvariantCulture)),
        Sex = Parse("patient.sex", p["sex"], n => n.GetValue<string>()),
        WeightKg = p["weightKg"] is { } w ? Parse("patient.weightKg", w, n => n.GetValue<decimal>()) : null,
        HeightCm = p["heightCm"] is { } h ? Parse("patient.heightCm", h, n => n.GetValue<decimal>()) : null,
        Diagnosis = p["diagnosis"]?.GetValue<string>() ?? "",
        Facts = p["facts"] is JsonObject f ? f.ToDictionary(e => e.Key, e => e.Value?.DeepClone(), StringComparer.Ordinal) : new(StringComparer.Ordinal),
        EarlierDoses = ReadEarlierDoses(p["earlierDoses"]),
    };

    private static List<EarlierDose> ReadEarlierDoses(JsonNode? node)
    {
        if (node is null) return [];
        var doses = node as JsonArray ?? throw new ScenarioException("patient.earlierDoses", "must be an array");
        var list = new List<EarlierDose>();
        for (var i = 0; i < doses.Count; i++)
        {
            var path = $"patient.earlierDoses[{i}]";
            var d = doses[i] as JsonObject ?? throw new ScenarioException(path, "must be an object");
            var drug = Parse(path + ".drug", d["drug"], n => n.GetValue<string>());
            if (string.IsNullOrWhiteSpace(drug)) throw new ScenarioException(path + ".drug", "is required");
            var mg = Parse(path + ".doseMg", d["doseMg"], n => n.GetValue<decimal>());
            if (mg <= 0m) throw new ScenarioException(path + ".doseMg", $"must be above 0 mg; got {mg}");
            var day = Parse(path + ".day", d["day"], n => n.GetValue<int>());
            if (day > 0) throw new ScenarioException(path + ".day", $"an earlier dose is on day 0 or before; got {day}");
            list.Add(new EarlierDose(drug, mg, day));
        }

        return list;
    }

    private static List<ScenarioEvent> ReadEvents(JsonArray? events)
    {
        var list = new List<ScenarioEvent>();
        for (var i = 0; i < (events?.Count ?? 0); i++)
        {
            var path = $"events[{i}]";
            var e = events![i] as JsonObject ?? throw new ScenarioException(path, "must be an object");
            var day = Parse(path + ".day", e["day"], n => n.GetValue<int>());
            if (e["lab"] is JsonObject lab)
            {
                list.Add(new ScenarioEvent(day, EventTypes.Lab, Parse(path + ".lab.code", lab["code"], n => n.GetValue<string>()),
                    Number(path + ".lab.value", lab["value"]), Parse(path + ".lab.unit", lab["unit"], n => n.GetValue<string>())));
            }
            else if (e["measurement"] is JsonObject m)
            {
                foreach (var (name, value) in m)
                {
                    var (kind, unit) = name switch
                    {
                        "weightKg" => (Patients.MeasurementKinds.Weight, "kg"),
                        "heightCm" => (Patients.MeasurementKinds.Height, "cm"),
                        _ => throw new ScenarioException($"{path}.measurement.{name}", "is not a measurement: weightKg or heightCm"),
                    };
                    list.Add(new ScenarioEvent(day, EventTypes.Measurement, kind, Number($"{path}.measurement.{name}", value), unit));
                }
            }
            else if (e["assessment"] is JsonObject a)
            {
                list.Add(new ScenarioEvent(day, EventTypes.Assessment, Parse(path + ".assessment.name", a["name"], n => n.GetValue<string>()),
                    a["value"]?.DeepClone(), null));
            }
            else
            {
                throw new ScenarioException(path, "must hold a lab, measurement or assessment");
            }
        }

        return list;
    }

    private static AnswerBook ReadAnswers(JsonObject? answers)
    {
        var book = new AnswerBook();
        foreach (var section in new[] { AnswerBook.Labs, AnswerBook.Measurements, AnswerBook.Assessments, AnswerBook.Tasks, AnswerBook.Activities })
        {
            if (answers?[section] is not JsonObject entries) continue;
            foreach (var (key, list) in entries)
            {
                var path = $"answers.{section}.{key}";
                var items = list as JsonArray ?? throw new ScenarioException(path, "must be an array");
                book.Add(section, key, [.. items.Select((item, i) => ReadAnswer(section, item, $"{path}[{i}]"))]);
            }
        }

        return book;
    }

    private static Answer ReadAnswer(string section, JsonNode? item, string path)
    {
        if (item is JsonValue plain)
        {
            // A bare string is a task outcome or an assessment value; labs need their unit.
            if (section == AnswerBook.Labs) throw new ScenarioException(path, "a lab answer needs a value and a unit");
            if (section == AnswerBook.Measurements) return new Answer { Value = Number(path, plain) };
            return IsTask(section) ? new Answer { Outcome = plain.GetValue<string>() } : new Answer { Value = plain.DeepClone() };
        }

        var o = item as JsonObject ?? throw new ScenarioException(path, "must be a value or an object");
        var answer = new Answer
        {
            FromDay = o["fromDay"] is { } f ? Parse(path + ".fromDay", f, n => n.GetValue<int>()) : null,
            Value = o["value"]?.DeepClone(),
            Unit = o["unit"]?.GetValue<string>(),
            Outcome = o["outcome"]?.GetValue<string>(),
            Reason = o["reason"]?.GetValue<string>(),
            By = o["by"]?.GetValue<string>(),
            Data = o["data"]?.DeepClone() as JsonObject,
            AfterDays = o["afterDays"] is { } d ? Parse(path + ".afterDays", d, n => n.GetValue<int>()) : 0,
        };
        if (section == AnswerBook.Labs && (answer.Value is null || answer.Unit is null))
            throw new ScenarioException(path, "a lab answer needs a value and a unit");
        if (section is AnswerBook.Labs or AnswerBook.Measurements) Number(path + ".value", answer.Value);
        if (IsTask(section) && answer.Outcome is null)
            throw new ScenarioException(path + ".outcome", "is required");
        return answer;
    }

    private static bool IsTask(string section) => section is AnswerBook.Tasks or AnswerBook.Activities;

    /// <summary>A lab or measurement value: the simulator computes with it, so it must be a number.</summary>
    private static JsonNode Number(string field, JsonNode? node)
    {
        Parse(field, node, n => n.GetValue<decimal>());
        return node!.DeepClone();
    }

    private static T Parse<T>(string field, JsonNode? node, Func<JsonNode, T> read)
    {
        if (node is null) throw new ScenarioException(field, "is required");
        try
        {
            return read(node);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or ArgumentException)
        {
            throw new ScenarioException(field, $"'{node.ToJsonString()}' is not a valid {typeof(T).Name}");
        }
    }
}

public sealed class ScenarioException(string field, string message) : Exception($"{field}: {message}")
{
    public string Field { get; } = field;

    /// <summary>What is wrong with the field, without its name (for callers that name it their own way).</summary>
    public string Reason { get; } = message;
}
