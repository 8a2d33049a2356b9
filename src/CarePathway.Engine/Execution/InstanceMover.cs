using System.Text.Json.Nodes;

namespace CarePathway.Engine.Execution;

/// <summary>
/// Moves one instance to another version of its definition (<see cref="MigrationPlan"/>), as one run: every path goes to
/// its mapped activity with what it waits on, the course state and the journal carry over, and the result names what the
/// host must change with the state in one transaction. Open tasks stay the same rows (the same people, the same due
/// dates), handed to the new activity; timers keep their due times but are new outbox requests (the old ones cancelled),
/// so a job scheduled for the old version's wait resumes nothing. Parameters still at the old version's default take
/// the new version's default (the reason for a new version); values given at the start are kept. Nothing is changed
/// when the instance cannot move: <see cref="MoveRefusedException"/> says why.
/// </summary>
public static class InstanceMover
{
    public static RunResult Move(MigrationPlan plan, InstanceState state, string by, string reason, DateTimeOffset now)
    {
        if (RefusalOf(plan, state) is { } refusal) throw new MoveRefusedException(refusal);

        var moved = state.RepinnedTo(plan.To.Definition.Version);
        var result = new RunResult { State = moved };
        var paths = new JsonArray();
        foreach (var token in moved.Tokens)
        {
            var target = plan.TargetOf(token.ActivityId)!;
            paths.Add(new JsonObject { ["path"] = token.Id, ["from"] = token.ActivityId, ["to"] = target });
            token.ActivityId = target;
        }

        var timers = new JsonArray();
        foreach (var bookmark in moved.Bookmarks.ToList())
        {
            var target = plan.TargetOf(bookmark.ActivityId)!;
            var timer = bookmark.Kind == BookmarkKind.Timer;
            var replacement = new Bookmark
            {
                Id = timer ? $"{moved.InstanceId:N}-{moved.TakeSequence()}" : bookmark.Id,
                TokenId = bookmark.TokenId,
                ActivityId = target,
                Kind = bookmark.Kind,
                TaskId = bookmark.TaskId,
                DueAt = bookmark.DueAt,
                EventType = bookmark.EventType,
                EventKey = bookmark.EventKey,
                Tag = bookmark.Tag,
                CreatedAt = bookmark.CreatedAt,
            };
            moved.Bookmarks[moved.Bookmarks.IndexOf(bookmark)] = replacement;
            if (timer)
            {
                result.CancelledTimers.Add(bookmark.Id);
                result.ScheduledTimers.Add(new TimerSpec(replacement.Id, moved.InstanceId, bookmark.DueAt ?? now));
                timers.Add(new JsonObject { ["from"] = bookmark.Id, ["to"] = replacement.Id, ["dueAt"] = bookmark.DueAt });
            }

            if (bookmark.TaskId is { } taskId) result.MovedTasks.Add(new TaskMove(taskId, target));
        }

        var parameters = CarryParameters(plan, moved);
        CarryVariables(plan, moved);
        result.Journal.Add(new JournalRecord(++moved.JournalSequence, now, JournalTypes.PathwayMigrated, null, null, Cause.User(by), new JsonObject
        {
            ["fromVersion"] = plan.From.Definition.Version,
            ["toVersion"] = plan.To.Definition.Version,
            ["by"] = by,
            ["reason"] = reason,
            ["paths"] = paths,
            ["timers"] = timers,
            ["tasks"] = new JsonArray([.. result.MovedTasks.Select(t => (JsonNode)new JsonObject { ["taskId"] = t.TaskId, ["activity"] = t.ActivityId })]),
            ["parameters"] = parameters,
        }));
        return result;
    }

