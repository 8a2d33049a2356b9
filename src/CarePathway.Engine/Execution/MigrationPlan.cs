using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Execution;

/// <summary>
/// How running instances of one version go to another: each waiting activity of <see cref="From"/> lands on an activity
/// of <see cref="To"/>. An activity whose id is in both versions maps to itself unless <see cref="Mapping"/> says
/// otherwise; any other waiting activity must be mapped. A wait lands only on an activity of the same type, so a
/// task stays a task of the same kind, a timer a timer, a lab wait a lab wait.
/// </summary>
public sealed record MigrationPlan(CompiledDefinition From, CompiledDefinition To, IReadOnlyDictionary<string, string> Mapping)
{
    /// <summary>Where a path at <paramref name="activityId"/> of <see cref="From"/> goes, or null when the plan does not say.</summary>
    public string? TargetOf(string activityId) =>
        Mapping.TryGetValue(activityId, out var target) ? target : To.HasActivity(activityId) ? activityId : null;

    /// <summary>
    /// What is wrong with the plan for instances waiting at <paramref name="waiting"/> (activity id and how many wait
    /// there): each problem on <c>mapping.&lt;activity id&gt;</c>. Empty when every selected instance has a place.
    /// </summary>
    public IReadOnlyList<ValidationProblem> Problems(IReadOnlyDictionary<string, int> waiting)
    {
        var problems = new List<ValidationProblem>();
        foreach (var (from, to) in Mapping)
        {
            var field = $"mapping.{from}";
            if (!From.HasActivity(from)) problems.Add(new(null, field, $"'{from}' is not an activity of version {From.Definition.Version}"));
            else if (!To.HasActivity(to)) problems.Add(new(null, field, $"'{to}' is not an activity of version {To.Definition.Version}"));
            else if (KindProblem(from, to) is { } kind) problems.Add(new(null, field, kind));
        }

        foreach (var (activityId, count) in waiting.OrderBy(w => w.Key, StringComparer.Ordinal))
        {
            if (Mapping.ContainsKey(activityId)) continue;
            var field = $"mapping.{activityId}";
            var instances = count == 1 ? "1 selected instance waits" : $"{count} selected instances wait";
            if (!To.HasActivity(activityId))
                problems.Add(new(null, field, $"{instances} here and version {To.Definition.Version} has no '{activityId}': map it to one of its activities"));
            else if (KindProblem(activityId, activityId) is { } kind)
                problems.Add(new(null, field, $"{instances} here: {kind}; map it to an activity of the same type"));
        }

        return problems;
    }

    /// <summary>Why a wait at <paramref name="from"/> cannot land on <paramref name="to"/>, or null when it can.</summary>
    public string? KindProblem(string from, string to)
    {
        var fromType = From.Activity(from).Type;
        var toType = To.Activity(to).Type;
        return fromType == toType
            ? null
            : $"'{from}' is a {fromType} and '{to}' in version {To.Definition.Version} is a {toType}: a waiting task, timer or lab wait must land on an activity of the same type";
    }
}
