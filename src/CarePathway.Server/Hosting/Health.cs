using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CarePathway.Server.Hosting;

/// <summary>
/// The probes, anonymous and outside the API document (they are for load balancers and orchestrators, not API
/// clients): <c>/health/live</c> asks nothing of any dependency, so a slow database never gets a live process
/// restarted; <c>/health/ready</c> runs every check tagged <see cref="ReadyTag"/>; <c>/health</c> is the same as
/// ready, kept for the load balancers configured before the split. Each answers 200 when healthy (or degraded),
/// 503 otherwise, with the status of each check and nothing else: a check's exception is logged, never sent.
/// </summary>
public static class Health
{
    /// <summary>
    /// A check with this tag must pass for the node to take traffic: the database and the job storage today; a new
    /// dependency registers its own with <c>services.AddHealthChecks().AddCheck&lt;T&gt;(name, tags: [Health.ReadyTag])</c>.
    /// </summary>
    public const string ReadyTag = "ready";

    /// <summary>A check that has not answered by then counts as failed: a probe must answer within its own timeout.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag], timeout: CheckTimeout)
            .AddCheck<JobStorageHealthCheck>("jobs", tags: [ReadyTag], timeout: CheckTimeout);
        return services;
    }

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        var ready = new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync };
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", ready).AllowAnonymous();
        app.MapHealthChecks("/health", ready).AllowAnonymous();
        return app;
    }

    /// <summary><c>{"status":"healthy","checks":{"database":"healthy","jobs":"healthy"}}</c>: lowercase, as <c>/health</c> always answered.</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = Name(report.Status),
            checks = report.Entries.ToDictionary(entry => entry.Key, entry => Name(entry.Value.Status), StringComparer.Ordinal),
        }), context.RequestAborted);
    }

    private static string Name(HealthStatus status) => status.ToString().ToLowerInvariant();
}
