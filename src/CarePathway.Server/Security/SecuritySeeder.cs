using CarePathway.Server.Persistence;
using Microsoft.AspNetCore.Identity;

namespace CarePathway.Server.Security;

public static class SecuritySeeder
{
    /// <summary>Password of every demo user (Development only).</summary>
    public const string DemoPassword = "CarePathway!2026";

    /// <summary>Demo users, one per role: user name, display name, role.</summary>
    public static readonly IReadOnlyList<(string UserName, string DisplayName, string Role)> DemoUsers =
    [
        ("coordinator", "Demo Coordinator", Roles.Coordinator),
        ("clinician", "Demo Clinician", Roles.Clinician),
        ("admin", "Demo Administrator", Roles.Administrator),
    ];

    /// <summary>Creates the roles (always) and, in Development only, the demo users.</summary>
    public static async Task SeedSecurityAsync(this IServiceProvider services, IHostEnvironment environment, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            ct.ThrowIfCancellationRequested();
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
            }
        }

        if (!environment.IsDevelopment())
        {
            return;
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        foreach (var (userName, displayName, role) in DemoUsers)
        {
            ct.ThrowIfCancellationRequested();
            if (await users.FindByNameAsync(userName) is not null)
            {
                continue;
            }

            var user = new AppUser { UserName = userName, DisplayName = displayName, EmailConfirmed = true };
            Check(await users.CreateAsync(user, DemoPassword), $"user {userName}");
            Check(await users.AddToRoleAsync(user, role), $"role of {userName}");
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Seeding {what} failed: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
