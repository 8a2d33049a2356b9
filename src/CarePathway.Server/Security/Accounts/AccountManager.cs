using CarePathway.Engine.Runtime;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Features.Services;
using CarePathway.Server.Persistence;
using CarePathway.Server.Security.Sessions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Security.Accounts;

/// <summary>
/// What administrators do to accounts: create, set roles and services, disable and enable, reset a password. Each change is
/// audited under the acting user's name. The product always keeps an enabled administrator, and nobody removes their
/// own administrator role or disables themselves (someone else must).
/// </summary>
public sealed class AccountManager(UserManager<AppUser> users, CarePathwayDbContext db, SessionStore sessions, SqliteWriter writer, TimeProvider clock)
{
    public async Task<IReadOnlyList<AccountSummary>> ListAsync(CancellationToken ct)
    {
        var all = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        var roles = await RolesByUserAsync(null, ct);
        var logins = await db.UserLogins.AsNoTracking().ToListAsync(ct);
        var services = await ServicesByUserAsync(null, ct);
        return [.. all.Select(u => Summary(u, roles, logins.Where(l => l.UserId == u.Id).Select(l => l.LoginProvider), services))];
    }

    public async Task<AccountSummary> GetAsync(string id, CancellationToken ct)
    {
        var user = await FindAsync(id);
        var logins = await db.UserLogins.AsNoTracking().Where(l => l.UserId == id).Select(l => l.LoginProvider).ToListAsync(ct);
        return Summary(user, await RolesByUserAsync(id, ct), logins, await ServicesByUserAsync(id, ct));
    }

