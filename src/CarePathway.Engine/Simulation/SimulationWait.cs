using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;

namespace CarePathway.Engine.Simulation;

/// <summary>
/// One thing a simulated instance still waits on when the run ended before the pathway did: without it a run that
/// ends "running" does not say whether it ran out of days, waits on a task nobody answers, or on a lab never sent.
/// </summary>
/// <param name="Activity">The activity waiting.</param>
/// <param name="Kind">task, timer, lab, measurement or assessment.</param>
/// <param name="What">The task's kind, the lab code, measurement kind or assessment name; for a timer, null.</param>
/// <param name="Since">When it began waiting (null on a state saved before bookmarks kept it).</param>
/// <param name="SinceDay">That time as a day of the scenario.</param>
/// <param name="DueDay">A timer's day, or a task's due day; null when it has none.</param>
public sealed record SimulationWait(string Activity, string Kind, string? What, DateTimeOffset? Since, int? SinceDay, int? DueDay)
{
    internal static List<SimulationWait> Of(InstanceState state, IReadOnlyList<TaskSpec> tasks, Timeline timeline) =>
    [
        .. state.Bookmarks.Where(b => !b.Watches).Select(b =>
        {
            var task = b.TaskId is { } id ? tasks.FirstOrDefault(t => t.Id == id) : null;
            var (kind, what, due) = b.Kind switch
            {
                BookmarkKind.Task => ("task", task?.Kind, task?.DueAt),
                BookmarkKind.Timer => ("timer", null, b.DueAt),
                _ => (b.EventType ?? "event", b.EventKey, b.DueAt),
            };
            return new SimulationWait(b.ActivityId, kind, what, b.CreatedAt, b.CreatedAt is { } at ? timeline.DayOf(at) : null,
                due is { } d ? timeline.DayOf(d) : null);
        }),
    ];

    public JsonObject ToJson() => new()
    {
        ["activity"] = Activity,
        ["kind"] = Kind,
        ["what"] = What,
        ["since"] = Since?.ToString("O"),
        ["sinceDay"] = SinceDay,
        ["dueDay"] = DueDay,
    };
}
