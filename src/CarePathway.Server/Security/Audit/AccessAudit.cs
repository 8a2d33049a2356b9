using CarePathway.Server.Persistence;

namespace CarePathway.Server.Security;

/// <summary>
/// Audit rows of access (issue 12, item 7): sign-in, sign-out, failed sign-in, lockout, a reused refresh token, and
/// each read of a patient's record. Account and role changes are written by <see cref="Accounts.AccountManager"/>,
/// changes to care by the features' pipeline; all go to <c>AuditEntries</c>, which administrators query at
/// <c>GET /api/audit</c>.
/// </summary>
public sealed class AccessAudit(CarePathwayDbContext db, SqliteWriter writer, TimeProvider clock)
{
    public const string SignIn = "auth.login";
    public const string SignOut = "auth.logout";
    public const string Lockout = "auth.lockout";
    public const string RefreshReused = "auth.refresh-reused";
    public const string PatientRead = "patient.read";

    public async Task WriteAsync(string userName, string action, string? targetId, bool succeeded, string detail, CancellationToken ct)
    {
        db.AuditEntries.Add(AuditEntry.Of(clock.GetUtcNow(), userName, action, targetId, succeeded, detail));
        await writer.WriteAsync(() => db.SaveChangesAsync(ct), ct);
    }
}
