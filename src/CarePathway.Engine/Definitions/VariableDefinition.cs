using System.Text.Json;

namespace CarePathway.Engine.Definitions;

/// <summary>State an instance carries between activities (a cycle counter, the last dose date...).</summary>
public sealed record VariableDefinition
{
    public required string Name { get; init; }

    /// <summary>One of <see cref="ValueTypes"/>, or "any".</summary>
    public string Type { get; init; } = ValueTypes.Any;

    public JsonElement? Initial { get; init; }

    public string? Description { get; init; }
}
