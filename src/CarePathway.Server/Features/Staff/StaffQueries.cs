using CarePathway.Server.Persistence;
using CarePathway.Server.Security;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Staff;

/// <summary>
/// The people work can be given to: users in the coordinator or clinician role (of <paramref name="Role"/> when
/// given), by display name. Read-only and for every signed-in user: a coordinator picks from it when assigning a task
/// (account management itself is the administrators').
/// </summary>
public sealed record ListStaff(string? Role) : IRequest<IReadOnlyList<StaffMember>>;

/// <summary>One person work can be given to: <paramref name="UserName"/> is what a task's assignee holds.</summary>
public sealed record StaffMember(string UserName, string DisplayName, IReadOnlyList<string> Roles);

internal sealed class StaffQueries(CarePathwayDbContext db) : IRequestHandler<ListStaff, IReadOnlyList<StaffMember>>
{
    /// <summary>The roles whose members take pathway tasks.</summary>
    public static readonly IReadOnlyList<string> TaskRoles = [Roles.Coordinator, Roles.Clinician];

    public async Task<IReadOnlyList<StaffMember>> Handle(ListStaff request, CancellationToken cancellationToken)
    {
        var roles = string.IsNullOrWhiteSpace(request.Role) ? TaskRoles
            : TaskRoles.Contains(request.Role) ? [request.Role]
            : throw Common.RequestValidationException.Field("role", $"must be {string.Join(" or ", TaskRoles)}");
        var rows = await (from userRole in db.UserRoles
                          join role in db.Roles on userRole.RoleId equals role.Id
                          join user in db.Users on userRole.UserId equals user.Id
                          where roles.Contains(role.Name!)
                          select new { user.UserName, user.DisplayName, Role = role.Name! })
            .AsNoTracking().ToListAsync(cancellationToken);
        return [.. rows.GroupBy(r => r.UserName!)
            .Select(g => new StaffMember(g.Key, g.First().DisplayName is { Length: > 0 } name ? name : g.Key, [.. g.Select(r => r.Role).Order(StringComparer.Ordinal)]))
            .OrderBy(s => s.DisplayName, StringComparer.OrdinalIgnoreCase).ThenBy(s => s.UserName, StringComparer.Ordinal)];
    }

    /// <summary>Whether <paramref name="userName"/> is a user in <paramref name="role"/> (a task may only be given to someone who can do it).</summary>
    public static Task<bool> HoldsRoleAsync(CarePathwayDbContext db, string userName, string role, CancellationToken ct) =>
        (from userRole in db.UserRoles
         join r in db.Roles on userRole.RoleId equals r.Id
         join user in db.Users on userRole.UserId equals user.Id
         where user.UserName == userName && r.Name == role
         select user.Id).AnyAsync(ct);
}
