using MediatR;
using static CarePathway.Server.Hosting.Problems;
using CarePathway.Server.Hosting;

namespace CarePathway.Server.Features.Staff;

internal static class StaffEndpoints
{
    public static void MapStaffEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGroup("/staff").WithTags("Staff")
            .MapGet("/", async (IMediator m, string? role, CancellationToken ct) => TypedResults.Ok(await m.Send(new ListStaff(role), ct)))
            .ProducesProblems(BadRequest);
    }
}
