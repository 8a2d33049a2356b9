using System.Text.Json;
using CarePathway.Engine.Activities;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;

namespace CarePathway.Engine.Tests.Testing;

/// <summary>
/// A compact way to write small definitions in tests: activities with anonymous-object inputs,
/// connections as (from, outcome, to), and <see cref="Chain"/> for "done" sequences.
/// </summary>
internal sealed class PathwayBuilder(string definitionId = "test-pathway", int version = 1)
{
    private readonly List<ParameterDefinition> _parameters = [];
    private readonly List<VariableDefinition> _variables = [];
    private readonly List<ActivityDefinition> _activities = [];
    private readonly List<Connection> _connections = [];

    public static PathwayBuilder Create(string definitionId = "test-pathway", int version = 1) => new(definitionId, version);

    public PathwayBuilder Parameter(string name, string type, object? @default, string? unit = null,
        string? source = "local test protocol", IReadOnlyList<string>? allowed = null)
    {
        _parameters.Add(new ParameterDefinition
        {
            Name = name, Type = type, Default = @default is null ? null : Element(@default), Unit = unit, Source = source, Allowed = allowed,
        });
        return this;
    }

    public PathwayBuilder Variable(string name, string type = ValueTypes.Any, object? initial = null)
    {
        _variables.Add(new VariableDefinition { Name = name, Type = type, Initial = initial is null ? null : Element(initial) });
        return this;
    }

    public PathwayBuilder Activity(string id, string type, object? inputs = null)
    {
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (inputs is not null)
        {
            foreach (var property in Element(inputs).EnumerateObject()) values[property.Name] = property.Value.Clone();
        }

        _activities.Add(new ActivityDefinition { Id = id, Type = type, Inputs = values });
        return this;
    }

    public PathwayBuilder Connect(string from, string outcome, string to)
    {
        _connections.Add(new Connection(from, outcome, to));
        return this;
    }

    /// <summary>Connects each activity to the next on its "done" outcome.</summary>
    public PathwayBuilder Chain(params string[] ids)
    {
        for (var i = 0; i + 1 < ids.Length; i++) Connect(ids[i], "done", ids[i + 1]);
        return this;
    }

    public WorkflowDefinition Build() => new()
    {
        DefinitionId = definitionId,
        Version = version,
        Name = "Test pathway",
        Parameters = [.. _parameters],
        Variables = [.. _variables],
        Activities = [.. _activities],
        Connections = [.. _connections],
    };

    public CompiledDefinition Compile() => new(Build(), ActivityCatalog.Default);

    public string Json() => DefinitionJson.Write(Build());

    public static JsonElement Element(object value) => JsonSerializer.SerializeToElement(value);
}
