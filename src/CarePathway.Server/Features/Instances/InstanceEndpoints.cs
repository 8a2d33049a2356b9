using MediatR;

namespace CarePathway.Server.Features.Instances;

internal static class InstanceEndpoints
{
    public static void MapInstanceEndpoints(this IEndpointRouteBuilder api)
    {
        var instances = api.MapGroup("/instances").WithTags("Instances");
        instances.MapGet("/", async (IMediator m, Guid? patientId, string? definitionId, string? status, int? page, int? pageSize, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new ListInstances(patientId, definitionId, status, page ?? 1, pageSize ?? 50), ct)));
        instances.MapGet("/{id:guid}", async (IMediator m, Guid id, CancellationToken ct) => TypedResults.Ok(await m.Send(new GetInstance(id), ct)));
        instances.MapGet("/{id:guid}/journal", async (IMediator m, Guid id, CancellationToken ct) => TypedResults.Ok(await m.Send(new GetJournal(id), ct)));
        instances.MapPost("/", async (IMediator m, StartInstance body, CancellationToken ct) =>
        {
            var started = await m.Send(body, ct);
            return TypedResults.Created($"/api/instances/{started.Id}", started);
        });
        instances.MapPost("/{id:guid}/suspend", async (IMediator m, Guid id, ReasonBody? body, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new SuspendInstance(id, body?.Reason), ct)));
        instances.MapPost("/{id:guid}/resume", async (IMediator m, Guid id, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new ResumeInstance(id), ct)));
        instances.MapPost("/{id:guid}/cancel", async (IMediator m, Guid id, ReasonBody? body, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new CancelInstance(id, body?.Reason), ct)));
        instances.MapPost("/{id:guid}/incidents/{incidentId:guid}/retry", async (IMediator m, Guid id, Guid incidentId, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new RetryIncident(id, incidentId), ct)));
    }

    public sealed record ReasonBody(string? Reason);
}
