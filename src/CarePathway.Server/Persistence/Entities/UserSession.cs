namespace CarePathway.Server.Persistence;

/// <summary>
/// One sign-in: the cookie, or the bearer token and the chain of refresh tokens issued from it (its family). Every
/// cookie and token carries the session's id, and a request is authenticated only while its session is live
/// (<see cref="Security.Sessions.SessionValidation"/>), so ending the row ends the sign-in on every node.
/// </summary>
public class UserSession
{
    public Guid Id { get; set; }
    public string UserId { get; set; } = "";

    /// <summary><c>cookie</c>, <c>bearer</c> or <c>sso</c> (a cookie from the identity provider's sign-in).</summary>
    public string Kind { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Last request seen (written at most once per re-check interval): the idle lifetime counts from here.</summary>
    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>The absolute lifetime's end.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Why it ended: signed out, disabled, refresh token reused, idle, expired, password reset.</summary>
    public string? EndReason { get; set; }

    /// <summary>
    /// The generation of the one refresh token of this session that may still be used; each refresh moves it on. A
    /// refresh token of an older generation is a copy being replayed: the whole session (its family) ends.
    /// </summary>
    public int RefreshGeneration { get; set; }
}
