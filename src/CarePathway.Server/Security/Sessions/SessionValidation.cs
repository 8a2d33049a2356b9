using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace CarePathway.Server.Security.Sessions;

/// <summary>
/// Between authentication and authorization: a request whose cookie or token names a session that is no longer live
/// (signed out, disabled, replayed refresh token, idle, expired), or names none, goes on as anonymous, so every
/// endpoint behind the fallback policy answers 401. The cookie and the bearer token are self-contained tickets;
/// without this a copy of one kept working after sign-out until it expired.
/// </summary>
public static class SessionValidation
{
    public static IApplicationBuilder UseSessionValidation(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.User.Identity is ClaimsIdentity { IsAuthenticated: true } identity && IsSignInTicket(identity))
            {
                var sessionId = SessionClaims.SessionOf(context.User);
                var sessions = context.RequestServices.GetRequiredService<SessionStore>();
                if (sessionId is null || !await sessions.IsLiveAsync(sessionId.Value, context.RequestAborted))
                {
                    context.User = new ClaimsPrincipal(new ClaimsIdentity());
                    if (context.Request.Cookies.ContainsKey(SecurityExtensions.CookieName))
                    {
                        context.Response.Cookies.Delete(SecurityExtensions.CookieName);
                    }
                }
            }

            await next(context);
        });

    /// <summary>Identity's cookie and bearer tickets (made by the user claims factory); machine clients' JWTs have no session.</summary>
    private static bool IsSignInTicket(ClaimsIdentity identity) => identity.AuthenticationType == IdentityConstants.ApplicationScheme;
}
