using System.Diagnostics.Metrics;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Runtime;
using CarePathway.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Hosting;

/// <summary>
/// Tasks by status, read from the database when the exporter collects (once per export interval), not counted
/// from transitions: a count kept in memory would differ on every node and start again at zero on each restart,
/// while the table is the truth for all of them. The query is one grouped count over the status index. Every node
/// reports the same figures: aggregate them with max (or pick one node), never sum.
/// </summary>
internal sealed class TaskMetrics
{
    public const string MeterName = "CarePathway.Server";

    /// <summary>Tag: the task's status (open, completed, cancelled).</summary>
    public const string StatusTag = "carepathway.task.status";

    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<TaskMetrics> _logger;

    public TaskMetrics(IMeterFactory meters, IServiceScopeFactory scopes, ILogger<TaskMetrics> logger)
    {
        _scopes = scopes;
        _logger = logger;
        meters.Create(MeterName).CreateObservableGauge("carepathway.tasks", Observe, "{task}", "Human tasks by status, across every node.");
    }

    private IEnumerable<Measurement<long>> Observe()
    {
        // The meter's callback is synchronous: the exporter's own thread waits for this one query.
        using var scope = _scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CarePathwayDbContext>();
        try
        {
            var counts = db.HumanTasks.GroupBy(t => t.Status).Select(g => new { Status = g.Key, Count = g.LongCount() }).ToList();
            return [.. Enum.GetValues<HumanTaskStatus>().Select(status => new Measurement<long>(
                counts.FirstOrDefault(c => c.Status == status)?.Count ?? 0, new KeyValuePair<string, object?>(StatusTag, status.WireName())))];
        }
        catch (Exception ex)
        {
            // No figure rather than a wrong one; the readiness probe says why.
            _logger.LogWarning(ex, "Tasks by status could not be read for the metrics.");
            return [];
        }
    }
}
