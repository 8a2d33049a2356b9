using CarePathway.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Hosting;

public sealed record HealthResponse(string Status);

public static class HealthEndpoint
{
    /// <summary><c>GET /health</c>, anonymous: 200 {status:"healthy"} when the database answers a query, else 503.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async (CarePathwayDbContext db, ILoggerFactory loggers, CancellationToken ct) =>
            {
                try
                {
                    await db.Database.ExecuteSqlRawAsync("SELECT 1", ct);
                    return Results.Ok(new HealthResponse("healthy"));
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    loggers.CreateLogger(typeof(HealthEndpoint)).LogWarning(ex, "Health check: the database did not answer.");
                    return Results.Json(new HealthResponse("unhealthy"), statusCode: StatusCodes.Status503ServiceUnavailable);
                }
            })
            .AllowAnonymous()
            .WithTags("Health")
            .Produces<HealthResponse>()
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }
}
