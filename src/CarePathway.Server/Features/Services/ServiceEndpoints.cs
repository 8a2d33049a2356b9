using CarePathway.Server.Hosting;
using CarePathway.Server.Security;
using MediatR;
using static CarePathway.Server.Hosting.Problems;

namespace CarePathway.Server.Features.Services;

internal static class ServiceEndpoints
{
    public static void MapServiceEndpoints(this IEndpointRouteBuilder api)
    {
        var services = api.MapGroup("/services").WithTags("Services");
        // Every signed-in user: the patient form offers them, the user page names them.
        services.MapGet("/", async (IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new ListServices(), ct)));

        var admin = services.MapGroup("/").RequireAuthorization(Policies.AdministratorOnly).ProducesProblems(Forbidden);
        admin.MapPost("/", async (IMediator m, CreateService body, CancellationToken ct) =>
        {
            var created = await m.Send(body, ct);
            return TypedResults.Created($"/api/services/{created.Code}", created);
        }).ProducesProblems(BadRequest | Conflict);
        admin.MapPut("/{code}", async (IMediator m, string code, ServiceBody body, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new RenameService(code, body.DisplayName), ct)))
            .ProducesProblems(BadRequest | NotFound);
    }

    public sealed record ServiceBody(string? DisplayName);
}
