using System.Security.Claims;
using CarePathway.Server.Hosting;
using static CarePathway.Server.Hosting.Problems;

namespace CarePathway.Server.Security.PatientAccess;

public static class AccessGrantEndpoints
{
    public static IEndpointRouteBuilder MapAccessGrantEndpoints(this IEndpointRouteBuilder app)
    {
        // Outside the patients group and its gate: this is how one gets past it.
        app.MapPost("/api/patients/{id:guid}/access", async (AccessGrants grants, ClaimsPrincipal me, Guid id, BreakTheGlassRequest body, CancellationToken ct) =>
            {
                var grant = await grants.BreakTheGlassAsync(id, body, me.Identity?.Name ?? "unknown", ct);
                return TypedResults.Created($"/api/access-grants/{grant.Id}", grant);
            })
            .WithTags("Patients")
            .RequireAuthorization(Policies.ClinicalStaff)
            .ProducesProblems(Unauthorized | Forbidden | NotFound | Unprocessable)
            .ProducesTooLargeForBodies()
            .WithSummary("Break the glass: open a patient outside your services, with a reason, for Access:BreakGlassDuration (audited).");

        app.MapGet("/api/access-grants", (AccessGrants grants, ClaimsPrincipal me, bool? live, Guid? patientId, CancellationToken ct) =>
                grants.ListForAdministratorAsync(me, live ?? false, patientId, ct))
            .WithTags("Accounts")
            .RequireAuthorization(Policies.AdministratorOnly)
            .ProducesProblems(Unauthorized | Forbidden)
            .WithSummary("Break-the-glass grants on patients of the services you hold, newest first (at most 500); live=true for the unexpired.");
        return app;
    }
}
