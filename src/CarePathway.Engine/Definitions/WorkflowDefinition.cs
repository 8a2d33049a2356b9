namespace CarePathway.Engine.Definitions;

/// <summary>
/// A pathway definition as authored: the JSON document of one version. Immutable once loaded;
/// the lifecycle status (draft, published, retired) lives with whoever stores it, not here.
/// </summary>
public sealed record WorkflowDefinition
{
    public required string DefinitionId { get; init; }
    public required int Version { get; init; }
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public IReadOnlyList<ParameterDefinition> Parameters { get; init; } = [];
    public IReadOnlyList<VariableDefinition> Variables { get; init; } = [];
    public IReadOnlyList<ActivityDefinition> Activities { get; init; } = [];
    public IReadOnlyList<Connection> Connections { get; init; } = [];
}
