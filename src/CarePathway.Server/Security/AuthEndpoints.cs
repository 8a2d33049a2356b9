using System.Security.Claims;
using CarePathway.Server.Hosting;
using CarePathway.Server.Persistence;
using CarePathway.Server.Security.Sessions;
using CarePathway.Server.Security.Sso;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CarePathway.Server.Security;

public sealed record LoginRequest(string UserName, string Password);

public sealed record RefreshRequest(string RefreshToken);

public sealed record CurrentUserResponse(string Name, string DisplayName, IReadOnlyList<string> Roles);

public static class AuthEndpoints
{
    /// <summary>
    /// <c>POST /api/auth/login</c> (anonymous; <c>?useCookies=true</c> sets the cookie, otherwise
    /// the answer is a bearer token response), <c>POST /api/auth/refresh</c> (anonymous),
    /// <c>POST /api/auth/logout</c>, <c>GET /api/auth/me</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth").ProducesTooLargeForBodies();

        group.MapPost("/login", LoginAsync)
            .AllowAnonymous()
            .RequireRateLimiting(SignInRateLimit.PolicyName)
            .Produces<AccessTokenResponse>()
            .ProducesProblems(Problems.BadRequest | Problems.Unauthorized | Problems.Forbidden | Problems.TooManyRequests)
            .WithSummary("Sign in with user name and password: a cookie (?useCookies=true) or a bearer token.");

        group.MapPost("/refresh", RefreshAsync)
            .AllowAnonymous()
            .RequireRateLimiting(SignInRateLimit.PolicyName)
            .Produces<AccessTokenResponse>()
            .ProducesProblems(Problems.BadRequest | Problems.Unauthorized | Problems.TooManyRequests)
            .WithSummary("Exchange the session's current refresh token for a new token pair; a refresh token used twice ends the session.");

        group.MapPost("/logout", async (SignInService signIn, ClaimsPrincipal principal, CancellationToken ct) =>
            {
                await signIn.SignOutAsync(principal, ct);
                return TypedResults.NoContent();
            })
            .ProducesProblems(Problems.Unauthorized)
            .WithSummary("Sign out: the session ends on every node, with its cookie, bearer and refresh tokens.");

        group.MapGet("/me", async Task<Results<Ok<CurrentUserResponse>, UnauthorizedHttpResult>> (ClaimsPrincipal principal, UserManager<AppUser> users) =>
            {
                var user = await users.GetUserAsync(principal);
                if (user is null)
                {
                    return TypedResults.Unauthorized();
                }

                var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal).ToList();
                return TypedResults.Ok(new CurrentUserResponse(user.UserName ?? "", user.DisplayName, roles));
            })
            .ProducesProblems(Problems.Unauthorized)
            .WithSummary("The signed-in user and their roles.");

        return app;
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> LoginAsync(
        LoginRequest request, bool? useCookies, SignInService signIn, IOptions<SsoOptions> sso, CancellationToken ct)
    {
        if (sso.Value.Enabled && !sso.Value.AllowLocalPasswords)
        {
            return TypedResults.Problem($"Passwords are not used here: sign in with {sso.Value.DisplayName}.", statusCode: StatusCodes.Status403Forbidden, title: "Sign-in failed");
        }

        if (!await signIn.PasswordSignInAsync(request.UserName ?? "", request.Password ?? "", useCookies == true, ct))
        {
            return TypedResults.Problem(SignInService.RefusedMessage, statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
        }

        // The sign-in handler has written the response: the cookie, or the token JSON.
        return TypedResults.Empty;
    }

    private static async Task<Results<SignInHttpResult, ChallengeHttpResult>> RefreshAsync(
        RefreshRequest request,
        SignInManager<AppUser> signIn,
        SessionStore sessions,
        AccessAudit audit,
        IOptionsMonitor<BearerTokenOptions> bearerOptions,
        TimeProvider time,
        CancellationToken ct)
    {
        var protector = bearerOptions.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = protector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expiresUtc
            || time.GetUtcNow() >= expiresUtc
            || SessionClaims.SessionOf(ticket.Principal) is not { } sessionId
            || SessionClaims.GenerationOf(ticket.Principal) is not { } generation)
        {
            return TypedResults.Challenge();
        }

        var outcome = await sessions.RefreshAsync(sessionId, generation, ct);
        if (outcome == RefreshOutcome.Reused)
        {
            await audit.WriteAsync(ticket.Principal.Identity?.Name ?? "unknown", AccessAudit.RefreshReused, null, false,
                $"refresh token of generation {generation} used again; session {sessionId} ended", ct);
        }

        if (outcome != RefreshOutcome.Rotated || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not AppUser user)
        {
            return TypedResults.Challenge();
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        ((ClaimsIdentity)principal.Identity!).AddClaims(SessionClaims.For(sessionId, generation + 1));
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }
}
