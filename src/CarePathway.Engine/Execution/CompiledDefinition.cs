using CarePathway.Engine.Activities.BuiltIn;
using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CarePathway.Engine.Activities;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Expressions;

namespace CarePathway.Engine.Execution;

/// <summary>
/// A definition prepared for running: activities and connections indexed, each activity bound to its type with its
/// inputs read and its expressions parsed once. A definition whose activities do not bind (one that fails validation)
/// is refused here, so nothing runs that the validator would reject. Thread-safe; hosts keep one per published version.
/// </summary>
public sealed class CompiledDefinition
{
    private readonly Dictionary<string, BoundActivity> _activities;
    private readonly Dictionary<(string From, string Outcome), List<string>> _targets;
    private readonly Dictionary<string, ParameterDefinition> _parameters;
    private readonly HashSet<string> _variables;
    private readonly ConcurrentDictionary<(string Name, string Json), Value> _parameterValues = new();

    /// <exception cref="InvalidDefinitionException">An activity's type is unknown or its inputs do not bind.</exception>
    public CompiledDefinition(WorkflowDefinition definition, ActivityCatalog catalog)
    {
        Definition = definition;
        _activities = definition.Activities.ToDictionary(a => a.Id, a => Bind(a, catalog), StringComparer.Ordinal);
        _targets = definition.Connections
            .GroupBy(c => (c.From, c.Outcome))
            .ToDictionary(g => g.Key, g => g.Select(c => c.To).ToList());
        _parameters = definition.Parameters.GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _variables = new HashSet<string>(definition.Variables.Select(v => v.Name), StringComparer.Ordinal);
        StartActivityIds = [.. definition.Activities.Where(a => a.Type == BuiltIn.Start).Select(a => a.Id)];
    }

    public WorkflowDefinition Definition { get; }
    public IReadOnlyList<string> StartActivityIds { get; }

    public ActivityDefinition Activity(string id) => Bound(id).Definition;

    /// <summary>The activity with its inputs, as bound when the definition was compiled.</summary>
    public BoundActivity Bound(string id) =>
        _activities.TryGetValue(id, out var activity) ? activity : throw new KeyNotFoundException($"no activity '{id}' in {Definition.DefinitionId} v{Definition.Version}");

    public bool HasActivity(string id) => _activities.ContainsKey(id);

    public IReadOnlyList<string> TargetsOf(string from, string outcome) =>
        _targets.TryGetValue((from, outcome), out var targets) ? targets : [];

    /// <summary>The group of pathways this one may not run beside for one patient (its Start's <c>courseGroup</c>), or null.</summary>
    public string? CourseGroup => StartActivityIds.Select(Bound).OfType<BoundActivity<StartActivity.Inputs>>().Select(s => s.Inputs.CourseGroup).FirstOrDefault();

    public bool DeclaresVariable(string name) => _variables.Contains(name);

    /// <summary>
    /// A parameter's stored value as an expression value, converted once per distinct value: a
    /// duration such as "12w" is parsed the first time and reused by every later evaluation.
    /// </summary>
    public Value ParameterValue(string name, JsonNode? stored) =>
        stored is null
            ? Value.Null
            : _parameterValues.GetOrAdd((name, stored.ToJsonString()), _ => ParameterValues.ToValue(stored, _parameters.GetValueOrDefault(name)));

    private static BoundActivity Bind(ActivityDefinition activity, ActivityCatalog catalog)
    {
        if (!catalog.TryGet(activity.Type, out var type))
            throw new InvalidDefinitionException([new(activity.Id, "type", $"unknown activity type '{activity.Type}'")]);
        var (bound, problems) = type.Bind(activity);
        return bound is not null && problems.Count == 0 ? bound : throw new InvalidDefinitionException(problems);
    }

    /// <summary>The names of the built-in activity types the runner treats specially.</summary>
    public static class BuiltIn
    {
        public const string Start = "Start";
    }
}
