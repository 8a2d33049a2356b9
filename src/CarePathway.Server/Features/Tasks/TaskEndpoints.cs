using System.Text.Json.Nodes;
using CarePathway.Server.Hosting;
using CarePathway.Server.Security;
using MediatR;
using static CarePathway.Server.Hosting.Problems;

namespace CarePathway.Server.Features.Tasks;

internal static class TaskEndpoints
{
    public static void MapTaskEndpoints(this IEndpointRouteBuilder api)
    {
        var tasks = api.MapGroup("/tasks").WithTags("Tasks").RequireAuthorization(Policies.PatientCare).ProducesProblems(Forbidden);
        tasks.MapGet("/", async (IMediator m, string? role, string? status, string? due, Guid? patientId, Guid? instanceId, string? kind,
                string? labs, string? sort, int? page, int? pageSize, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new ListTasks(role, status, due, patientId, instanceId, kind, sort, page ?? 1, pageSize ?? 50, labs), ct)))
            .ProducesProblems(BadRequest);
        tasks.MapGet("/{id:guid}", async (IMediator m, Guid id, CancellationToken ct) => TypedResults.Ok(await m.Send(new GetTask(id), ct)))
            .ProducesProblems(NotFound);
        tasks.MapPost("/{id:guid}/complete", async (IMediator m, Guid id, CompletionBody body, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new CompleteTask(id, body.Outcome, body.Reason, body.Data), ct)))
            .ProducesProblems(BadRequest | Forbidden | NotFound | Conflict | Unprocessable);
    }

    public sealed record CompletionBody(string? Outcome, string? Reason, JsonObject? Data);
}
