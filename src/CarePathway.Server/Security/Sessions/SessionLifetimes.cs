namespace CarePathway.Server.Security.Sessions;

/// <summary>Lifetimes of a sign-in (configuration section <c>Sessions</c>).</summary>
public sealed class SessionLifetimes
{
    public const string SectionName = "Sessions";

    /// <summary>A session with no request for this long ends (ASVS 3.3.2).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A session ends this long after its sign-in, however busy (a clinical shift); the cookie and refresh tokens expire with it.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// How long a node trusts that a session it checked is still live: a sign-out on another node, a disabled account
    /// or an ended session is refused everywhere within this time (on the node that ended it, at once).
    /// </summary>
    public TimeSpan RecheckInterval { get; set; } = TimeSpan.FromSeconds(30);
}
