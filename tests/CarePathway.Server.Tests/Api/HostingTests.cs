using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using CarePathway.Server.Security;
using CarePathway.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CarePathway.Server.Tests.Api;

/// <summary>What every API client relies on: health, sign-in, the fallback policy, the API document.</summary>
public abstract class HostingTests<TFactory>(TFactory factory)
    where TFactory : CarePathwayAppFactory
{
    protected TFactory Factory { get; } = factory;

    private HttpClient NewClient() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task Health_answers_200_healthy_without_sign_in()
    {
        var response = await NewClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("/api/auth/me")]
    [InlineData("/api/patients")]
    public async Task An_api_route_without_sign_in_answers_401_not_a_redirect(string path)
    {
        var client = NewClient();
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_401()
    {
        var response = await NewClient().PostAsJsonAsync("/api/auth/login", new LoginRequest("clinician", "wrong-password"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("coordinator", Roles.Coordinator)]
    [InlineData("clinician", Roles.Clinician)]
    [InlineData("admin", Roles.Administrator)]
    public async Task Each_demo_user_signs_in_with_a_cookie(string userName, string role)
    {
        var client = Factory.CreateClient(); // keeps cookies
        var login = await client.PostAsJsonAsync("/api/auth/login?useCookies=true", new LoginRequest(userName, SecuritySeeder.DemoPassword));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith(SecurityExtensions.CookieName, StringComparison.Ordinal));

        var me = await client.GetFromJsonAsync<CurrentUserResponse>("/api/auth/me");
        Assert.Equal(userName, me!.Name);
        Assert.Equal([role], me.Roles);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/auth/logout", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me")).StatusCode);
    }

    [Theory]
    [InlineData("coordinator", Roles.Coordinator)]
    [InlineData("clinician", Roles.Clinician)]
    [InlineData("admin", Roles.Administrator)]
    public async Task Each_demo_user_signs_in_with_a_bearer_token(string userName, string role)
    {
        var client = NewClient();
        var login = await client.PostAsJsonAsync("/api/auth/login", new LoginRequest(userName, SecuritySeeder.DemoPassword));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.False(login.Headers.Contains("Set-Cookie"));
        using var token = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        var accessToken = token.RootElement.GetProperty("accessToken").GetString();
        var refreshToken = token.RootElement.GetProperty("refreshToken").GetString();

        client.DefaultRequestHeaders.Authorization = new("Bearer", accessToken);
        var me = await client.GetFromJsonAsync<CurrentUserResponse>("/api/auth/me");
        Assert.Equal(userName, me!.Name);
        Assert.Equal([role], me.Roles);

        var refreshed = await NewClient().PostAsJsonAsync("/api/auth/refresh", new RefreshRequest(refreshToken!));
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
    }

    [Theory]
    [InlineData(Policies.ClinicianOnly, Roles.Clinician, true)]
    [InlineData(Policies.ClinicianOnly, Roles.Coordinator, false)]
    [InlineData(Policies.ClinicianOnly, Roles.Administrator, false)]
    [InlineData(Policies.AdministratorOnly, Roles.Administrator, true)]
    [InlineData(Policies.AdministratorOnly, Roles.Clinician, false)]
    public async Task Role_policies_admit_only_their_role(string policy, string role, bool admitted)
    {
        var authorization = Factory.Services.GetRequiredService<IAuthorizationService>();
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "someone"), new Claim(ClaimTypes.Role, role)], "test"));

        var result = await authorization.AuthorizeAsync(user, policy);

        Assert.Equal(admitted, result.Succeeded);
    }

    [Fact]
    public async Task A_bad_bearer_token_answers_401()
    {
        var client = NewClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-token");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_and_its_docs_page_are_served()
    {
        var client = NewClient();
        var document = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        using var json = JsonDocument.Parse(await document.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.GetProperty("paths").TryGetProperty("/api/auth/login", out _));

        var page = await client.GetAsync("/docs");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/openapi/v1.json", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class SqliteHostingTests(SqliteAppFactory factory) : HostingTests<SqliteAppFactory>(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresHostingTests(PostgresAppFactory factory) : HostingTests<PostgresAppFactory>(factory), IClassFixture<PostgresAppFactory>;
