using Hangfire;

namespace CarePathway.Server.Scheduling;

/// <summary>
/// Whether this node can reach its job storage, and how many Hangfire servers it sees: for a readiness check (the
/// in-memory storage of SQLite is always reachable).
/// </summary>
public sealed class JobStorageProbe(JobStorage storage)
{
    /// <summary>Reads the storage's server list; throws what the storage throws when it cannot be reached.</summary>
    public Task<JobStorageStatus> CheckAsync(CancellationToken ct) => Task.Run(() =>
    {
        ct.ThrowIfCancellationRequested();
        var servers = storage.GetMonitoringApi().Servers();
        return new JobStorageStatus(servers.Count);
    }, ct);
}

/// <summary>What <see cref="JobStorageProbe"/> found: the Hangfire servers (nodes with a job server) that have checked in.</summary>
public readonly record struct JobStorageStatus(int Servers);
