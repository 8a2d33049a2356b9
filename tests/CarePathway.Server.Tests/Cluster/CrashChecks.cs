using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Runtime;
using CarePathway.Server.Persistence;
using CarePathway.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Tests.Cluster;

/// <summary>What a crash run found: its figures and every broken invariant, one line each.</summary>
public sealed record CrashReport(
    int Instances, int Timers, int Completions, IReadOnlyList<double> TimerLatenessSeconds, IReadOnlyList<string> Violations)
{
    public int Kills { get; init; }
    public int Nodes { get; init; }
    public int Unanswered { get; init; }
    public int ServerErrors { get; init; }
    public TimeSpan Elapsed { get; init; }
    public TimeSpan? SettledAfterLastRestart { get; init; }

    public string Figures()
    {
        var late = TimerLatenessSeconds.Order().ToList();
        double P(double q) => late.Count == 0 ? double.NaN : late[Math.Clamp((int)Math.Ceiling(q * late.Count) - 1, 0, late.Count - 1)];
        return $"{Nodes} nodes, {Kills} kills (SIGKILL), {Instances} instances, {Timers} timers, {Completions} task completions answered 200; " +
            $"timer lateness (due -> timer.fired) p50 {P(0.5):0.00} s, p99 {P(0.99):0.00} s, max {P(1):0.00} s; " +
            $"{Unanswered} requests without an answer (killed or down node), {ServerErrors} answered 5xx; " +
            $"all finished {SettledAfterLastRestart?.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) ?? "never"} s after the last restart; " +
            $"run {Elapsed.TotalSeconds:0} s; {Violations.Count} violations";
    }
}

/// <summary>The invariants of a crash run, read from the database once every node is up and the instances have had time to finish.</summary>
public static class CrashChecks
{
    /// <summary>Waits until every instance in the database is completed (true) or the time is up (false).</summary>
    public static async Task<bool> WaitUntilFinishedAsync(string connectionString, int expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            await using var db = TestDatabases.CreateContext(DatabaseProvider.Postgres, connectionString);
            var statuses = await db.WorkflowInstances.AsNoTracking().GroupBy(i => i.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
            if (statuses.Sum(s => s.Count) >= expected && statuses.All(s => s.Key == InstanceStatus.Completed)) return true;
            await Task.Delay(500);
        }

        return false;
    }

    public static async Task<CrashReport> CheckAsync(string connectionString, IReadOnlyCollection<Guid> started, IReadOnlyCollection<(Guid TaskId, string Outcome)> completedWith200)
    {
        await using var db = TestDatabases.CreateContext(DatabaseProvider.Postgres, connectionString);
        var violations = new List<string>();

        var instances = await db.WorkflowInstances.AsNoTracking().Select(i => new { i.Id, i.Status }).ToListAsync();
        violations.AddRange(started.Except(instances.Select(i => i.Id)).Select(id => $"instance {id}: started (201) but not in the database"));
        violations.AddRange(instances.Where(i => i.Status != InstanceStatus.Completed).Select(i => $"instance {i.Id}: stuck {i.Status}"));
        violations.AddRange(instances.Select(i => i.Id).Except(started).Select(id => $"instance {id}: in the database, never reported started"));

        var journal = (await db.JournalEntries.AsNoTracking()
                .Where(j => j.Type == JournalTypes.TimerScheduled || j.Type == JournalTypes.TimerFired || j.Type == JournalTypes.TaskCompleted)
                .Select(j => new { j.InstanceId, j.Type, j.At, j.DataJson })
                .ToListAsync())
            .Select(j => (j.InstanceId, j.Type, j.At, Data: JsonNode.Parse(j.DataJson)!))
            .ToList();

        var scheduled = journal.Where(j => j.Type == JournalTypes.TimerScheduled)
            .ToDictionary(j => (j.InstanceId, Bookmark: j.Data["bookmarkId"]!.GetValue<string>()), j => j.Data["dueAt"]!.GetValue<DateTimeOffset>());
        var fired = journal.Where(j => j.Type == JournalTypes.TimerFired)
            .GroupBy(j => (j.InstanceId, Bookmark: j.Data["bookmarkId"]!.GetValue<string>()))
            .ToDictionary(g => g.Key, g => g.Select(j => j.At).ToList());
        foreach (var (timer, _) in scheduled.Where(s => !fired.TryGetValue(s.Key, out var times) || times.Count != 1))
            violations.Add($"timer {timer.Bookmark} of {timer.InstanceId}: fired {(fired.TryGetValue(timer, out var times) ? times.Count : 0)} times");
        violations.AddRange(fired.Keys.Where(timer => !scheduled.ContainsKey(timer)).Select(timer => $"timer {timer.Bookmark} of {timer.InstanceId}: fired, never scheduled"));
        var lateness = scheduled.Where(s => fired.ContainsKey(s.Key)).Select(s => (fired[s.Key][0] - s.Value).TotalSeconds).ToList();
        violations.AddRange(lateness.Where(seconds => seconds < 0).Select(seconds => $"a timer fired {-seconds:0.000} s before it was due"));

        var completions = journal.Where(j => j.Type == JournalTypes.TaskCompleted)
            .GroupBy(j => j.Data["taskId"]!.GetValue<Guid>())
            .ToDictionary(g => g.Key, g => g.Select(j => j.Data["outcome"]!.GetValue<string>()).ToList());
        violations.AddRange(completions.Where(c => c.Value.Count > 1).Select(c => $"task {c.Key}: completed {c.Value.Count} times"));
        violations.AddRange(completedWith200.Where(c => !completions.TryGetValue(c.TaskId, out var outcomes) || !outcomes.Contains(c.Outcome))
            .Select(c => $"task {c.TaskId}: completed '{c.Outcome}' with a 200, not in the journal"));

        var unfired = await db.TimerRequests.AsNoTracking().Where(t => t.State != TimerState.Fired).Select(t => new { t.Id, t.State }).ToListAsync();
        violations.AddRange(unfired.Select(t => $"timer request {t.Id}: left {t.State}"));
        var incidents = await db.Incidents.AsNoTracking().Select(i => new { i.InstanceId, i.Message }).ToListAsync();
        violations.AddRange(incidents.Select(i => $"incident on {i.InstanceId}: {i.Message}"));
        var openDecisions = await db.HumanTasks.AsNoTracking().CountAsync(t => t.BookmarkId != null && t.Status == HumanTaskStatus.Open);
        if (openDecisions > 0) violations.Add($"{openDecisions} tasks an instance waits on still open");

        return new CrashReport(instances.Count, scheduled.Count, completedWith200.Count, lateness, violations);
    }
}
