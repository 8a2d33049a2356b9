using System.Net;
using CarePathway.Server.Security;
using CarePathway.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;

namespace CarePathway.Server.Tests.Features;

/// <summary>
/// Who may call what: every route but the health check, sign-in and the API description needs a
/// signed-in user (401 otherwise); only clinicians decide approvals and only administrators
/// change definitions (403 otherwise). Routes are read from the app itself, so a new route
/// cannot escape these tests.
/// </summary>
public abstract class AuthorizationTests(CarePathwayAppFactory factory)
{
    /// <summary>
    /// The only routes open without sign-in: the health probes, sign-in (its token refresh, the providers offered and the
    /// single sign-on round trip), the API document and its page, and the FHIR endpoint's CapabilityStatement (its
    /// description, holding no data).
    /// </summary>
    private static readonly string[] Anonymous =
        ["GET /health", "GET /health/live", "GET /health/ready", "POST /api/auth/login", "POST /api/auth/refresh", "GET /openapi/{documentName}.json", "GET /docs", "GET /fhir/metadata",
         "GET /api/auth/providers", "GET /api/auth/sso/login", "GET /api/auth/sso/complete"];

    private readonly CarePathwayApi api = CarePathwayApi.For(factory);

    private List<AppRoute> Routes() => AppRoute.Of(factory.Services);

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
            var status = await route.CallAsync(client);
            if (status != HttpStatusCode.Unauthorized) wrong.Add($"{route} ({route.DummyUrl()}): {(int)status}");
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
            ["GET /api/access-grants", "GET /api/accounts/", "GET /api/accounts/{id}", "GET /api/audit",
             "GET /api/definitions/{definitionId}/versions/{version:int}/positions", "GET /api/operations/audit", "GET /api/operations/failed-jobs",
             "GET /api/operations/incidents", "GET /api/operations/timers", "GET /jobs/{**path}",
             "POST /api/accounts/", "POST /api/accounts/{id}/disable", "POST /api/accounts/{id}/enable",
             "POST /api/accounts/{id}/password", "POST /api/definitions/", "POST /api/definitions/scenario-template", "POST /api/definitions/simulate",
             "POST /api/definitions/{definitionId}/moves/", "POST /api/definitions/{definitionId}/moves/dry-run",
             "POST /api/definitions/{definitionId}/versions/{version:int}/publish", "POST /api/definitions/{definitionId}/versions/{version:int}/retire", "POST /api/services/",
             "PUT /api/accounts/{id}/roles", "PUT /api/accounts/{id}/services", "PUT /api/definitions/{definitionId}/versions/{version:int}", "PUT /api/services/{code}"],
            adminOnly.Select(r => r.ToString()).Order(StringComparer.Ordinal));

        foreach (var client in new[] { await api.Coordinator, await api.Clinician })
        {
            foreach (var route in adminOnly)
            {
                Assert.True(HttpStatusCode.Forbidden == await route.CallAsync(client), $"{route} did not answer 403");
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
        var asked = await (await (await api.Administrator).PostJsonAsync($"/api/definitions/{id}/versions/1/publish", new { changeNote = "first version" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("awaiting-approval", "admin"), (asked.Str("status"), asked.Str("submittedBy")));
        await (await (await api.Coordinator).PostJsonAsync($"/api/definitions/{id}/versions/1/approve", new { })).ExpectAsync(HttpStatusCode.Forbidden);
        var published = await (await (await api.Clinician).PostJsonAsync($"/api/definitions/{id}/versions/1/approve", new { })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("published", "clinician"), (published.Str("status"), published.Str("publishedBy")));
    }
}

public sealed class SqliteAuthorizationTests(SqliteAppFactory factory) : AuthorizationTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresAuthorizationTests(PostgresAppFactory factory) : AuthorizationTests(factory), IClassFixture<PostgresAppFactory>;
