using CarePathway.Server.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace CarePathway.Server.Security;

public static class SecurityExtensions
{
    /// <summary>The default scheme: forwards to bearer when the request carries <c>Authorization: Bearer</c>, else to the Identity cookie.</summary>
    public const string CookieOrBearerScheme = "CookieOrBearer";

    public const string CookieName = ".CarePathway.Auth";

    /// <summary>
    /// ASP.NET Core Identity (users, roles) with the cookie for the browser and Identity's own
    /// bearer tokens for API clients; a fallback policy that requires a signed-in user on every
    /// endpoint that does not say otherwise; the <see cref="Policies"/>.
    /// </summary>
    public static IServiceCollection AddSecurity(this IServiceCollection services)
    {
        services.AddIdentityCore<AppUser>(options =>
            {
                options.Password.RequiredLength = 8;
                options.Lockout.MaxFailedAccessAttempts = 10;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<CarePathwayDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieOrBearerScheme;
                options.DefaultChallengeScheme = CookieOrBearerScheme;
                options.DefaultForbidScheme = CookieOrBearerScheme;
            })
            .AddPolicyScheme(CookieOrBearerScheme, "Cookie or bearer token", options =>
                options.ForwardDefaultSelector = context => HasBearerToken(context.Request)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme)
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            // Strict: the cookie is never sent on cross-site requests, which is the CSRF defence for the cookie-authenticated API.
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.LoginPath = "/login";
            options.AccessDeniedPath = "/login";
            options.Events.OnRedirectToLogin = context => StatusOrRedirect(context.HttpContext, context.RedirectUri, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => StatusOrRedirect(context.HttpContext, context.RedirectUri, StatusCodes.Status403Forbidden);
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.ClinicianOnly, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Clinician))
            .AddPolicy(Policies.ClinicalStaff, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Clinician, Roles.Coordinator))
            .AddPolicy(Policies.AdministratorOnly, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Administrator));

        return services;
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
