using CarePathway.Server.Features.Common;
using CarePathway.Server.Hosting;
using CarePathway.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using static CarePathway.Server.Hosting.Problems;

namespace CarePathway.Server.Security;

/// <summary>One audit row: who did what to which target, when, and whether it worked.</summary>
/// <param name="Id">Ascending in the order written.</param>
/// <param name="At">When.</param>
/// <param name="UserName">Who: a user, a machine client, <c>system</c> for timers, <c>cli</c> for the command line.</param>
/// <param name="Action">What, e.g. <c>auth.login</c>, <c>auth.logout</c>, <c>auth.lockout</c>, <c>account.roles</c>, <c>patient.read</c>, <c>task.complete</c>.</param>
/// <param name="TargetId">On what: a patient, task or instance id, an account's user name.</param>
/// <param name="Succeeded">False for a refused attempt (a failed sign-in, a forbidden change).</param>
/// <param name="Detail">How: the kind of sign-in, why it failed, roles before and after.</param>
public sealed record AuditRow(long Id, DateTimeOffset At, string UserName, string Action, string? TargetId, bool Succeeded, string Detail);

/// <summary><c>GET /api/audit</c>: administrators read the audit trail, newest first.</summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", (CarePathwayDbContext db, string? userName, string? action, string? targetId, DateTimeOffset? from, DateTimeOffset? to,
                bool? succeeded, int? page, int? pageSize, CancellationToken ct) =>
            {
                var query = db.AuditEntries.AsNoTracking();
                if (!string.IsNullOrEmpty(userName)) query = query.Where(a => a.UserName == userName);
                if (!string.IsNullOrEmpty(action)) query = action.EndsWith('.') ? query.Where(a => a.Action.StartsWith(action)) : query.Where(a => a.Action == action);
                if (!string.IsNullOrEmpty(targetId)) query = query.Where(a => a.TargetId == targetId);
                if (from is { } since) query = query.Where(a => a.At >= since);
                if (to is { } until) query = query.Where(a => a.At < until);
                if (succeeded is { } ok) query = query.Where(a => a.Succeeded == ok);
                return Paged.CreateAsync(query.OrderByDescending(a => a.Id), page ?? 1, pageSize ?? 50,
                    a => new AuditRow(a.Id, a.At, a.UserName, a.Action, a.TargetId, a.Succeeded, a.Detail), ct);
            })
            .WithTags("Audit")
            .RequireAuthorization(Policies.AdministratorOnly)
            .ProducesProblems(BadRequest | Unauthorized | Forbidden)
            .WithSummary("The audit trail, newest first: filter by userName, action (exact, or a prefix ending in '.', e.g. 'auth.'), targetId, from/to, succeeded.");
        return app;
    }
}
