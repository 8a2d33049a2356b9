using CarePathway.Server.Hosting;
using CarePathway.Server.Security;
using MediatR;
using static CarePathway.Server.Hosting.Problems;

namespace CarePathway.Server.Features.Moves;

/// <summary>Moving running instances to another version of their definition: administrators only (a pathway owner's decision).</summary>
internal static class MoveEndpoints
{
    public static void MapMoveEndpoints(this IEndpointRouteBuilder api)
    {
        var moves = api.MapGroup("/definitions/{definitionId}/moves").WithTags("Definitions")
            .RequireAuthorization(Policies.AdministratorOnly).ProducesProblems(Forbidden);
        moves.MapPost("/dry-run", async (IMediator m, string definitionId, MoveBody body, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new DryRunMove(definitionId, body), ct)))
            .ProducesProblems(BadRequest | NotFound | Conflict | Unprocessable);
        moves.MapPost("/", async (IMediator m, string definitionId, MoveBody body, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new MoveInstances(definitionId, body), ct)))
            .ProducesProblems(BadRequest | NotFound | Conflict | Unprocessable);
    }
}
