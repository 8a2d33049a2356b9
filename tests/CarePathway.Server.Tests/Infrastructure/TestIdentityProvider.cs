using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CarePathway.Server.Tests.Infrastructure;

/// <summary>Someone the provider signs in (its login page is out of scope: the test names who is at the keyboard).</summary>
public sealed record ProviderUser(string Subject, string UserName, string DisplayName, params string[] Roles);

/// <summary>
/// A real OpenID Connect provider (OpenIddict) on a loopback port: discovery, authorization code flow with PKCE,
/// client credentials, signed JWTs. Clients: <see cref="WebClientId"/> (the server's single sign-on) and the machine
/// clients <see cref="LabFeedId"/> (labs:write, patients:read) and <see cref="EhrReaderId"/> (patients:read only).
/// Plain http on loopback: transport security is off here, and RequireHttpsMetadata off on the server.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string WebClientId = "carepathway-web";
    public const string WebClientSecret = "web-client-secret";
    public const string LabFeedId = "lab-feed";
    public const string EhrReaderId = "ehr-reader";
    public const string EhrFeedId = "ehr-feed";
    public const string MachineSecret = "machine-client-secret";
    public const string Audience = "carepathway-api";

    private readonly WebApplication app;

    /// <summary>Who the next authorization request signs in.</summary>
    public ProviderUser? NextUser { get; set; }

    public string Issuer { get; private set; } = "";

    private TestIdentityProvider(WebApplication app) => this.app = app;

    /// <summary>Starts the provider; <paramref name="redirectUri"/> is the server's callback (<c>http://localhost/signin-oidc</c> under the test server).</summary>
    public static async Task<TestIdentityProvider> StartAsync(string redirectUri = "http://localhost/signin-oidc")
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        TestIdentityProvider provider;
        var databaseFile = Path.Combine(Path.GetTempPath(), $"carepathway-idp-{Guid.NewGuid():N}.db");
        builder.Services.AddDbContext<ProviderDbContext>(options =>
        {
            options.UseSqlite($"Data Source={databaseFile}");
            options.UseOpenIddict();
        });
        builder.Services.AddOpenIddict()
            .AddCore(options => options.UseEntityFrameworkCore().UseDbContext<ProviderDbContext>())
            .AddServer(options =>
            {
                options.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                options.AllowAuthorizationCodeFlow().AllowClientCredentialsFlow().RequireProofKeyForCodeExchange();
                options.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, "labs:write", "patients:read", "patients:write");
                options.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                options.DisableAccessTokenEncryption();
                options.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough().DisableTransportSecurityRequirement();
            });

        var app = builder.Build();
        provider = new TestIdentityProvider(app);
        app.MapMethods("/connect/authorize", ["GET", "POST"], (Delegate)((HttpContext context) => provider.Authorize(context)));
        app.MapPost("/connect/token", (Delegate)TokenAsync);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProviderDbContext>().Database.EnsureCreatedAsync();
            var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            var web = new OpenIddictApplicationDescriptor
            {
                ClientId = WebClientId,
                ClientSecret = WebClientSecret,
                ClientType = ClientTypes.Confidential,
                RedirectUris = { new Uri(redirectUri) },
                Permissions =
                {
                    Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.GrantTypes.AuthorizationCode,
                    Permissions.ResponseTypes.Code, Permissions.Scopes.Profile, Permissions.Scopes.Email,
                },
                Requirements = { Requirements.Features.ProofKeyForCodeExchange },
            };
            await applications.CreateAsync(web);
            foreach (var (clientId, scopes) in new[] { (LabFeedId, new[] { "labs:write", "patients:read" }), (EhrReaderId, new[] { "patients:read" }), (EhrFeedId, new[] { "patients:write" }) })
            {
                var machine = new OpenIddictApplicationDescriptor
                {
                    ClientId = clientId,
                    ClientSecret = MachineSecret,
                    ClientType = ClientTypes.Confidential,
                    Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
                };
                foreach (var allowed in scopes) machine.Permissions.Add(Permissions.Prefixes.Scope + allowed);
                await applications.CreateAsync(machine);
            }
        }

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        provider.Issuer = address.TrimEnd('/') + "/";
        provider.DatabaseFile = databaseFile;
        return provider;
    }

    private string DatabaseFile { get; set; } = "";

    private IResult Authorize(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("not an OpenID Connect request");
        var user = NextUser ?? throw new InvalidOperationException("the test named nobody to sign in (NextUser)");
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Subject).SetClaim(Claims.Name, user.DisplayName).SetClaim(Claims.PreferredUsername, user.UserName);
        // Entra ID's shape (one "roles" claim per app role) and Keycloak's (realm_access.roles) both.
        foreach (var role in user.Roles) identity.AddClaim(new Claim("roles", role));
        identity.AddClaim(new Claim("realm_access", JsonSerializer.Serialize(new { roles = user.Roles }), JsonClaimValueTypes.Json));
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> TokenAsync(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("not an OpenID Connect request");
        if (request.IsAuthorizationCodeGrantType())
        {
            var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            return Results.SignIn(result.Principal!, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, request.ClientId).SetClaim(Claims.ClientId, request.ClientId);
        identity.SetScopes(request.GetScopes());
        identity.SetResources(Audience);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>A client-credentials access token (a JWT) for a machine client.</summary>
    public async Task<string> ClientTokenAsync(string clientId, string scope)
    {
        using var http = new HttpClient();
        var answer = await http.PostAsync(Issuer + "connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = MachineSecret,
            ["scope"] = scope,
        }));
        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>A client of <paramref name="api"/>'s server calling as the machine client, with a token of those scopes.</summary>
    public async Task<HttpClient> MachineClientAsync(CarePathwayApi api, string clientId, string scope)
    {
        var client = api.Anonymous();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await ClientTokenAsync(clientId, scope));
        return client;
    }

    /// <summary>A browser on <paramref name="server"/>: clicks the provider's button and follows the redirects between the server and the provider until a page of the app.</summary>
    public async Task<(HttpClient Browser, string Landed)> SignInThroughAsync(CarePathwayAppFactory server, ProviderUser user, string returnUrl = "/approvals")
    {
        NextUser = user;
        var browser = server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var toProvider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var issuer = new Uri(Issuer);
        var options = await browser.GetJsonAsync("/api/auth/providers");
        var url = new Uri(browser.BaseAddress!, options["singleSignOn"].Str("signInUrl") + "?returnUrl=" + Uri.EscapeDataString(returnUrl));
        for (var hop = 0; hop < 10; hop++)
        {
            var onProvider = url.Authority == issuer.Authority;
            var response = onProvider ? await toProvider.GetAsync(url) : await browser.GetAsync(url.PathAndQuery);
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther,
                $"{url}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            url = new Uri(url, response.Headers.Location!);
            var isAppPage = url.Authority != issuer.Authority && !url.AbsolutePath.StartsWith("/api/", StringComparison.Ordinal) && url.AbsolutePath != "/signin-oidc";
            if (isAppPage) return (browser, url.PathAndQuery);
        }

        throw new InvalidOperationException("too many redirects");
    }

    /// <summary>The server's single sign-on settings for this provider.</summary>
    public CarePathwayAppFactory Configure(CarePathwayAppFactory node) => node
        .WithSetting("Sso:Authority", Issuer)
        .WithSetting("Sso:ClientId", WebClientId)
        .WithSetting("Sso:ClientSecret", WebClientSecret)
        .WithSetting("Sso:DisplayName", "Test Provider")
        .WithSetting("Sso:RequireHttpsMetadata", "false")
        .WithSetting("MachineClients:Audience", Audience)
        .WithSetting("MachineClients:RequireHttpsMetadata", "false");

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(DatabaseFile);
    }
}

/// <summary>The provider's own store (applications, authorizations, tokens), on a SQLite file of its own.</summary>
public sealed class ProviderDbContext(DbContextOptions<ProviderDbContext> options) : DbContext(options);
