using CarePathway.Engine.Activities;
using CarePathway.Engine.Definitions;

namespace CarePathway.Engine.Validation;

/// <summary>Rules about the graph: connections, outcomes, reachability and a way to an end.</summary>
internal static class GraphRules
{
    /// <param name="definition">The definition checked.</param>
    /// <param name="outcomesOf">An activity's outcomes; null when they are not known (an unknown type, inputs that do not bind).</param>
    public static IEnumerable<ValidationProblem> Check(WorkflowDefinition definition, Func<ActivityDefinition, IReadOnlyList<string>?> outcomesOf)
    {
        var activities = definition.Activities.GroupBy(a => a.Id).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var outcomes = activities.Values.ToDictionary(a => a.Id, outcomesOf, StringComparer.Ordinal);

        var used = new HashSet<(string, string)>();
        var index = 0;
        foreach (var c in definition.Connections)
        {
            var field = $"connections[{index++}]";
            if (!activities.ContainsKey(c.From))
            {
                yield return new(null, field + ".from", $"connects from '{c.From}', which is not an activity");
                continue;
            }

            if (!activities.TryGetValue(c.To, out var target))
                yield return new(c.From, field + ".to", $"outcome '{c.Outcome}' connects to '{c.To}', which is not an activity");
            else if (target.Type == "Start")
                yield return new(c.From, field + ".to", "nothing may connect into the Start activity");
            if (outcomes[c.From] is { } known && !known.Contains(c.Outcome))
                yield return new(c.From, field + ".outcome", $"'{c.Outcome}' is not an outcome of this activity ({Describe(known)})");
            // One outcome, one next step: parallel paths are drawn with a Fork, so they can be joined.
            if (!used.Add((c.From, c.Outcome)))
                yield return new(c.From, field, $"outcome '{c.Outcome}' is connected more than once (use a Fork for parallel paths)");
        }

        foreach (var (id, known) in outcomes)
        {
            foreach (var outcome in known ?? [])
            {
                if (!used.Contains((id, outcome))) yield return new(id, "connections", $"outcome '{outcome}' has no connection");
            }
        }

        foreach (var problem in Reachability(definition, activities)) yield return problem;
    }

    private static IEnumerable<ValidationProblem> Reachability(WorkflowDefinition definition, Dictionary<string, ActivityDefinition> activities)
    {
        var valid = definition.Connections.Where(c => activities.ContainsKey(c.From) && activities.ContainsKey(c.To)).ToList();
        var starts = activities.Values.Where(a => a.Type == "Start").Select(a => a.Id);
        var ends = activities.Values.Where(a => a.Type == "End").Select(a => a.Id);
        if (!starts.Any() || !ends.Any()) yield break;

        var reachable = Walk(starts, valid.ToLookup(c => c.From, c => c.To));
        var canEnd = Walk(ends, valid.ToLookup(c => c.To, c => c.From));
        // A path that never ends by itself (a monitoring clock beside the course) is ended by an End that ends the pathway.
        var endedByThePathway = activities.Values.Any(EndsPathway);
        foreach (var id in activities.Keys)
        {
            if (!reachable.Contains(id)) yield return new(id, "connections", "cannot be reached from Start");
            else if (!canEnd.Contains(id) && !endedByThePathway)
                yield return new(id, "connections", "has no path to an End (a loop beside the course needs an End with endsPathway to stop it)");
        }
    }

    private static bool EndsPathway(ActivityDefinition activity) =>
        activity.Type == "End" && activity.Inputs.TryGetValue("endsPathway", out var value) && value.ValueKind == System.Text.Json.JsonValueKind.True;

    private static HashSet<string> Walk(IEnumerable<string> from, ILookup<string, string> next)
    {
        var seen = new HashSet<string>(from, StringComparer.Ordinal);
        var queue = new Queue<string>(seen);
        while (queue.TryDequeue(out var id))
        {
            foreach (var n in next[id])
            {
                if (seen.Add(n)) queue.Enqueue(n);
            }
        }

        return seen;
    }

    private static string Describe(IReadOnlyList<string> outcomes) =>
        outcomes.Count == 0 ? "it has none" : "it has " + string.Join(", ", outcomes);
}
