using CarePathway.Server.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CarePathway.Server.Security.Sso;

/// <summary>What the sign-in page offers.</summary>
/// <param name="LocalPasswords">Whether user name and password are accepted here.</param>
/// <param name="SingleSignOn">The provider's button, when single sign-on is configured.</param>
public sealed record SignInOptionsResponse(bool LocalPasswords, SingleSignOnButton? SingleSignOn);

/// <param name="DisplayName">The provider, as the button names it.</param>
/// <param name="SignInUrl">Where the button goes (add <c>?returnUrl=</c> for the page to come back to).</param>
public sealed record SingleSignOnButton(string DisplayName, string SignInUrl);

/// <summary>
/// <c>GET /api/auth/providers</c> (what the sign-in page shows), <c>GET /api/auth/sso/login</c> (off to the provider),
/// <c>GET /api/auth/sso/complete</c> (back from it: the account, a session, the cookie).
/// </summary>
public static class SsoEndpoints
{
    private const string CompletePath = "/api/auth/sso/complete";

    public static IEndpointRouteBuilder MapSsoEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Auth");
        auth.MapGet("/providers", (IOptions<SsoOptions> sso) => new SignInOptionsResponse(
                sso.Value.AllowLocalPasswords || !sso.Value.Enabled,
                sso.Value.Enabled ? new SingleSignOnButton(sso.Value.DisplayName, "/api/auth/sso/login") : null))
            .AllowAnonymous()
            .WithSummary("How to sign in here: local passwords, and the single sign-on provider's button.");

        auth.MapGet("/sso/login", (IOptions<SsoOptions> sso, string? returnUrl) =>
                sso.Value.Enabled
                    ? Results.Challenge(new AuthenticationProperties { RedirectUri = $"{CompletePath}?returnUrl={Uri.EscapeDataString(LocalOnly(returnUrl))}" }, [SsoSetup.Scheme])
                    : Results.Problem("Single sign-on is not configured here.", statusCode: StatusCodes.Status404NotFound, title: "Not found"))
            .AllowAnonymous()
            .ExcludeFromDescription();

        auth.MapGet("/sso/complete", CompleteAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> CompleteAsync(HttpContext context, SsoAccounts accounts, SignInService signIn, AccessAudit audit, string? returnUrl, CancellationToken ct)
    {
        var external = await context.AuthenticateAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded || external.Principal is null) return Results.Redirect("/login?sso=failed");
        await context.SignOutAsync(IdentityConstants.ExternalScheme);

        var outcome = await accounts.SignInAsync(external.Principal, ct);
        var name = outcome.User?.UserName ?? external.Principal.Identity?.Name ?? external.Principal.FindFirst("sub")?.Value ?? "unknown";
        if (outcome.User is not { } user)
        {
            await audit.WriteAsync(name, AccessAudit.SignIn, null, false, $"single sign-on: {outcome.Detail}", ct);
            return Results.Redirect("/login?sso=refused");
        }

        await signIn.StartSessionAsync(user, "sso", IdentityConstants.ApplicationScheme, ct);
        await audit.WriteAsync(name, AccessAudit.SignIn, null, true, "single sign-on", ct);
        return Results.Redirect(LocalOnly(returnUrl));
    }

    /// <summary>Only a path on this server (no open redirect to another site).</summary>
    private static string LocalOnly(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";
}
