using CarePathway.Server.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Common;

/// <summary>
/// Writes who tried to change what, when, and whether it worked. A refused attempt is audited too,
/// in its own context, since the command's own transaction is rolled back.
/// </summary>
internal sealed class AuditBehavior<TRequest, TResponse>(DbContextOptions<CarePathwayDbContext> options, ICurrentUser user, TimeProvider clock)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not ICommand<TResponse> command) return await next();
        try
        {
            var response = await next();
            await WriteAsync(command, true, "", CancellationToken.None);
            return response;
        }
        catch (Exception ex)
        {
            await WriteAsync(command, false, $"{ex.GetType().Name}: {ex.Message}", CancellationToken.None);
            throw;
        }
    }

    private async Task WriteAsync(ICommand<TResponse> command, bool succeeded, string detail, CancellationToken ct)
    {
        // Its own context: the command's context may hold a rolled-back transaction.
        await using var db = new CarePathwayDbContext(options);
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            UserName = user.Name,
            Action = command.AuditAction,
            TargetId = command.AuditTarget,
            Succeeded = succeeded,
            Detail = detail.Length > 2000 ? detail[..2000] : detail,
        });
        await db.SaveChangesAsync(ct);
    }
}
