using CarePathway.Server.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

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

    /// <summary>The services of the demo (Development only): code, display name.</summary>
    public static readonly IReadOnlyList<(string Code, string DisplayName)> DemoServices =
    [
        ("paediatric-rheumatology", "Paediatric rheumatology"),
        ("bone-clinic", "Bone clinic"),
        ("pain-clinic", "Pain clinic"),
    ];

    /// <summary>
    /// Creates the roles (always) and, in Development only, the demo services and users; every demo user holds every
    /// service, so the demo shows every patient.
    /// </summary>
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

        var db = scope.ServiceProvider.GetRequiredService<CarePathwayDbContext>();
        foreach (var (code, displayName) in DemoServices)
        {
            if (!await db.Services.AnyAsync(s => s.Code == code, ct)) db.Services.Add(new Service { Code = code, DisplayName = displayName });
        }

        await db.SaveChangesAsync(ct);
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
            db.UserServices.AddRange(await db.Services.Select(s => new UserService { UserId = user.Id, ServiceCode = s.Code }).ToListAsync(ct));
            await db.SaveChangesAsync(ct);
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
