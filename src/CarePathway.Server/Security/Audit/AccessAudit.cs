using CarePathway.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Security;

/// <summary>
/// Audit rows of access (issue 12, item 7): sign-in, sign-out, failed sign-in, lockout, a reused refresh token, and
/// each read of a patient's record. Account and role changes are written by <see cref="Accounts.AccountManager"/>,
/// changes to care by the features' pipeline; all go to <c>AuditEntries</c>, which administrators query at
/// <c>GET /api/audit</c>.
/// Each row is written in a context of its own: an audit never saves (or fails on) the request's own unfinished work.
/// </summary>
public sealed class AccessAudit(DbContextOptions<CarePathwayDbContext> options, SqliteWriter writer, TimeProvider clock)
{
    public const string SignIn = "auth.login";
    public const string SignOut = "auth.logout";
    public const string Lockout = "auth.lockout";
    public const string RefreshReused = "auth.refresh-reused";
    public const string PatientRead = "patient.read";

    public async Task WriteAsync(string userName, string action, string? targetId, bool succeeded, string detail, CancellationToken ct)
    {
        var entry = AuditEntry.Of(clock.GetUtcNow(), userName, action, targetId, succeeded, detail);
        await writer.WriteAsync(async () =>
        {
            await using var db = new CarePathwayDbContext(options);
            db.AuditEntries.Add(entry);
            return await db.SaveChangesAsync(ct);
        }, ct);
    }
}
