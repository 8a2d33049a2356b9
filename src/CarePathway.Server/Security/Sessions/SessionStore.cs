using CarePathway.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace CarePathway.Server.Security.Sessions;

/// <summary>What a refresh token's use came to.</summary>
public enum RefreshOutcome
{
    /// <summary>The token was the session's current one; the session moved on to the next generation.</summary>
    Rotated,

    /// <summary>The token was an older generation: a copy replayed. The session (the token family) has been ended.</summary>
    Reused,

    /// <summary>The session had ended already (signed out, disabled, expired).</summary>
    Ended,
}

/// <summary>
/// The <see cref="UserSession"/> rows: started at each sign-in, checked on each request (through a short per-node
/// cache, <see cref="SessionLifetimes.RecheckInterval"/>), ended by sign-out, disabling, a password reset, a reused
/// refresh token, or their lifetimes.
/// </summary>
public sealed class SessionStore(CarePathwayDbContext db, SqliteWriter writer, TimeProvider clock, IOptions<SessionLifetimes> options, IMemoryCache cache)
{
    public const string SignedOut = "signed out";
    public const string Disabled = "account disabled";
    public const string PasswordReset = "password reset";
    public const string RefreshReused = "refresh token reused";
    public const string Idle = "idle";
    public const string Expired = "expired";

    private SessionLifetimes Options => options.Value;

    /// <summary>A new live session for <paramref name="user"/>, saved; also stamps the user's last sign-in.</summary>
    public async Task<UserSession> StartAsync(AppUser user, string kind, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var session = new UserSession
        {
            Id = Guid.NewGuid(),
            UserId = user.Id,
            Kind = kind,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + Options.AbsoluteLifetime,
        };
        db.UserSessions.Add(session);
        user.LastSignInAt = now;
        await writer.WriteAsync(() => db.SaveChangesAsync(ct), ct);
        return session;
    }

    /// <summary>Ends one session (if live) on every node: here at once, elsewhere within the re-check interval.</summary>
    public async Task EndAsync(Guid sessionId, string reason, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await writer.WriteAsync(() => db.UserSessions.Where(s => s.Id == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now).SetProperty(x => x.EndReason, reason), ct), ct);
        cache.Remove(CacheKey(sessionId));
    }

    /// <summary>Ends every live session of a user (disabled, password reset); answers how many.</summary>
    public async Task<int> EndAllAsync(string userId, string reason, CancellationToken ct = default)
    {
        var live = await db.UserSessions.Where(s => s.UserId == userId && s.EndedAt == null).Select(s => s.Id).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var ended = await writer.WriteAsync(() => db.UserSessions.Where(s => s.UserId == userId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now).SetProperty(x => x.EndReason, reason), ct), ct);
        live.ForEach(id => cache.Remove(CacheKey(id)));
        return ended;
    }

    /// <summary>
    /// Uses the refresh token of <paramref name="generation"/>: the current one rotates the session to the next
    /// generation; an older one is a replay and ends the session with every token issued from it.
    /// </summary>
    public async Task<RefreshOutcome> RefreshAsync(Guid sessionId, int generation, CancellationToken ct = default)
    {
        if (!await IsLiveAsync(sessionId, ct)) return RefreshOutcome.Ended;
        var now = clock.GetUtcNow();
        var moved = await writer.WriteAsync(() => db.UserSessions
            .Where(s => s.Id == sessionId && s.EndedAt == null && s.RefreshGeneration == generation)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RefreshGeneration, generation + 1).SetProperty(x => x.LastSeenAt, now), ct), ct);
        if (moved == 1) return RefreshOutcome.Rotated;

        await EndAsync(sessionId, RefreshReused, ct);
        return RefreshOutcome.Reused;
    }

    /// <summary>
    /// Whether the session may still authenticate a request: not ended, within both lifetimes, its user not disabled.
    /// Checked against the database at most once per <see cref="SessionLifetimes.RecheckInterval"/> on this node; a
    /// check that finds it idle or expired ends it, one that finds it live records the activity.
    /// </summary>
    public async Task<bool> IsLiveAsync(Guid sessionId, CancellationToken ct = default)
    {
        if (cache.TryGetValue(CacheKey(sessionId), out bool cached)) return cached;

        var row = await db.UserSessions.AsNoTracking()
            .Where(s => s.Id == sessionId)
            .Select(s => new { s.EndedAt, s.ExpiresAt, s.LastSeenAt, Disabled = db.Users.Any(u => u.Id == s.UserId && u.DisabledAt != null) })
            .SingleOrDefaultAsync(ct);
        var now = clock.GetUtcNow();
        var live = false;
        if (row is { EndedAt: null, Disabled: false })
        {
            if (now >= row.ExpiresAt) await EndAsync(sessionId, Expired, ct);
            else if (now - row.LastSeenAt > Options.IdleTimeout) await EndAsync(sessionId, Idle, ct);
            else
            {
                live = true;
                await writer.WriteAsync(() => db.UserSessions.Where(s => s.Id == sessionId)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), ct), ct);
            }
        }

        if (Options.RecheckInterval > TimeSpan.Zero) cache.Set(CacheKey(sessionId), live, Options.RecheckInterval);
        return live;
    }

    private static string CacheKey(Guid sessionId) => "session:" + sessionId.ToString("N");
}
