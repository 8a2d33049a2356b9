using System.Security.Claims;
using CarePathway.Engine.Runtime;
using CarePathway.Server.Security;

namespace CarePathway.Server.Features.Common;

/// <summary>Who is acting: the signed-in user, or "system" for background work such as timers.</summary>
public interface ICurrentUser
{
    string Name { get; }
    bool IsInRole(string role);
}

internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public string Name => Principal?.Identity?.IsAuthenticated == true ? Principal.Identity.Name ?? "unknown" : SystemUser;

    public bool IsInRole(string role) => Principal?.IsInRole(role) ?? false;

    public const string SystemUser = "system";
}

internal static class CurrentUserActors
{
    /// <summary>The signed-in user as the pathway runtime sees them: their name and the product's roles they hold.</summary>
    public static Actor AsActor(this ICurrentUser user) => Actor.Person(user.Name, Roles.All.Where(user.IsInRole));
}
