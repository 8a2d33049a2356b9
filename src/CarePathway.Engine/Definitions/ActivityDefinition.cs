using System.Text.Json;

namespace CarePathway.Engine.Definitions;

/// <summary>One node of the pathway graph: its type names an activity of the catalog.</summary>
public sealed record ActivityDefinition
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public string? Name { get; init; }

    /// <summary>Raw input values keyed by input name; the activity's descriptor says how each is read.</summary>
    public IReadOnlyDictionary<string, JsonElement> Inputs { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>Where the designer draws the node; no meaning to the engine.</summary>
    public Position? Position { get; init; }

    public string DisplayName => Name ?? Id;

    /// <summary>True when the input is given (present and not null).</summary>
    public bool HasInput(string name) => Inputs.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null;
}

public sealed record Position(double X, double Y);
