using CarePathway.Server.Hosting;
using CarePathway.Server.Security;
using CarePathway.Server.Security.PatientAccess;
using MediatR;
using static CarePathway.Server.Hosting.Problems;

namespace CarePathway.Server.Features.Instances;

internal static class InstanceEndpoints
{
    public static void MapInstanceEndpoints(this IEndpointRouteBuilder api)
    {
        var instances = api.MapGroup("/instances").WithTags("Instances").ProducesProblems(Forbidden)
            .ScopedToPatientServices(PatientRoute.Instance);
        instances.MapGet("/", async (IMediator m, Guid? patientId, string? definitionId, string? status, int? page, int? pageSize, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new ListInstances(patientId, definitionId, status, page ?? 1, pageSize ?? 50), ct)))
            .RequireAuthorization(Policies.PatientCare).ProducesProblems(BadRequest);
        instances.MapGet("/{id:guid}", async (IMediator m, Guid id, CancellationToken ct) => TypedResults.Ok(await m.Send(new GetInstance(id), ct)))
            .RequireAuthorization(Policies.PatientCare).ProducesProblems(NotFound);
        instances.MapGet("/{id:guid}/journal", async (IMediator m, Guid id, CancellationToken ct) => TypedResults.Ok(await m.Send(new GetJournal(id), ct)))
            .RequireAuthorization(Policies.PatientCare).ProducesProblems(NotFound);
        // The course at a glance: cycles and days, the cumulative dose against the annual cap, what is next and when.
        instances.MapGet("/{id:guid}/plan", async (IMediator m, Guid id, CancellationToken ct) => TypedResults.Ok(await m.Send(new GetTreatmentPlan(id), ct)))
            .RequireAuthorization(Policies.PatientCare).ProducesProblems(NotFound);
        instances.MapPost("/", async (IMediator m, StartInstance body, CancellationToken ct) =>
        {
            var started = await m.Send(body, ct);
            return TypedResults.Created($"/api/instances/{started.Id}", started);
        }).RequireAuthorization(Policies.PatientCare).ProducesProblems(BadRequest | NotFound | Conflict | Unprocessable);
        instances.MapPost("/{id:guid}/suspend", async (IMediator m, Guid id, ReasonBody? body, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new SuspendInstance(id, body?.Reason), ct)))
            .RequireAuthorization(Policies.PatientCare).ProducesProblems(BadRequest | NotFound | Conflict);
        instances.MapPost("/{id:guid}/resume", async (IMediator m, Guid id, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new ResumeInstance(id), ct)))
            .RequireAuthorization(Policies.PatientCare).ProducesProblems(NotFound | Conflict);
        instances.MapPost("/{id:guid}/cancel", async (IMediator m, Guid id, ReasonBody? body, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new CancelInstance(id, body?.Reason), ct)))
            .RequireAuthorization(Policies.PatientCare).ProducesProblems(BadRequest | NotFound | Conflict);
        instances.MapPost("/{id:guid}/incidents/{incidentId:guid}/retry", async (IMediator m, Guid id, Guid incidentId, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new RetryIncident(id, incidentId), ct)))
            .RequireAuthorization(Policies.IncidentRetry)
            .ProducesProblems(NotFound | Conflict);
    }

    public sealed record ReasonBody(string? Reason);
}
