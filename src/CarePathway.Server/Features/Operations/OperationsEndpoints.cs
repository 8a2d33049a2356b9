using CarePathway.Server.Hosting;
using CarePathway.Server.Security;
using MediatR;
using static CarePathway.Server.Hosting.Problems;

namespace CarePathway.Server.Features.Operations;

/// <summary>The operator's view (administrators): <c>/api/operations/...</c>. Read-only; an incident is retried through its instance.</summary>
internal static class OperationsEndpoints
{
    public static void MapOperationsEndpoints(this IEndpointRouteBuilder api)
    {
        var operations = api.MapGroup("/operations").WithTags("Operations").RequireAuthorization(Policies.AdministratorOnly).ProducesProblems(Forbidden);
        operations.MapGet("/timers", async (IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new GetTimersOverview(), ct)));
        operations.MapGet("/failed-jobs", async (IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new ListFailedJobs(), ct)));
        operations.MapGet("/incidents", async (IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new ListOpenIncidents(), ct)));
        operations.MapGet("/audit", async (IMediator m, string? user, Guid? patientId, DateOnly? from, DateOnly? to, int? page, int? pageSize, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new SearchAudit(user, patientId, from, to, page ?? 1, pageSize ?? 50), ct)))
            .ProducesProblems(BadRequest);
    }
}
