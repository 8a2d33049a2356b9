using System.Security.Claims;
using System.Text.Json.Nodes;
using CarePathway.Server.Features.Events;
using CarePathway.Server.Hosting;
using CarePathway.Server.Security;
using CarePathway.Server.Security.MachineClients;
using CarePathway.Server.Security.PatientAccess;
using MediatR;
using static CarePathway.Server.Hosting.Problems;

namespace CarePathway.Server.Features.Patients;

internal static class PatientEndpoints
{
    public static void MapPatientEndpoints(this IEndpointRouteBuilder api)
    {
        // The lab tests a result can be recorded under, with their units: what the lab entry form picks from.
        api.MapGet("/lab-catalog", async (IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new GetLabCatalog(), ct)))
            .WithTags("Patients").RequireAuthorization(Policies.PatientCare);
        var patients = api.MapGroup("/patients").WithTags("Patients").RequireAuthorization(Policies.PatientCare).ProducesProblems(Forbidden)
            .ScopedToPatientServices(PatientRoute.Patient);
        patients.MapGet("/", async (IMediator m, string? search, int? page, int? pageSize, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new ListPatients(search, page ?? 1, pageSize ?? 50), ct)))
            .AllowMachineScope(MachineScopes.PatientsRead)
            .ProducesProblems(BadRequest);
        // Who looked at whom, when (issue 12): a read of the record is audited once it was found.
        patients.MapGet("/{id:guid}", async (IMediator m, AccessAudit audit, ClaimsPrincipal reader, Guid id, CancellationToken ct) =>
            {
                var patient = await m.Send(new GetPatient(id), ct);
                await audit.WriteAsync(reader.Identity?.Name ?? "unknown", AccessAudit.PatientRead, id.ToString(), true, "", ct);
                return TypedResults.Ok(patient);
            })
            .AllowMachineScope(MachineScopes.PatientsRead)
            .ProducesProblems(NotFound);
        // The start picker's question: each published pathway, and whether this patient may be started on it now (and why not).
        patients.MapGet("/{id:guid}/eligible-pathways", async (IMediator m, Guid id, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new GetEligiblePathways(id), ct)))
            .ProducesProblems(NotFound);
        patients.MapPost("/", async (IMediator m, CreatePatient body, CancellationToken ct) =>
        {
            var created = await m.Send(body, ct);
            return TypedResults.Created($"/api/patients/{created.Id}", created);
        }).AllowMachineScope(MachineScopes.PatientsWrite).ProducesProblems(BadRequest | Conflict);
        patients.MapPut("/{id:guid}", async (IMediator m, Guid id, PatientBody body, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new UpdatePatient(id, body.GivenName, body.FamilyName, body.BirthDate, body.Sex, body.Diagnosis, body.Facts, body.RowVersion), ct)))
            .AllowMachineScope(MachineScopes.PatientsWrite)
            .ProducesProblems(BadRequest | NotFound | Conflict);
        patients.MapPost("/{id:guid}/transfer", async (IMediator m, Guid id, TransferBody body, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new TransferPatient(id, body.Service, body.Reason, body.RowVersion), ct)))
            .RequireAuthorization(Policies.ClinicalStaff)
            .ProducesProblems(BadRequest | NotFound | Conflict | Unprocessable)
            .WithSummary("Move the patient's care to another service, with a reason (audited); its staff then see the patient, the old service's do not.");
        patients.MapPost("/{id:guid}/labs", async (IMediator m, ILogger<DeliverObservation> log, Guid id, LabBody body, CancellationToken ct) =>
            TypedResults.Ok(await m.RecordAndDeliverAsync(new RecordLabResult(id, body.Code, body.Value, body.Unit, body.ObservedAt), log, ct)))
            .AllowMachineScope(MachineScopes.LabsWrite)
            .ProducesProblems(Recording);
        patients.MapPost("/{id:guid}/labs/{labId:guid}/entered-in-error", async (IMediator m, Guid id, Guid labId, EnteredInErrorBody body, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new MarkLabEnteredInError(id, labId, body.Reason), ct)))
            .RequireAuthorization(Policies.ClinicalStaff)
            .ProducesProblems(BadRequest | Forbidden | NotFound | Conflict | Unprocessable);
        patients.MapPost("/{id:guid}/measurements", async (IMediator m, ILogger<DeliverObservation> log, Guid id, MeasurementBody body, CancellationToken ct) =>
            TypedResults.Ok(await m.RecordAndDeliverAsync(new RecordMeasurement(id, body.Kind, body.Value, body.Unit, body.MeasuredAt), log, ct)))
            .ProducesProblems(Recording);
        patients.MapPost("/{id:guid}/assessments", async (IMediator m, ILogger<DeliverObservation> log, Guid id, AssessmentBody body, CancellationToken ct) =>
            TypedResults.Ok(await m.RecordAndDeliverAsync(new RecordAssessment(id, body.Name, body.Value, body.ObservedAt), log, ct)))
            .ProducesProblems(Recording);
    }

    /// <summary>Recording an event: its fields (400), the patient (404), a rule refusing it (422); it is stored before it is delivered, so a race with the engine does not refuse it.</summary>
    private const Problems Recording = BadRequest | NotFound | Unprocessable;

    public sealed record PatientBody(string? GivenName, string? FamilyName, DateOnly? BirthDate, string? Sex, string? Diagnosis, JsonObject? Facts, long? RowVersion);

    /// <param name="Service">The code of the service that takes the patient over (<c>/api/services</c>).</param>
    /// <param name="Reason">Why the patient moves (required).</param>
    /// <param name="RowVersion">The patient's row version you loaded.</param>
    public sealed record TransferBody(string? Service, string? Reason, long? RowVersion);

    public sealed record LabBody(string? Code, decimal? Value, string? Unit, DateTimeOffset? ObservedAt);

    public sealed record MeasurementBody(string? Kind, decimal? Value, string? Unit, DateTimeOffset? MeasuredAt);

    /// <param name="Reason">Why the result is in error (e.g. "wrong patient", "typed 5.5 for 0.55").</param>
    public sealed record EnteredInErrorBody(string? Reason);

    public sealed record AssessmentBody(string? Name, string? Value, DateTimeOffset? ObservedAt);
}
