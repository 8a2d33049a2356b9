using CarePathway.Server.Scheduling;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CarePathway.Server.Hosting;

/// <summary>
/// Ready when the job storage answers (<see cref="JobStorageProbe"/>): a node that cannot reach it would take requests
/// whose timers it cannot schedule. How many job servers checked in is not judged: a node started without its own
/// job server still serves requests, and the storage (the timer outbox behind it) keeps its timers.
/// </summary>
internal sealed class JobStorageHealthCheck(JobStorageProbe probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await probe.CheckAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The health service logs the exception with the check's name; the probe's answer carries only the status.
            return HealthCheckResult.Unhealthy("the job storage did not answer", ex);
        }
    }
}
