using CarePathway.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CarePathway.Server.Hosting;

/// <summary>
/// Ready when the database answers and every migration of this build is applied: a node started against an older
/// schema (another node mid-upgrade, a restored backup) must not take traffic. Reading the migrations history is
/// one small query, so it is cheap enough for a probe.
/// </summary>
internal sealed class DatabaseHealthCheck(CarePathwayDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            return pending == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"{pending} migrations are not applied");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The health service logs the exception with the check's name; the probe's answer carries only the status.
            return HealthCheckResult.Unhealthy("the database did not answer", ex);
        }
    }
}
