using CarePathway.Server.Features.Fhir.Inbound;
using CarePathway.Server.Features.Fhir.Outbound;
using CarePathway.Server.Security.MachineClients;
using CarePathway.Server.Security.PatientAccess;

namespace CarePathway.Server.Features.Fhir;

/// <summary>
/// The FHIR R4 endpoint at <c>/fhir</c> (JSON, <c>application/fhir+json</c>). Outside the OpenAPI document: FHIR
/// describes itself, in <see cref="FhirCapabilities"/> at <c>/fhir/metadata</c>, and its clients read that.
/// </summary>
internal static class FhirEndpoints
{
    public const string Base = "/fhir";

    public static IServiceCollection AddFhir(this IServiceCollection services)
    {
        services.AddOptions<FhirOptions>().BindConfiguration(FhirOptions.SectionName);
        services.AddScoped<FhirSubjects>();
        services.AddScoped<FhirIntake>();
        services.AddScoped<FhirReader>();
        // Ahead of the features' handler, so a refusal under /fhir is an OperationOutcome.
        services.AddExceptionHandler<FhirExceptionHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapFhirEndpoints(this IEndpointRouteBuilder app)
    {
        var fhir = app.MapGroup(Base).ExcludeFromDescription().ScopedToPatientServices(PatientRoute.None);
        fhir.MapGet("/metadata", (HttpRequest request) => FhirFormat.Result(FhirCapabilities.Statement(request))).AllowAnonymous();

        var bundle = fhir.MapPost("/", async (FhirIntake intake, HttpRequest request, CancellationToken ct) =>
            await intake.ReceiveBundleAsync(await FhirFormat.ReadAsync(request, ct), ct)).RequireAuthorization(FhirAuthorization.Policy);
        foreach (var scope in FhirAuthorization.BundleScopes) bundle.AllowMachineScope(scope);
        foreach (var type in FhirCapabilities.Writable)
        {
            fhir.MapPost($"/{type}", async (FhirIntake intake, HttpRequest request, CancellationToken ct) =>
                await intake.ReceiveAsync(await FhirFormat.ReadAsync(request, ct), type, request.Headers["If-None-Exist"].FirstOrDefault(), null, ct))
                .RequireAuthorization(FhirAuthorization.Policy).AllowMachineScope(FhirAuthorization.WriteScope(type));
            // A conditional update by identifier: the same as a create, which updates what it matches.
            fhir.MapPut($"/{type}", async (FhirIntake intake, HttpRequest request, CancellationToken ct) =>
                await intake.ReceiveAsync(await FhirFormat.ReadAsync(request, ct), type, null, request.QueryString.Value?.TrimStart('?'), ct))
                .RequireAuthorization(FhirAuthorization.Policy).AllowMachineScope(FhirAuthorization.WriteScope(type));
        }

        fhir.MapGet("/{type}/{id}", async (FhirReader reader, string type, string id, CancellationToken ct) => FhirFormat.Result(await reader.ReadAsync(type, id, ct)))
            .RequireAuthorization(FhirAuthorization.Policy).AllowMachineScope(FhirAuthorization.ReadScope);
        fhir.MapGet("/{type}", async (FhirReader reader, HttpRequest request, string type, CancellationToken ct) => FhirFormat.Result(await reader.SearchAsync(type, request, ct)))
            .RequireAuthorization(FhirAuthorization.Policy).AllowMachineScope(FhirAuthorization.ReadScope);
        return app;
    }
}
