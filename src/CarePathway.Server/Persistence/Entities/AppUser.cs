using Microsoft.AspNetCore.Identity;

namespace CarePathway.Server.Persistence;

/// <summary>A user of the server (ASP.NET Core Identity).</summary>
public class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>Set when an administrator disables the account: no sign-in, and every session of theirs has ended.</summary>
    public DateTimeOffset? DisabledAt { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }
}
