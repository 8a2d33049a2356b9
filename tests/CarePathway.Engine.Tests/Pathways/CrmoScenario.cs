using System.Text.Json.Nodes;
using CarePathway.Engine.Activities;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Simulation;
using CarePathway.Engine.Tests.Testing;

namespace CarePathway.Engine.Tests.Pathways;

/// <summary>
/// Runs the shipped crmo-pamidronate definition (workflows/) against the scenario files in tests/scenarios
/// through the same <see cref="Simulator"/> the CLI uses, optionally with parameters or answers changed, so
/// both settings of a disagreement parameter run from one file.
/// </summary>
internal static class CrmoScenario
{
    public static CompiledDefinition Definition { get; } = Load();

    public static SimulationResult Run(string name, Action<JsonObject>? change = null)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Scenarios, $"crmo-pamidronate.{name}.json")))!.AsObject();
        change?.Invoke(json);
        return Simulator.Run(ScenarioReader.Read(json.ToJsonString()), Definition);
    }

    /// <summary>Runs a scenario with start parameters set (the definition's defaults cover the rest).</summary>
    public static SimulationResult Run(string name, params (string Name, JsonNode Value)[] parameters) =>
        Run(name, json => WithParameters(json, parameters));

    public static void WithParameters(JsonObject scenario, params (string Name, JsonNode Value)[] parameters)
    {
        var target = scenario["parameters"] as JsonObject ?? [];
        foreach (var (name, value) in parameters) target[name] = value.DeepClone();
        scenario["parameters"] = target;
    }

    /// <summary>Replaces the simulated answers to one task kind.</summary>
    public static void WithTaskAnswers(JsonObject scenario, string kind, JsonArray answers) =>
        scenario["answers"]!["tasks"]![kind] = answers;

    private static CompiledDefinition Load() => new(ShippedScenario.Find("crmo-pamidronate"), ActivityCatalog.Default);
}

/// <summary>Reads what a clinician would look for on a simulated timeline.</summary>
internal static class TimelineQueries
{
    public static List<JsonObject> Entries(this SimulationResult result, string type) =>
        [.. result.Timeline.Select(e => e!.AsObject()).Where(e => e["type"]!.GetValue<string>() == type)];

    public static int Day(this JsonObject entry) => entry["day"]!.GetValue<int>();

    public static string Text(this JsonObject entry, string field) => entry[field]!.GetValue<string>();

    public static decimal Number(this JsonObject entry, string field) => entry[field]!.GetValue<decimal>();

    /// <summary>Every infusion given: (day, cycle, cycle day, mg, minutes).</summary>
    public static List<(int Day, int Cycle, int CycleDay, decimal DoseMg, int Minutes)> Infusions(this SimulationResult result) =>
        [.. result.Entries("infusion.administered").Select(e => (e.Day(), e["cycle"]!.GetValue<int>(), e["cycleDay"]!.GetValue<int>(),
            e.Number("doseMg"), e["infusionMinutes"]!.GetValue<int>()))];

    public static List<JsonObject> DosePlans(this SimulationResult result) => result.Entries("dose.calculated");

    public static decimal[] Doses(this JsonObject plan) => [.. plan["doses"]!.AsArray().Select(d => d!.GetValue<decimal>())];

    /// <summary>Reminders of one kind: (day created, day due).</summary>
    public static List<(int Day, int? DueDay)> Reminders(this SimulationResult result, string kind) =>
        [.. result.Entries("reminder.created").Where(e => e.Text("kind") == kind).Select(e => (e.Day(), e["dueDay"]?.GetValue<int>()))];

    public static List<JsonObject> Tasks(this SimulationResult result, string kind, string type = "task.created") =>
        [.. result.Entries(type).Where(e => e.Text("kind") == kind)];

    public static List<JsonObject> Gates(this SimulationResult result, string type, string gate) =>
        [.. result.Entries(type).Where(e => e.Text("gate") == gate)];
}
