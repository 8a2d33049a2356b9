using System.Globalization;
using System.Text.Json.Nodes;
using CarePathway.Engine.Activities;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Simulation;
using CarePathway.Engine.Tests.Testing;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Tests.Pathways;

/// <summary>
/// Runs a scenario file from tests/scenarios against the shipped definition in workflows/, through the same
/// simulator as the CLI, and reads the timeline. Parameters can be overridden to run both settings of a choice.
/// </summary>
internal sealed class ShippedScenario
{
    private static readonly Lazy<IReadOnlyList<WorkflowDefinition>> Shipped = new(() =>
        [.. DefinitionFiles.Load(RepoPaths.Workflows, new DefinitionValidator(ActivityCatalog.Default)).Select(f => f.Definition!)]);

    private ShippedScenario(WorkflowDefinition definition, Scenario scenario, SimulationResult result)
    {
        Definition = definition;
        Scenario = scenario;
        Result = result;
    }

    public WorkflowDefinition Definition { get; }

    public Scenario Scenario { get; }

    public SimulationResult Result { get; }

    public static ShippedScenario Run(string file, object? parameters = null) => Run(file, parameters, null);

    /// <summary>Runs a scenario file changed by <paramref name="change"/> first (another patient, other labs or answers).</summary>
    public static ShippedScenario Run(string file, Action<JsonObject> change, object? parameters = null) => Run(file, parameters, change);

    private static ShippedScenario Run(string file, object? parameters, Action<JsonObject>? change)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Scenarios, file)))!.AsObject();
        change?.Invoke(json);
        if (parameters is not null)
        {
            var overrides = json["parameters"] as JsonObject ?? [];
            foreach (var (name, value) in System.Text.Json.JsonSerializer.SerializeToNode(parameters)!.AsObject()) overrides[name] = value?.DeepClone();
            json["parameters"] = overrides.DeepClone();
        }

        var scenario = ScenarioReader.Read(json.ToJsonString());
        var definition = scenario.Version is { } version ? Find(scenario.Pathway, version) : Find(scenario.Pathway);
        return new ShippedScenario(definition, scenario, Simulator.Run(scenario, new CompiledDefinition(definition, ActivityCatalog.Default)));
    }

    /// <summary>The shipped definition (workflows/*.json) with this id, at its highest version: the one new patients start on.</summary>
    public static WorkflowDefinition Find(string definitionId) => Shipped.Value.Where(d => d.DefinitionId == definitionId).MaxBy(d => d.Version)!;

    /// <summary>The shipped definition with this id and version (a scenario that names its version).</summary>
    public static WorkflowDefinition Find(string definitionId, int version) => Shipped.Value.Single(d => d.DefinitionId == definitionId && d.Version == version);

    /// <summary>The value a run uses for a parameter of <paramref name="definition"/>: its override, else the definition's default.</summary>
    public static JsonNode Parameter(WorkflowDefinition definition, IReadOnlyDictionary<string, JsonNode?> overrides, string parameter) =>
        overrides.GetValueOrDefault(parameter) ?? JsonNode.Parse(definition.Parameters.Single(p => p.Name == parameter).Default!.Value.GetRawText())!;

    /// <summary>The value a run uses for a parameter: the scenario's override, else the definition's default.</summary>
    public decimal Number(string parameter) => ParameterNode(parameter).GetValue<decimal>();

    public string Text(string parameter) => ParameterNode(parameter).GetValue<string>();

    /// <summary>A duration parameter in whole days (7d, 8w) or minutes (30min).</summary>
    public int Days(string parameter) => (int)ParameterValues.ParseDuration(Text(parameter)).AsDuration().TotalDays;

    public int Minutes(string parameter) => (int)ParameterValues.ParseDuration(Text(parameter)).AsDuration().TotalMinutes;

    private JsonNode ParameterNode(string parameter) => Parameter(Definition, Scenario.Parameters, parameter);

    public List<JsonObject> Entries(string type) => Result.Entries(type);

    public List<JsonObject> Reminders(string kind) => [.. Entries("reminder.created").Where(e => Field(e, "kind") == kind)];

    public List<JsonObject> Tasks(string kind) => Result.Tasks(kind);

    public List<JsonObject> Administered => Entries("infusion.administered");

    public List<JsonObject> Held(string gate) => Result.Gates("gate.held", gate);

    public static int Day(JsonObject entry) => entry["day"]!.GetValue<int>();

    public static int? DueDay(JsonObject entry) => entry["dueDay"]?.GetValue<int>();

    /// <summary>A numeric field, whichever CLR type the journal stored it as.</summary>
    public static decimal Dec(JsonObject entry, string field) => decimal.Parse(entry[field]!.ToJsonString(), CultureInfo.InvariantCulture);

    public static string Field(JsonObject entry, string field) => entry[field]!.GetValue<string>();

    /// <summary>The day (from the scenario start) that is <paramref name="months"/> calendar months after <paramref name="day"/>.</summary>
    public int DayMonthsAfter(int day, int months)
    {
        var from = Scenario.Start.AddDays(day);
        return (int)Math.Floor((from.AddMonths(months) - Scenario.Start).TotalDays);
    }

    /// <summary>Full years of age on the scenario's start day.</summary>
    public int AgeYears()
    {
        var birth = Scenario.Patient.BirthDate;
        var on = DateOnly.FromDateTime(Scenario.Start.UtcDateTime);
        return on.Year - birth.Year - (on < birth.AddYears(on.Year - birth.Year) ? 1 : 0);
    }

    public static decimal Round1(decimal value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);
}
