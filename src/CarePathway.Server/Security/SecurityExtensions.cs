using CarePathway.Server.Persistence;
using CarePathway.Server.Security.PatientAccess;
using CarePathway.Server.Security.Accounts;
using CarePathway.Server.Security.MachineClients;
using CarePathway.Server.Security.Sso;
using CarePathway.Server.Security.Sessions;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace CarePathway.Server.Security;

public static class SecurityExtensions
{
    /// <summary>The default scheme: forwards to bearer when the request carries <c>Authorization: Bearer</c>, else to the Identity cookie.</summary>
    public const string CookieOrBearerScheme = "CookieOrBearer";

    public const string CookieName = ".CarePathway.Auth";

    /// <summary>
    /// ASP.NET Core Identity (users, roles) with the cookie for the browser and Identity's own
    /// bearer tokens for API clients, each naming a server-side session; a fallback policy that requires a signed-in
    /// user on every endpoint that does not say otherwise; the <see cref="Policies"/>; accounts; the sign-in rate
    /// limit, the trusted proxies and no <c>Server</c> header.
    /// </summary>
    public static IServiceCollection AddSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<SsoAccounts>();

        services.AddAccountStore()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddMemoryCache();
        services.AddOptions<SessionLifetimes>().BindConfiguration(SessionLifetimes.SectionName);
        services.AddScoped<SessionStore>();
        services.AddScoped<SignInService>();
        services.AddScoped<AccessAudit>();
        services.AddScoped<PatientScope>();
        services.AddScoped<PatientAccessGate>();
        services.AddScoped<AccessGrants>();
        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.SectionName);
        services.AddScoped<AccountManager>();
        services.AddSignInRateLimit();
        services.AddProxyHeaders();
        services.Configure<KestrelServerOptions>(options => options.AddServerHeader = false);

        var authentication = services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieOrBearerScheme;
                options.DefaultChallengeScheme = CookieOrBearerScheme;
                options.DefaultForbidScheme = CookieOrBearerScheme;
            })
            .AddBearerToken(IdentityConstants.BearerScheme)
            .AddSingleSignOn(configuration)
            .AddMachineClients(configuration);
        authentication.AddIdentityCookies();
        var machineClientsOn = MachineClientSetup.Enabled(configuration);
        // A JWT is a machine client's (the provider's); Identity's own tokens are opaque.
        authentication.AddPolicyScheme(CookieOrBearerScheme, "Cookie or bearer token", options =>
            options.ForwardDefaultSelector = context => !HasBearerToken(context.Request)
                ? IdentityConstants.ApplicationScheme
                : machineClientsOn && MachineClientSetup.IsJwt(context.Request.Headers.Authorization.ToString())
                    ? MachineClientSetup.Scheme
                    : IdentityConstants.BearerScheme);

        // The session enforces the idle and absolute lifetimes; the tickets themselves only never outlive the session
        // (access tokens keep their hour, after which the client refreshes).
        services.AddOptions<BearerTokenOptions>(IdentityConstants.BearerScheme).Configure<IOptions<SessionLifetimes>>((bearer, sessions) =>
            bearer.RefreshTokenExpiration = sessions.Value.AbsoluteLifetime);

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            // Strict: the cookie is never sent on cross-site requests; the Origin check (OriginCheck) is the other line.
            options.Cookie.SameSite = SameSiteMode.Strict;
            // Secure whenever the request is https, as the trusted proxy's X-Forwarded-Proto says (ProxyHeaders).
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.SlidingExpiration = false;
            options.LoginPath = "/login";
            options.AccessDeniedPath = "/login";
            options.Events.OnRedirectToLogin = context => StatusOrRedirect(context.HttpContext, context.RedirectUri, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => StatusOrRedirect(context.HttpContext, context.RedirectUri, StatusCodes.Status403Forbidden);
        });
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<SessionLifetimes>>((cookie, sessions) => cookie.ExpireTimeSpan = sessions.Value.AbsoluteLifetime);

        // Identity re-makes the cookie's principal from the user when it re-checks the security stamp: keep the session's claims.
        services.Configure<SecurityStampValidatorOptions>(options =>
            options.OnRefreshingPrincipal = context =>
            {
                if (context.CurrentPrincipal is { } current && context.NewPrincipal is { } fresh) SessionClaims.CopyTo(current, fresh);
                return Task.CompletedTask;
            });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.ClinicianOnly, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Clinician))
            .AddPolicy(Policies.ClinicalStaff, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Clinician, Roles.Coordinator))
            .AddPolicy(Policies.AdministratorOnly, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Administrator))
            .AddPolicy(Policies.PatientCare, policy => policy.RequireAuthenticatedUser().RequireAssertion(context =>
                context.User.IsInRole(Roles.Clinician) || context.User.IsInRole(Roles.Coordinator) || MachineClientSetup.IsMachineClient(context.User)))
            .AddPolicy(Policies.IncidentRetry, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Clinician, Roles.Coordinator, Roles.Administrator))
            .AddPolicy(Policies.DefinitionApproval, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Clinician, Roles.Administrator));

        return services;
    }

    /// <summary>
    /// The security middleware around the app's own, outermost first: forwarded headers (before anything reads the
    /// scheme or the client's address), the security headers, then after the error handling HSTS and the Origin check.
    /// </summary>
    public static WebApplication UseSecurityFront(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        return app;
    }

    /// <summary>After the error handler (its refusals are problem details): HSTS outside Development, the Origin check, the rate limiter.</summary>
    public static WebApplication UseRequestSecurity(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseOriginCheck();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>
    /// Authentication, then the session check (an ended session's cookie or token is anonymous), the machine clients'
    /// scope gate, then authorization.
    /// </summary>
    public static WebApplication UseSignedInUsers(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseSessionValidation();
        app.UseMachineClientGate();
        app.UseAuthorization();
        return app;
    }

    internal static bool HasBearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    /// <summary>API calls (and anything that is not a browser asking for a page) get a status code, never a redirect.</summary>
    private static Task StatusOrRedirect(HttpContext context, string redirectUri, int statusCode)
    {
        var request = context.Request;
        var wantsPage = !request.Path.StartsWithSegments("/api")
            && HttpMethods.IsGet(request.Method)
            && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
        if (wantsPage)
        {
            context.Response.Redirect(redirectUri);
        }
        else
        {
            context.Response.StatusCode = statusCode;
        }

        return Task.CompletedTask;
    }
}
