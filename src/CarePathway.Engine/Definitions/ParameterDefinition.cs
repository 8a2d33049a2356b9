using System.Text.Json;

namespace CarePathway.Engine.Definitions;

/// <summary>
/// A named constant of the pathway (a dose per kilogram, a cap, a trial length...). Clinical numbers
/// live here, with their unit and the source they come from, never in code.
/// </summary>
public sealed record ParameterDefinition
{
    public required string Name { get; init; }

    /// <summary>One of <see cref="ValueTypes"/>: number, string, boolean, duration, date.</summary>
    public required string Type { get; init; }

    public JsonElement? Default { get; init; }

    /// <summary>The unit of a number parameter (mg/kg, mg/dL...); a number with a unit becomes a quantity.</summary>
    public string? Unit { get; init; }

    /// <summary>Where the value comes from: a guideline, a label, a local protocol.</summary>
    public string? Source { get; init; }

    public string? Description { get; init; }

    /// <summary>For a string parameter that chooses between options (e.g. a renal rule).</summary>
    public IReadOnlyList<string>? Allowed { get; init; }
}
