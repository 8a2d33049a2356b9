using System.Text.Json.Nodes;
using CarePathway.Engine.Activities;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Patients;
using CarePathway.Engine.Validation;

namespace CarePathway.Benchmarks;

/// <summary>The pathways the benchmarks run, built in code and checked by the real validator.</summary>
internal static class Pathways
{
    public const string SequentialId = "bench-sequential";
    public const string TimerLoopId = "bench-timer-loop";

    /// <summary>Steps of the sequential pathway: Start, 8 SetVariable, End.</summary>
    public const int SequentialActivities = 10;

    /// <summary>Start -> set-1 -> ... -> set-8 -> End: ten activities, no waits; one Start call runs them all.</summary>
    public static string SequentialJson()
    {
        var activities = new JsonArray { Activity("start", "Start") };
        var connections = new JsonArray();
        var previous = "start";
        for (var i = 1; i <= SequentialActivities - 2; i++)
        {
            var id = $"set-{i}";
            activities.Add(Activity(id, "SetVariable", new JsonObject { ["variable"] = "counter", ["value"] = $"var.counter + {i}" }));
            connections.Add(Connection(previous, "done", id));
            previous = id;
        }

        activities.Add(Activity("end", "End"));
        connections.Add(Connection(previous, "done", "end"));
        return Document(SequentialId, "Benchmark: ten sequential activities", activities, connections);
    }

    /// <summary>
    /// Start -> wait (Delay 1d) -> count (SetVariable) -> more? (Decision) -> wait ... ; End after a
    /// million rounds (never reached here: the End only makes the pathway valid). Every timer that
    /// fires is one transition: the old timer bookmark goes, a new one and its timer request come.
    /// </summary>
    public static string TimerLoopJson()
    {
        var activities = new JsonArray
        {
            Activity("start", "Start"),
            Activity("wait", "Delay", new JsonObject { ["duration"] = "1d" }),
            Activity("count", "SetVariable", new JsonObject { ["variable"] = "counter", ["value"] = "var.counter + 1" }),
            Activity("more", "Decision", new JsonObject { ["condition"] = "var.counter < 1000000" }),
            Activity("end", "End"),
        };
        var connections = new JsonArray
        {
            Connection("start", "done", "wait"),
            Connection("wait", "done", "count"),
            Connection("count", "done", "more"),
            Connection("more", "true", "wait"),
            Connection("more", "false", "end"),
        };
        return Document(TimerLoopId, "Benchmark: timer loop", activities, connections);
    }

    /// <summary>Reads and validates a definition, refusing to benchmark an invalid one.</summary>
    public static CompiledDefinition Compile(string json)
    {
        var read = new DefinitionValidator(ActivityCatalog.Default).ValidateJson(json);
        if (read.Definition is null)
            throw new InvalidOperationException("benchmark pathway is invalid: " + string.Join("; ", read.Problems));
        return new CompiledDefinition(read.Definition, ActivityCatalog.Default);
    }

    public static PatientContext Patient(Guid id) => new()
    {
        PatientId = id,
        BirthDate = new DateOnly(2014, 1, 5),
        Sex = "female",
        Diagnosis = "CRMO",
    };

    private static string Document(string id, string name, JsonArray activities, JsonArray connections) => new JsonObject
    {
        ["definitionId"] = id,
        ["version"] = 1,
        ["name"] = name,
        ["description"] = "Built by tests/CarePathway.Benchmarks; not a clinical pathway.",
        ["parameters"] = new JsonArray(),
        ["variables"] = new JsonArray
        {
            new JsonObject { ["name"] = "counter", ["type"] = "number", ["initial"] = 0, ["description"] = "A counter." },
        },
        ["activities"] = activities,
        ["connections"] = connections,
    }.ToJsonString();

    private static JsonObject Activity(string id, string type, JsonObject? inputs = null)
    {
        var activity = new JsonObject { ["id"] = id, ["type"] = type };
        if (inputs is not null) activity["inputs"] = inputs;
        return activity;
    }

    private static JsonObject Connection(string from, string outcome, string to) =>
        new() { ["from"] = from, ["outcome"] = outcome, ["to"] = to };
}