    public Task<AccountSummary> CreateAsync(CreateAccountRequest request, string actor, CancellationToken ct)
    {
        return writer.WriteAsync(async () =>
        {
            var roles = AccountRules.CheckRoles(request.Roles);
            var services = await ServiceCodes.CheckKnownAsync(db, request.Services ?? [], "services", ct);
            var userName = request.UserName?.Trim();
            if (string.IsNullOrEmpty(userName)) throw RequestValidationException.Field("userName", "is required");
            var displayName = string.IsNullOrWhiteSpace(request.DisplayName) ? userName : request.DisplayName.Trim();
            var email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim();
            if (await users.FindByNameAsync(userName) is not null) throw new ConflictException("Another account has this user name.");

            var user = new AppUser { UserName = userName, DisplayName = displayName, Email = email, EmailConfirmed = email is not null };
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            AccountRules.Check(request.Password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, request.Password));
            if (roles.Count > 0) AccountRules.Check(await users.AddToRolesAsync(user, roles));
            db.UserServices.AddRange(services.Select(code => new UserService { UserId = user.Id, ServiceCode = code }));
            await AuditAsync(actor, "account.create", user,
                $"roles: {Describe(roles)}; services: {Describe(services)}; {(request.Password is null ? "single sign-on only" : "with a password")}", ct);
            await transaction.CommitAsync(ct);
            return await GetAsync(user.Id, ct);
        }, ct);
    }

    public Task<AccountSummary> SetRolesAsync(string id, SetRolesRequest request, string actorId, string actor, CancellationToken ct)
    {
        return writer.WriteAsync(async () =>
        {
            var roles = AccountRules.CheckRoles(request.Roles);
            var user = await FindAsync(id);
            var current = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList();
            var losesAdministrator = current.Contains(Roles.Administrator) && !roles.Contains(Roles.Administrator);
            if (losesAdministrator && user.Id == actorId)
            {
                throw new ConflictException("You cannot remove your own administrator role; another administrator can.");
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (losesAdministrator) await RefuseLastAdministratorAsync(user, "remove the administrator role of", ct);
            var removed = current.Except(roles).ToList();
            var added = roles.Except(current).ToList();
            if (removed.Count > 0) AccountRules.Check(await users.RemoveFromRolesAsync(user, removed));
            if (added.Count > 0) AccountRules.Check(await users.AddToRolesAsync(user, added));
            await AuditAsync(actor, "account.roles", user, $"{Describe(current)} -> {Describe(roles)}", ct);
            await transaction.CommitAsync(ct);
            // A role taken away must not outlive the sessions that carry it in their tickets.
            if (removed.Count > 0) await sessions.EndAllAsync(user.Id, "roles changed", ct);
            return await GetAsync(id, ct);
        }, ct);
    }

    /// <summary>
    /// The services the user holds, all at once. Read afresh on every request that lists or opens patients, so a service
    /// taken away hides its patients at the next request; the sessions go on (the user may still work their other services).
    /// </summary>
    public Task<AccountSummary> SetServicesAsync(string id, SetServicesRequest request, string actor, CancellationToken ct)
    {
        return writer.WriteAsync(async () =>
        {
            if (request.Services is null) throw RequestValidationException.Field("services", "is required (an empty list takes every service away)");
            var services = await ServiceCodes.CheckKnownAsync(db, request.Services, "services", ct);
            var user = await FindAsync(id);
            var held = await db.UserServices.Where(s => s.UserId == id).ToListAsync(ct);
            var current = held.Select(s => s.ServiceCode).Order(StringComparer.Ordinal).ToList();
            db.UserServices.RemoveRange(held.Where(s => !services.Contains(s.ServiceCode)));
            db.UserServices.AddRange(services.Except(current).Select(code => new UserService { UserId = id, ServiceCode = code }));
            // The audit's SaveChanges saves the services too: they commit together.
            await AuditAsync(actor, "account.services", user, $"{Describe(current)} -> {Describe(services)}", ct);
            return await GetAsync(id, ct);
        }, ct);
    }

    public Task<AccountSummary> DisableAsync(string id, string actorId, string actor, CancellationToken ct)
    {
        return writer.WriteAsync(async () =>
        {
            var user = await FindAsync(id);
            if (user.Id == actorId) throw new ConflictException("You cannot disable your own account; another administrator can.");
            if (user.DisabledAt is not null) return await GetAsync(id, ct);

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (await users.IsInRoleAsync(user, Roles.Administrator)) await RefuseLastAdministratorAsync(user, "disable", ct);
            user.DisabledAt = clock.GetUtcNow();
            AccountRules.Check(await users.UpdateSecurityStampAsync(user));
            var ended = await sessions.EndAllAsync(user.Id, SessionStore.Disabled, ct);
            await AuditAsync(actor, "account.disable", user, $"{ended} session(s) ended", ct);
            await transaction.CommitAsync(ct);
            return await GetAsync(id, ct);
        }, ct);
    }

    public Task<AccountSummary> EnableAsync(string id, string actor, CancellationToken ct)
    {
        return writer.WriteAsync(async () =>
        {
            var user = await FindAsync(id);
            if (user.DisabledAt is null) return await GetAsync(id, ct);
            user.DisabledAt = null;
            AccountRules.Check(await users.UpdateAsync(user));
            await AuditAsync(actor, "account.enable", user, "", ct);
            return await GetAsync(id, ct);
        }, ct);
    }

    /// <summary>Sets a new password, clears a lockout and ends the account's sessions (whoever knew the old one is signed out).</summary>
    public Task<AccountSummary> ResetPasswordAsync(string id, ResetPasswordRequest request, string actor, CancellationToken ct)
    {
        return writer.WriteAsync(async () =>
        {
            if (string.IsNullOrEmpty(request.Password)) throw RequestValidationException.Field("password", "is required");
            var user = await FindAsync(id);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (await users.HasPasswordAsync(user)) AccountRules.Check(await users.RemovePasswordAsync(user));
            AccountRules.Check(await users.AddPasswordAsync(user, request.Password));
            AccountRules.Check(await users.SetLockoutEndDateAsync(user, null));
            AccountRules.Check(await users.ResetAccessFailedCountAsync(user));
            var ended = await sessions.EndAllAsync(user.Id, SessionStore.PasswordReset, ct);
            await AuditAsync(actor, "account.password-reset", user, $"{ended} session(s) ended", ct);
            await transaction.CommitAsync(ct);
            return await GetAsync(id, ct);
        }, ct);
    }

    /// <summary>Whether any enabled account holds the administrator role (the CLI's first-administrator check).</summary>
    public async Task<bool> AnyAdministratorAsync(CancellationToken ct) => await EnabledAdministratorsAsync(ct) > 0;

    /// <summary>
    /// Inside the change's transaction. Two administrators disabling each other at the same moment would each count
    /// two and both succeed: on PostgreSQL such changes take turns under an advisory lock (SQLite has one writer).
    /// </summary>
    private async Task RefuseLastAdministratorAsync(AppUser user, string what, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PostgresAdvisoryLock.Administrators})", ct);
        }

        if (user.DisabledAt is null && await EnabledAdministratorsAsync(ct) <= 1)
        {
            throw new ConflictException($"You cannot {what} the last enabled administrator: make another administrator first.");
        }
    }

    private Task<int> EnabledAdministratorsAsync(CancellationToken ct) =>
        (from userRole in db.UserRoles
         join role in db.Roles on userRole.RoleId equals role.Id
         join user in db.Users on userRole.UserId equals user.Id
         where role.Name == Roles.Administrator && user.DisabledAt == null
         select user.Id).CountAsync(ct);

    private async Task<AppUser> FindAsync(string id) => await users.FindByIdAsync(id) ?? throw new NotFoundException($"account {id}");

    private async Task<ILookup<string, string>> RolesByUserAsync(string? userId, CancellationToken ct) =>
        (await (from userRole in db.UserRoles
                join role in db.Roles on userRole.RoleId equals role.Id
                where userId == null || userRole.UserId == userId
                select new { userRole.UserId, Name = role.Name ?? "" }).ToListAsync(ct))
        .ToLookup(x => x.UserId, x => x.Name);

    private async Task<ILookup<string, string>> ServicesByUserAsync(string? userId, CancellationToken ct) =>
        (await db.UserServices.AsNoTracking().Where(s => userId == null || s.UserId == userId).ToListAsync(ct))
        .ToLookup(s => s.UserId, s => s.ServiceCode);

    private AccountSummary Summary(AppUser user, ILookup<string, string> roles, IEnumerable<string> logins, ILookup<string, string> services)
    {
        var lockedUntil = user.LockoutEnd is { } end && end > clock.GetUtcNow() ? end : (DateTimeOffset?)null;
        return new AccountSummary(user.Id, user.UserName ?? "", user.DisplayName, user.Email, [.. roles[user.Id].Order(StringComparer.Ordinal)],
            user.DisabledAt is not null, user.DisabledAt, user.LastSignInAt, lockedUntil, user.PasswordHash is not null, [.. logins.Order(StringComparer.Ordinal)],
            [.. services[user.Id].Order(StringComparer.Ordinal)]);
    }

    private async Task AuditAsync(string actor, string action, AppUser target, string detail, CancellationToken ct)
    {
        db.AuditEntries.Add(AuditEntry.Of(clock.GetUtcNow(), actor, action, target.UserName, true, detail));
        await db.SaveChangesAsync(ct);
    }

    private static string Describe(IReadOnlyCollection<string> roles) => roles.Count == 0 ? "none" : string.Join(", ", roles);
}
