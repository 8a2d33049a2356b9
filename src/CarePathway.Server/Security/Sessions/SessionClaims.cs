using System.Security.Claims;

namespace CarePathway.Server.Security.Sessions;

/// <summary>The claims a cookie or token carries to name its session.</summary>
public static class SessionClaims
{
    /// <summary>The session's id (OpenID Connect's name for it).</summary>
    public const string SessionId = "sid";

    /// <summary>The refresh generation the token was issued at (see <see cref="Persistence.UserSession.RefreshGeneration"/>).</summary>
    public const string RefreshGeneration = "cp_rg";

    public static IEnumerable<Claim> For(Guid sessionId, int generation) =>
        [new Claim(SessionId, sessionId.ToString("D")), new Claim(RefreshGeneration, generation.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    public static Guid? SessionOf(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(SessionId), out var id) ? id : null;

    public static int? GenerationOf(ClaimsPrincipal principal) =>
        int.TryParse(principal.FindFirstValue(RefreshGeneration), System.Globalization.CultureInfo.InvariantCulture, out var generation) ? generation : null;

    /// <summary>Copies the session claims onto a principal made afresh from the user (the cookie's security-stamp refresh drops them otherwise).</summary>
    public static void CopyTo(ClaimsPrincipal from, ClaimsPrincipal to)
    {
        if (to.Identity is not ClaimsIdentity identity) return;
        foreach (var type in new[] { SessionId, RefreshGeneration })
        {
            if (from.FindFirst(type) is { } claim && !identity.HasClaim(c => c.Type == type)) identity.AddClaim(new Claim(type, claim.Value));
        }
    }
}
