using System.Security.Claims;
using CarePathway.Server.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CarePathway.Server.Security.Sso;

/// <summary>
/// The account of someone the provider signed in: found by the provider's subject (linked before), else linked to the
/// account with the same user name, else created (<see cref="SsoOptions.CreateAccounts"/>). With
/// <see cref="SsoOptions.RolesClaim"/> the account's roles become the provider's at every sign-in; otherwise the
/// administrator's stay. Account changes made here are audited under <see cref="Actor"/>.
/// </summary>
public sealed class SsoAccounts(UserManager<AppUser> users, CarePathwayDbContext db, SqliteWriter writer, TimeProvider clock, IOptions<SsoOptions> options)
{
    public const string Actor = "sso";

    public sealed record Outcome(AppUser? User, string Detail);

    public Task<Outcome> SignInAsync(ClaimsPrincipal external, CancellationToken ct) => writer.WriteAsync(async () =>
    {
        var sso = options.Value;
        var subject = external.FindFirstValue("sub") ?? external.FindFirstValue(ClaimTypes.NameIdentifier);
        if (string.IsNullOrEmpty(subject)) return new Outcome(null, "the provider gave no subject");

        var user = await users.FindByLoginAsync(SsoSetup.Scheme, subject);
        var userName = external.FindFirstValue(sso.UserNameClaim) ?? external.FindFirstValue("email") ?? subject;
        if (user is null)
        {
            user = await users.FindByNameAsync(userName);
            if (user is null)
            {
                if (!sso.CreateAccounts) return new Outcome(null, $"no account for '{userName}' and accounts are not created at sign-in");
                user = new AppUser
                {
                    UserName = userName,
                    DisplayName = external.FindFirstValue("name") ?? userName,
                    Email = external.FindFirstValue("email"),
                    EmailConfirmed = external.FindFirstValue("email") is not null,
                };
                var created = await users.CreateAsync(user);
                if (!created.Succeeded) return new Outcome(null, string.Join(" ", created.Errors.Select(e => e.Description)));
                Audit("account.create", userName, "first single sign-on; no password");
            }

            var linked = await users.AddLoginAsync(user, new UserLoginInfo(SsoSetup.Scheme, subject, sso.DisplayName));
            if (!linked.Succeeded) return new Outcome(null, string.Join(" ", linked.Errors.Select(e => e.Description)));
            Audit("account.link", userName, $"linked to the provider's subject {subject}");
        }

        if (user.DisabledAt is not null) return new Outcome(null, "disabled");

        if (ProviderRoles.From(external, sso) is { } roles)
        {
            var current = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList();
            if (!current.SequenceEqual(roles))
            {
                var removed = current.Except(roles).ToList();
                var added = roles.Except(current).ToList();
                if (removed.Count > 0) await users.RemoveFromRolesAsync(user, removed);
                if (added.Count > 0) await users.AddToRolesAsync(user, added);
                Audit("account.roles", user.UserName ?? userName, $"{Describe(current)} -> {Describe(roles)} (from the provider)");
            }
        }

        await db.SaveChangesAsync(ct);
        return new Outcome(user, "");
    }, ct);

    private void Audit(string action, string target, string detail) =>
        db.AuditEntries.Add(AuditEntry.Of(clock.GetUtcNow(), Actor, action, target, true, detail));

    private static string Describe(IReadOnlyCollection<string> roles) => roles.Count == 0 ? "none" : string.Join(", ", roles);
}
