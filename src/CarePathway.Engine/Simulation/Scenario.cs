using System.Text.Json.Nodes;

namespace CarePathway.Engine.Simulation;

/// <summary>The input of a simulation: a pathway, a patient, what happens and how the world answers.</summary>
public sealed record Scenario
{
    public required string Pathway { get; init; }
    public int? Version { get; init; }
    public IReadOnlyDictionary<string, JsonNode?> Parameters { get; init; } = new Dictionary<string, JsonNode?>();
    public required DateTimeOffset Start { get; init; }
    public required ScenarioPatient Patient { get; init; }
    public IReadOnlyList<ScenarioEvent> Events { get; init; } = [];
    public AnswerBook Answers { get; init; } = new();
    public required int UntilDays { get; init; }
}

public sealed record ScenarioPatient
{
    public required DateOnly BirthDate { get; init; }
    public required string Sex { get; init; }
    public decimal? WeightKg { get; init; }
    public decimal? HeightCm { get; init; }
    public string Diagnosis { get; init; } = "";
    public Dictionary<string, JsonNode?> Facts { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Doses given in earlier courses (<c>earlierDoses</c>), which the caps, first-dose rule and intervals count.</summary>
    public IReadOnlyList<EarlierDose> EarlierDoses { get; init; } = [];
}

/// <summary>A dose given before the scenario, in another course.</summary>
/// <param name="Drug">The drug as DoseCalculation names it (e.g. pamidronate).</param>
/// <param name="DoseMg">The dose given.</param>
/// <param name="Day">When, counted from the scenario's start: 0 or before (e.g. -100).</param>
public sealed record EarlierDose(string Drug, decimal DoseMg, int Day);

/// <summary>Something that happens unprompted on a given day: a lab, a measurement or an assessment.</summary>
/// <param name="Day">The day it happens on, counted from the scenario's start (day 0).</param>
/// <param name="EventType">lab, measurement or assessment.</param>
/// <param name="Key">Lab code, measurement kind (weight, height) or assessment name.</param>
/// <param name="Value">The result, measurement or answer.</param>
/// <param name="Unit">The value's unit; null where it has none.</param>
public sealed record ScenarioEvent(int Day, string EventType, string Key, JsonNode? Value, string? Unit);
