using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;
using CarePathway.Server.Hosting;
using CarePathway.Server.Security;
using CarePathway.Server.Security.PatientAccess;
using MediatR;
using static CarePathway.Server.Hosting.Problems;

namespace CarePathway.Server.Features.Tasks;

internal static class TaskEndpoints
{
    public static void MapTaskEndpoints(this IEndpointRouteBuilder api)
    {
        var tasks = api.MapGroup("/tasks").WithTags("Tasks").RequireAuthorization(Policies.PatientCare).ProducesProblems(Forbidden)
            .ScopedToPatientServices(PatientRoute.Task);
        tasks.MapGet("/", async (IMediator m, string? role, string? status, string? due, Guid? patientId, Guid? instanceId, string? kind,
                string? labs, string? definitionId, string? patient, string? assignee, string? view, string? sort, int? page, int? pageSize, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new ListTasks(new WorklistFilter(role, status, due, patientId, instanceId, kind, labs, definitionId, patient, assignee),
                view, sort, page ?? 1, pageSize ?? 50), ct)))
            .ProducesProblems(BadRequest);
        tasks.MapGet("/counts", async (IMediator m, Guid? patientId, string? kind, string? definitionId, string? patient, string? assignee, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new CountTasks(new WorklistFilter(PatientId: patientId, Kind: kind, DefinitionId: definitionId, Patient: patient, Assignee: assignee)), ct)))
            .ProducesProblems(BadRequest);
        tasks.MapGet("/{id:guid}", async (IMediator m, Guid id, CancellationToken ct) => TypedResults.Ok(await m.Send(new GetTask(id), ct)))
            .ProducesProblems(NotFound);
        tasks.MapPost("/{id:guid}/claim", async (IMediator m, Guid id, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new AssignTask(id, AssignmentAction.Claimed), ct)))
            .ProducesProblems(Forbidden | NotFound | Conflict);
        tasks.MapPost("/{id:guid}/assign", async (IMediator m, Guid id, AssignmentBody body, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new AssignTask(id, AssignmentAction.Assigned, body.Assignee), ct)))
            .ProducesProblems(BadRequest | Forbidden | NotFound | Conflict | Unprocessable);
        tasks.MapPost("/{id:guid}/release", async (IMediator m, Guid id, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new AssignTask(id, AssignmentAction.Released), ct)))
            .ProducesProblems(Forbidden | NotFound | Conflict);
        tasks.MapPost("/{id:guid}/complete", async (IMediator m, Guid id, CompletionBody body, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new CompleteTask(id, body.Outcome, body.Reason, body.Data), ct)))
            .ProducesProblems(BadRequest | Forbidden | NotFound | Conflict | Unprocessable);
    }

    public sealed record AssignmentBody(string? Assignee);

    public sealed record CompletionBody(string? Outcome, string? Reason, JsonObject? Data);
}