    /// <summary>Why <paramref name="state"/> cannot move under <paramref name="plan"/> as it is now, or null when it can.</summary>
    public static string? RefusalOf(MigrationPlan plan, InstanceState state)
    {
        if (state.DefinitionId != plan.From.Definition.DefinitionId || state.Version != plan.From.Definition.Version)
            return $"it runs {state.DefinitionId} version {state.Version}, not version {plan.From.Definition.Version}";
        switch (state.Status)
        {
            case InstanceStatus.Suspended: return "it is suspended: resume it first, so its timers are in force when it moves";
            case InstanceStatus.Faulted: return "it has an open incident: resolve it first, so it does not move with a fault";
            case not InstanceStatus.Running: return $"it is {state.Status.WireName()}";
        }

        foreach (var token in state.Tokens)
        {
            if (token.Status is not (TokenStatus.Waiting or TokenStatus.Parked)) return $"path {token.Id} at '{token.ActivityId}' is {token.Status.WireName()}";
            if (plan.TargetOf(token.ActivityId) is not { } target)
                return $"it waits at '{token.ActivityId}', which version {plan.To.Definition.Version} lacks and the plan does not map";
            if (plan.KindProblem(token.ActivityId, target) is { } kind) return kind;
            if (OutcomesLost(plan, token.ActivityId, target, state) is { } lost) return lost;
        }

        return null;
    }

    /// <summary>An open task offers its outcomes to a person: each must still lead somewhere from the activity it lands on.</summary>
    private static string? OutcomesLost(MigrationPlan plan, string from, string to, InstanceState state)
    {
        if (!state.Bookmarks.Any(b => b.ActivityId == from && b.Kind == BookmarkKind.Task)) return null;
        var offered = plan.To.Bound(to).OutcomesOf();
        var missing = plan.From.Bound(from).OutcomesOf().Where(o => !offered.Contains(o)).ToList();
        return missing.Count == 0
            ? null
            : $"its open task at '{from}' offers {string.Join(", ", missing.Select(o => $"'{o}'"))}, which '{to}' in version {plan.To.Definition.Version} does not";
    }

    /// <summary>The new version's parameters: a value given at the start is kept, one at the old default takes the new default. Answers what changed.</summary>
    private static JsonObject CarryParameters(MigrationPlan plan, InstanceState moved)
    {
        var changes = new JsonObject();
        var oldDefaults = plan.From.Definition.Parameters.ToDictionary(p => p.Name, p => p.Default, StringComparer.Ordinal);
        var kept = new Dictionary<string, JsonNode?>(moved.Parameters, StringComparer.Ordinal);
        moved.Parameters.Clear();
        foreach (var parameter in plan.To.Definition.Parameters)
        {
            var newDefault = parameter.Default is { } d ? JsonNode.Parse(d.GetRawText()) : null;
            var atOldDefault = !kept.TryGetValue(parameter.Name, out var current)
                || (oldDefaults.TryGetValue(parameter.Name, out var oldDefault) && JsonNode.DeepEquals(current, oldDefault is { } o ? JsonNode.Parse(o.GetRawText()) : null));
            var value = atOldDefault ? newDefault : current?.DeepClone();
            moved.Parameters[parameter.Name] = value;
            if (!JsonNode.DeepEquals(value, current)) changes[parameter.Name] = new JsonObject { ["from"] = current?.DeepClone(), ["to"] = value?.DeepClone() };
        }

        foreach (var dropped in kept.Keys.Where(k => !moved.Parameters.ContainsKey(k))) changes[dropped] = new JsonObject { ["from"] = kept[dropped]?.DeepClone(), ["to"] = null };
        return changes;
    }

    /// <summary>Variables the new version still declares keep their values; new ones start at their initial value.</summary>
    private static void CarryVariables(MigrationPlan plan, InstanceState moved)
    {
        var kept = new Dictionary<string, JsonNode?>(moved.Variables, StringComparer.Ordinal);
        moved.Variables.Clear();
        foreach (var variable in plan.To.Definition.Variables)
        {
            moved.Variables[variable.Name] = kept.TryGetValue(variable.Name, out var value)
                ? value
                : variable.Initial is { } initial ? JsonNode.Parse(initial.GetRawText()) : null;
        }

        // How a kept renal function was worked out stays with it; one the new version no longer declares goes with it.
        foreach (var dropped in moved.RenalFunctions?.Keys.Where(v => !moved.Variables.ContainsKey(v)).ToList() ?? []) moved.RenalFunctions!.Remove(dropped);
    }
}

/// <summary>An instance that cannot move under a plan as it is now; it stays where it is, and the message says why.</summary>
public sealed class MoveRefusedException(string reason) : Exception(reason);
