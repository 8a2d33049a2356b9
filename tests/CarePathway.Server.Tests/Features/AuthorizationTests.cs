using System.Net;
using System.Text.RegularExpressions;
using CarePathway.Server.Security;
using CarePathway.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CarePathway.Server.Tests.Features;

/// <summary>
/// Who may call what: every route but the health check, sign-in and the API description needs a
/// signed-in user (401 otherwise); only clinicians decide approvals and only administrators
/// change definitions (403 otherwise). Routes are read from the app itself, so a new route
/// cannot escape these tests.
/// </summary>
public abstract partial class AuthorizationTests(CarePathwayAppFactory factory)
{
    /// <summary>
    /// The only routes open without sign-in: the health probes, sign-in (and its token refresh), the API document and its
    /// page, and the FHIR endpoint's CapabilityStatement (its description, holding no data).
    /// </summary>
    private static readonly string[] Anonymous =
        ["GET /health", "GET /health/live", "GET /health/ready", "POST /api/auth/login", "POST /api/auth/refresh", "GET /openapi/{documentName}.json", "GET /docs", "GET /fhir/metadata"];

    private readonly CarePathwayApi api = CarePathwayApi.For(factory);

    public sealed record Route(string Method, string Pattern, Endpoint Endpoint)
    {
        public override string ToString() => $"{Method} {Pattern}";

        /// <summary>The route with a dummy value for each parameter (a new GUID, 1 for an int, a word otherwise).</summary>
        public string DummyUrl() => "/" + RouteParameter().Replace(Pattern.TrimStart('/'), m =>
            m.Groups["constraint"].Value.Contains("guid", StringComparison.OrdinalIgnoreCase) ? Guid.NewGuid().ToString()
            : m.Groups["constraint"].Value.Contains("int", StringComparison.OrdinalIgnoreCase) ? "1"
            : "dummy");
    }

    [GeneratedRegex(@"\{\**(?<name>[^}:?=]+)(?<constraint>[^}]*)\}")]
    private static partial Regex RouteParameter();

    private List<Route> Routes() =>
    [
        .. factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => new Route(method, "/" + e.RoutePattern.RawText!.TrimStart('/'), e)))
            .OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal),
    ];

    private static async Task<HttpResponseMessage> CallAsync(HttpClient client, Route route)
    {
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.DummyUrl());
        if (route.Method is "POST" or "PUT" or "PATCH") request.Content = JsonHttp.Body(new { refreshToken = "not-a-token" });
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Without_sign_in_every_route_but_health_sign_in_and_the_api_description_answers_401()
    {
        var routes = Routes().Where(r => !Anonymous.Contains(r.ToString())).ToList();
        Assert.True(routes.Count >= 25, "suspiciously few routes: " + string.Join(", ", routes));
        Assert.Contains(routes, r => r.ToString() == "POST /api/tasks/{id:guid}/complete");

        var client = api.Anonymous();
        var wrong = new List<string>();
        foreach (var route in routes)
        {
            var response = await CallAsync(client, route);
            if (response.StatusCode != HttpStatusCode.Unauthorized) wrong.Add($"{route} ({route.DummyUrl()}): {(int)response.StatusCode}");
        }

        Assert.True(wrong.Count == 0, "answered without sign-in:" + Environment.NewLine + string.Join(Environment.NewLine, wrong));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public void Only_health_sign_in_and_the_api_description_allow_anonymous_callers()
    {
        var open = Routes().Where(r => r.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null).Select(r => r.ToString()).Order(StringComparer.Ordinal);

        Assert.Equal(Anonymous.Order(StringComparer.Ordinal), open);
    }

    [Fact]
    public async Task Every_definition_changing_route_and_the_designer_tools_answer_403_to_coordinators_and_clinicians()
    {
        var adminOnly = Routes().Where(r => r.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == Policies.AdministratorOnly)).ToList();
        Assert.Equal(
            ["GET /api/definitions/{definitionId}/versions/{version:int}/positions", "GET /api/operations/audit", "GET /api/operations/failed-jobs",
             "GET /api/operations/incidents", "GET /api/operations/timers", "GET /jobs/{**path}", "POST /api/definitions/", "POST /api/definitions/simulate",
             "POST /api/definitions/{definitionId}/moves/", "POST /api/definitions/{definitionId}/moves/dry-run",
             "POST /api/definitions/{definitionId}/versions/{version:int}/publish", "POST /api/definitions/{definitionId}/versions/{version:int}/retire",
             "PUT /api/definitions/{definitionId}/versions/{version:int}"],
            adminOnly.Select(r => r.ToString()).Order(StringComparer.Ordinal));

        foreach (var client in new[] { await api.Coordinator, await api.Clinician })
        {
            foreach (var route in adminOnly)
            {
                Assert.True(HttpStatusCode.Forbidden == (await CallAsync(client, route)).StatusCode, $"{route} did not answer 403");
            }
        }
    }

    [Fact]
    public async Task A_coordinator_trying_to_approve_gets_403_and_the_approval_stays_open()
    {
        var (instanceId, taskId) = await api.StartAtApprovalAsync(followUpAfter: "1h");

        await (await CarePathwayApi.CompleteAsync(await api.Coordinator, taskId, "approved")).ExpectProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(taskId, Assert.Single(await api.OpenTasksAsync(instanceId, kind: "escalation-approval")).Id());
        Assert.Empty((await api.JournalAsync(instanceId)).OfType("task.completed"));
        await (await CarePathwayApi.CompleteAsync(await api.Clinician, taskId, "approved")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_coordinator_cannot_create_or_publish_a_definition_a_clinician_cannot_create_one_an_administrator_can_do_both()
    {
        var document = await api.SampleCopyAsync();
        var id = document.Str("definitionId");

        await (await (await api.Coordinator).PostJsonAsync("/api/definitions", document)).ExpectAsync(HttpStatusCode.Forbidden);
        await (await (await api.Clinician).PostJsonAsync("/api/definitions", document)).ExpectAsync(HttpStatusCode.Forbidden);
        var draft = await (await (await api.Administrator).PostJsonAsync("/api/definitions", document)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(("draft", 1), (draft.Str("status"), draft["version"]!.GetValue<int>()));

        await (await (await api.Coordinator).PostAsync($"/api/definitions/{id}/versions/1/publish", null)).ExpectAsync(HttpStatusCode.Forbidden);
        await (await (await api.Clinician).PostAsync($"/api/definitions/{id}/versions/1/publish", null)).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal("draft", (await (await api.Coordinator).GetJsonAsync($"/api/definitions/{id}/versions/1")).Str("status"));
        var published = await (await (await api.Administrator).PostAsync($"/api/definitions/{id}/versions/1/publish", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("published", "admin"), (published.Str("status"), published.Str("publishedBy")));
    }
}

public sealed class SqliteAuthorizationTests(SqliteAppFactory factory) : AuthorizationTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresAuthorizationTests(PostgresAppFactory factory) : AuthorizationTests(factory), IClassFixture<PostgresAppFactory>;
