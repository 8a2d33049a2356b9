using Microsoft.AspNetCore.Identity;

namespace CarePathway.Server.Persistence;

/// <summary>A user of the server (ASP.NET Core Identity).</summary>
public class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
}
