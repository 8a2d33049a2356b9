using CarePathway.Server.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Security.Accounts;

/// <summary>The CLI's <c>create-admin</c>: an administrator on a database that may have none yet (nobody to sign in and make one).</summary>
public sealed class FirstAdministrator(UserManager<AppUser> users, CarePathwayDbContext db, TimeProvider clock)
{
    public const string Actor = "cli";

    /// <summary>The outcome: the new user's id, or why not (an administrator exists, the name is taken, the password is too weak).</summary>
    public sealed record Outcome(string? UserId, string? Problem);

    public async Task<Outcome> CreateAsync(string userName, string displayName, string? email, string password, bool additional, CancellationToken ct)
    {
        if (!additional && await users.GetUsersInRoleAsync(Roles.Administrator) is { Count: > 0 } existing)
        {
            return new Outcome(null, $"an administrator exists already ({string.Join(", ", existing.Select(u => u.UserName))}); " +
                "they create accounts in the web app. Pass --additional to add another administrator from here anyway.");
        }

        if (await users.FindByNameAsync(userName) is not null) return new Outcome(null, $"a user named '{userName}' exists already.");

        var user = new AppUser { UserName = userName, DisplayName = displayName, Email = email, EmailConfirmed = email is not null };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await users.CreateAsync(user, password);
        if (result.Succeeded) result = await users.AddToRoleAsync(user, Roles.Administrator);
        if (!result.Succeeded) return new Outcome(null, string.Join(" ", result.Errors.Select(e => e.Description)));

        db.AuditEntries.Add(AuditEntry.Of(clock.GetUtcNow(), Actor, "account.create", userName, true, "roles: administrator; first administrator from the command line"));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new Outcome(user.Id, null);
    }
}
