using System.Security.Claims;
using CarePathway.Server.Persistence;
using CarePathway.Server.Security.Sessions;
using Microsoft.AspNetCore.Identity;

namespace CarePathway.Server.Security;

/// <summary>
/// Password sign-in that tells an attacker nothing: a wrong password, an unknown user name, a locked or disabled
/// account all get the same answer in about the same time (every path verifies one password hash; an unknown user's
/// against a hash of nothing), and only the audit says which it was. A success starts a <see cref="UserSession"/>
/// whose id the cookie or token carries.
/// </summary>
public sealed class SignInService(
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users,
    SessionStore sessions,
    AccessAudit audit,
    IPasswordHasher<AppUser> hasher)
{
    /// <summary>The one message of every refused sign-in.</summary>
    public const string RefusedMessage = "The user name or password is wrong, or the account cannot sign in now.";

    /// <summary>A hash to verify when there is no account's to verify, so the answer takes as long (made once per process).</summary>
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString("N")));

    public async Task<bool> PasswordSignInAsync(string userName, string password, bool useCookies, CancellationToken ct)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            Decoy(password);
            await audit.WriteAsync(userName, AccessAudit.SignIn, null, false, "unknown user", ct);
            return false;
        }

        if (user.DisabledAt is not null)
        {
            Decoy(password);
            await audit.WriteAsync(userName, AccessAudit.SignIn, null, false, "disabled", ct);
            return false;
        }

        var wasLockedOut = await users.IsLockedOutAsync(user);
        if (wasLockedOut) Decoy(password);
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            var why = result.IsLockedOut ? (wasLockedOut ? "locked out" : "failed; now locked out") : result.IsNotAllowed ? "not allowed" : "failed";
            await audit.WriteAsync(userName, AccessAudit.SignIn, null, false, why, ct);
            if (result.IsLockedOut && !wasLockedOut)
            {
                await audit.WriteAsync(userName, AccessAudit.Lockout, null, true, $"after {users.Options.Lockout.MaxFailedAccessAttempts} failed passwords, until {await users.GetLockoutEndDateAsync(user):O}", ct);
            }

            return false;
        }

        var kind = useCookies ? "cookie" : "bearer";
        await StartSessionAsync(user, kind, useCookies ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme, ct);
        await audit.WriteAsync(user.UserName ?? userName, AccessAudit.SignIn, null, true, kind, ct);
        return true;
    }

    /// <summary>Starts a session for <paramref name="user"/> and signs them in on <paramref name="scheme"/> with its claims.</summary>
    public async Task StartSessionAsync(AppUser user, string kind, string scheme, CancellationToken ct)
    {
        var session = await sessions.StartAsync(user, kind, ct);
        signIn.AuthenticationScheme = scheme;
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, SessionClaims.For(session.Id, session.RefreshGeneration));
    }

    /// <summary>Ends the session of <paramref name="principal"/> everywhere and clears the cookie.</summary>
    public async Task SignOutAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        if (SessionClaims.SessionOf(principal) is { } sessionId) await sessions.EndAsync(sessionId, SessionStore.SignedOut, ct);
        await signIn.SignOutAsync();
        await audit.WriteAsync(principal.Identity?.Name ?? "unknown", AccessAudit.SignOut, null, true, "", ct);
    }

    private void Decoy(string password) => hasher.VerifyHashedPassword(new AppUser(), DecoyHash.Value, password);
}
