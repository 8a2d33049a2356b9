using System.Security.Claims;
using CarePathway.Server.Hosting;
using CarePathway.Server.Persistence;
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
            .Produces<AccessTokenResponse>()
            .ProducesProblems(Problems.BadRequest | Problems.Unauthorized)
            .WithSummary("Sign in with user name and password: a cookie (?useCookies=true) or a bearer token.");

        group.MapPost("/refresh", RefreshAsync)
            .AllowAnonymous()
            .Produces<AccessTokenResponse>()
            .ProducesProblems(Problems.BadRequest | Problems.Unauthorized)
            .WithSummary("Exchange a refresh token for a new bearer token.");

        group.MapPost("/logout", async (SignInManager<AppUser> signIn) =>
            {
                await signIn.SignOutAsync();
                return TypedResults.NoContent();
            })
            .ProducesProblems(Problems.Unauthorized)
            .WithSummary("Sign out (clears the cookie; bearer tokens simply expire).");

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
        LoginRequest request,
        bool? useCookies,
        SignInManager<AppUser> signIn,
        CarePathwayDbContext db,
        TimeProvider time)
    {
        signIn.AuthenticationScheme = useCookies == true ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(request.UserName ?? "", request.Password ?? "", isPersistent: false, lockoutOnFailure: true);

        db.AuditEntries.Add(AuditEntry.Of(time.GetUtcNow(), request.UserName ?? "", "auth.login", null, result.Succeeded,
            result.Succeeded ? (useCookies == true ? "cookie" : "bearer") : result.IsLockedOut ? "locked out" : "failed"));
        await db.SaveChangesAsync();

        if (!result.Succeeded)
        {
            return TypedResults.Problem(
                result.IsLockedOut ? "The account is locked; try again later." : "Invalid user name or password.",
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Sign-in failed");
        }

        // The sign-in handler has written the response: the cookie, or the token JSON.
        return TypedResults.Empty;
    }

    private static async Task<Results<SignInHttpResult, ChallengeHttpResult>> RefreshAsync(
        RefreshRequest request,
        SignInManager<AppUser> signIn,
        IOptionsMonitor<BearerTokenOptions> bearerOptions,
        TimeProvider time)
    {
        var protector = bearerOptions.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = protector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expiresUtc
            || time.GetUtcNow() >= expiresUtc
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not AppUser user)
        {
            return TypedResults.Challenge();
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }
}
