using CarePathway.Server.Persistence;
using Microsoft.AspNetCore.Identity;

namespace CarePathway.Server.Security.Accounts;

/// <summary>
/// Identity's users and roles on the product's database with the password and lockout policy: shared by the server
/// and the CLI's <c>create-admin</c>, so an account made either way meets the same rules.
/// </summary>
public static class AccountStore
{
    /// <summary>ASVS 2.1.1: at least 12 characters. No composition rules (ASVS 2.1.9); a length cap only (2.1.2).</summary>
    public const int MinimumPasswordLength = 12;

    public const int MaximumPasswordLength = 128;

    public static IdentityBuilder AddAccountStore(this IServiceCollection services) =>
        services.AddIdentityCore<AppUser>(options =>
            {
                options.Password.RequiredLength = MinimumPasswordLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 4;
                options.Lockout.MaxFailedAccessAttempts = 10;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<CarePathwayDbContext>()
            .AddPasswordValidator<PasswordLengthCap>();
}

/// <summary>Refuses passwords longer than <see cref="AccountStore.MaximumPasswordLength"/>: hashing is the cost, and nobody types more.</summary>
internal sealed class PasswordLengthCap : IPasswordValidator<AppUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password) =>
        Task.FromResult(password is { Length: > AccountStore.MaximumPasswordLength }
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordTooLong", Description = $"Passwords must be at most {AccountStore.MaximumPasswordLength} characters." })
            : IdentityResult.Success);
}
