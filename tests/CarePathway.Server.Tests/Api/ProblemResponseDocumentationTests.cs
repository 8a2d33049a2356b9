using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CarePathway.Server.Security;
using CarePathway.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CarePathway.Server.Tests.Api;

/// <summary>
/// The OpenAPI document declares the problem-details answers the endpoints really give (the web
/// app's error types are generated from it): real refusals are answered with a status the document
/// lists for that operation, as <c>application/problem+json</c>; every signed-in route lists 401 and
/// every administrators' route 403.
/// </summary>
public sealed partial class ProblemResponseDocumentationTests(SqliteAppFactory factory) : IClassFixture<SqliteAppFactory>
{
    private readonly CarePathwayApi api = CarePathwayApi.For(factory);

    private async Task<JsonNode> DocumentAsync() => JsonNode.Parse(await api.Anonymous().GetStringAsync("/openapi/v1.json"))!;

    /// <summary>The response the document declares for an operation and status, asserted to be problem details.</summary>
    private static JsonNode DeclaredProblem(JsonNode document, string method, string path, HttpStatusCode status)
    {
        var operation = document["paths"]?[path]?[method.ToLowerInvariant()];
        Assert.True(operation is not null, $"the document has no {method} {path}");
        var response = operation["responses"]?[((int)status).ToString()];
        Assert.True(response is not null, $"{method} {path} answers {(int)status} but the document does not declare it");
        var schema = response["content"]?["application/problem+json"]?["schema"]?["$ref"]?.GetValue<string>();
        Assert.True(schema is "#/components/schemas/ProblemDetails" or "#/components/schemas/HttpValidationProblemDetails",
            $"{method} {path} {(int)status} is not declared as problem details: {response.ToJsonString()}");
        return response;
    }

    /// <summary>Refuses in every way the README's error table names, and checks each against the document.</summary>
    [Fact]
    public async Task Each_refusal_the_server_gives_is_declared_for_its_operation_as_problem_details()
    {
        var coordinator = await api.Coordinator;
        var clinician = await api.Clinician;
        var admin = await api.Administrator;
        var patientId = await api.CreatePatientAsync();
        var (_, approvalId) = await api.StartAtApprovalAsync(followUpAfter: "1h");
        var duplicate = CarePathwayApi.NewPatient();
        await (await coordinator.PostJsonAsync("/api/patients", duplicate)).ExpectAsync(HttpStatusCode.Created);

        var refusals = new (string Method, string Path, HttpStatusCode Status, Func<Task<HttpResponseMessage>> Call)[]
        {
            ("POST", "/api/auth/login", HttpStatusCode.Unauthorized, () => api.Anonymous().PostJsonAsync("/api/auth/login", new { userName = "coordinator", password = "wrong" })),
            ("GET", "/api/patients", HttpStatusCode.Unauthorized, () => api.Anonymous().GetAsync("/api/patients")),
            ("GET", "/api/patients", HttpStatusCode.BadRequest, () => coordinator.GetAsync("/api/patients?page=0")),
            ("GET", "/api/tasks", HttpStatusCode.BadRequest, () => coordinator.GetAsync("/api/tasks?due=soon")),
            ("GET", "/api/patients/{id}", HttpStatusCode.NotFound, () => coordinator.GetAsync($"/api/patients/{Guid.NewGuid()}")),
            ("POST", "/api/patients", HttpStatusCode.BadRequest, () => coordinator.PostAsync("/api/patients", JsonHttp.RawBody("{not json"))),
            ("POST", "/api/patients", HttpStatusCode.Conflict, () => coordinator.PostJsonAsync("/api/patients", duplicate)),
            ("POST", "/api/patients/{id}/labs", HttpStatusCode.UnprocessableEntity,
                () => clinician.PostJsonAsync($"/api/patients/{patientId}/labs", new { code = "2160-0", value = 0.6, unit = "mmol/mol" })),
            ("POST", "/api/instances", HttpStatusCode.NotFound,
                () => coordinator.PostJsonAsync("/api/instances", new { definitionId = "no-such-pathway", patientId })),
            ("POST", "/api/tasks/{id}/complete", HttpStatusCode.Forbidden, () => CarePathwayApi.CompleteAsync(coordinator, approvalId, "approved")),
            ("POST", "/api/tasks/{id}/complete", HttpStatusCode.UnprocessableEntity, () => CarePathwayApi.CompleteAsync(clinician, approvalId, "rejected")),
            ("POST", "/api/definitions", HttpStatusCode.Forbidden, () => coordinator.PostJsonAsync("/api/definitions", new { })),
            ("POST", "/api/definitions/{definitionId}/versions/{version}/publish", HttpStatusCode.Conflict,
                () => admin.PostJsonAsync($"/api/definitions/{CarePathwayApi.Sample}/versions/1/publish", new { changeNote = "again" })),
            ("POST", "/api/definitions/validate", HttpStatusCode.BadRequest, () => admin.PostAsync("/api/definitions/validate", JsonHttp.RawBody("[]"))),
            ("GET", "/api/tasks", HttpStatusCode.BadRequest, () => coordinator.GetAsync("/api/tasks?kind=%00")),
            ("POST", "/api/patients/{id}/assessments", HttpStatusCode.RequestEntityTooLarge,
                () => clinician.PostJsonAsync($"/api/patients/{patientId}/assessments", new { name = "pain", value = new string('9', 2_000_000) })),
            ("POST", "/api/auth/login", HttpStatusCode.RequestEntityTooLarge,
                () => api.Anonymous().PostJsonAsync("/api/auth/login", new { userName = new string('u', 2_000_000), password = "x" })),
        };

        var document = await DocumentAsync();
        foreach (var (method, path, status, call) in refusals)
        {
            await (await call()).ExpectProblemAsync(status);
            DeclaredProblem(document, method, path, status);
        }

        // A task decided already: 409, declared, with the first decision as "current" (an extension member the schema keeps).
        await (await CarePathwayApi.CompleteAsync(clinician, approvalId, "approved")).ExpectAsync(HttpStatusCode.OK);
        var conflict = await (await CarePathwayApi.CompleteAsync(clinician, approvalId, "approved")).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.NotNull(conflict["current"]);
        DeclaredProblem(document, "POST", "/api/tasks/{id}/complete", HttpStatusCode.Conflict);
        Assert.NotNull(document["components"]!["schemas"]!["ProblemDetails"]!["additionalProperties"]);
    }

    [Fact]
    public async Task Every_route_behind_sign_in_declares_401_and_every_administrators_route_403()
    {
        var document = await DocumentAsync();
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => document["paths"]?[DocumentPath(e.RoutePattern.RawText!)] is not null)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => (Method: method, Endpoint: e)))
            .ToList();
        Assert.True(routes.Count >= 30, $"only {routes.Count} documented routes found");

        foreach (var (method, endpoint) in routes)
        {
            var path = DocumentPath(endpoint.RoutePattern.RawText!);
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null) DeclaredProblem(document, method, path, HttpStatusCode.Unauthorized);
            if (endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == Policies.AdministratorOnly))
                DeclaredProblem(document, method, path, HttpStatusCode.Forbidden);
        }
    }

    /// <summary>A route pattern as the document names it: "/api/definitions/{definitionId}/versions/{version:int}/" → ".../{version}".</summary>
    private static string DocumentPath(string pattern) => "/" + RouteConstraint().Replace(pattern.Trim('/'), "}");

    [GeneratedRegex(@":[^}]*\}")]
    private static partial Regex RouteConstraint();
}
