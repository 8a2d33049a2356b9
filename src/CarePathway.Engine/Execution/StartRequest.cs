using System.Text.Json.Nodes;

namespace CarePathway.Engine.Execution;

/// <summary>What starting a pathway for a patient needs.</summary>
public sealed record StartRequest(Guid InstanceId, Guid PatientId, string StartedBy)
{
    /// <summary>Overrides of the definition's parameter defaults, by name, validated against their types.</summary>
    public IReadOnlyDictionary<string, JsonNode?> Parameters { get; init; } = new Dictionary<string, JsonNode?>();
}

/// <summary>A start refused because its parameter overrides do not fit the definition.</summary>
public sealed class InvalidStartException(IReadOnlyList<Validation.ValidationProblem> problems)
    : Exception("the pathway cannot start: " + string.Join("; ", problems))
{
    public IReadOnlyList<Validation.ValidationProblem> Problems { get; } = problems;
}
