using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CarePathway.Engine.Activities;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Expressions;

namespace CarePathway.Engine.Execution;

/// <summary>
/// A definition prepared for running: activities and connections indexed, activity types resolved,
/// expressions parsed once and cached. Thread-safe; hosts keep one per published version.
/// </summary>
public sealed class CompiledDefinition
{
    private readonly Dictionary<string, ActivityDefinition> _activities;
    private readonly Dictionary<(string From, string Outcome), List<string>> _targets;
    private readonly ConcurrentDictionary<string, ParsedExpression> _expressions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ParameterDefinition> _parameters;
    private readonly HashSet<string> _variables;
    private readonly ConcurrentDictionary<(string Name, string Json), Value> _parameterValues = new();

    public CompiledDefinition(WorkflowDefinition definition, ActivityCatalog catalog)
    {
        Definition = definition;
        Catalog = catalog;
        _activities = definition.Activities.ToDictionary(a => a.Id, StringComparer.Ordinal);
        _targets = definition.Connections
            .GroupBy(c => (c.From, c.Outcome))
            .ToDictionary(g => g.Key, g => g.Select(c => c.To).ToList());
        _parameters = definition.Parameters.GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _variables = new HashSet<string>(definition.Variables.Select(v => v.Name), StringComparer.Ordinal);
        StartActivityIds = [.. definition.Activities.Where(a => a.Type == BuiltIn.Start).Select(a => a.Id)];
    }

    public WorkflowDefinition Definition { get; }
    public ActivityCatalog Catalog { get; }
    public IReadOnlyList<string> StartActivityIds { get; }

    public ActivityDefinition Activity(string id) =>
        _activities.TryGetValue(id, out var activity) ? activity : throw new KeyNotFoundException($"no activity '{id}' in {Definition.DefinitionId} v{Definition.Version}");

    public bool HasActivity(string id) => _activities.ContainsKey(id);

    public IReadOnlyList<string> TargetsOf(string from, string outcome) =>
        _targets.TryGetValue((from, outcome), out var targets) ? targets : [];

    public bool DeclaresVariable(string name) => _variables.Contains(name);

    /// <summary>
    /// A parameter's stored value as an expression value, converted once per distinct value: a
    /// duration such as "12w" is parsed the first time and reused by every later evaluation.
    /// </summary>
    public Value ParameterValue(string name, JsonNode? stored) =>
        stored is null
            ? Value.Null
            : _parameterValues.GetOrAdd((name, stored.ToJsonString()), _ => ParameterValues.ToValue(stored, _parameters.GetValueOrDefault(name)));

    /// <summary>Parses an expression once; a definition that passed validation never fails here.</summary>
    public ParsedExpression Expression(string text) => _expressions.GetOrAdd(text, static t =>
    {
        var parsed = ExpressionParser.Parse(t);
        return parsed.Expression ?? throw new ActivityFaultException(
            $"expression '{t}' does not parse: {string.Join("; ", parsed.Errors.Select(e => e.Message))}");
    });

    /// <summary>The names of the built-in activity types the runner treats specially.</summary>
    public static class BuiltIn
    {
        public const string Start = "Start";
    }
}
