using CarePathway.Server.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Common;

/// <summary>
/// Records who tried to change what, when, and whether it worked. A success is written in the
/// command's own transaction (through <see cref="AuditTrail"/>), so the change and its audit row
/// commit together; a refused or failed attempt is written afterwards in a context of its own,
/// since the command's transaction has been rolled back.
/// </summary>
internal sealed class AuditBehavior<TRequest, TResponse>(AuditTrail trail, DbContextOptions<CarePathwayDbContext> options, ICurrentUser user, TimeProvider clock, SqliteWriter writer,
    ILogger<AuditBehavior<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not ICommand<TResponse> command) return await next();
        trail.Pending = Entry(command, true, "");
        try
        {
            return await next();
        }
        catch (Exception ex)
        {
            trail.Pending = null;
            try
            {
                await writer.WriteAsync(async () =>
                {
                    await using var db = new CarePathwayDbContext(options);
                    db.AuditEntries.Add(Entry(command, false, $"{ex.GetType().Name}: {ex.Message}"));
                    return await db.SaveChangesAsync(CancellationToken.None);
                }, CancellationToken.None);
            }
            catch (Exception auditFailure)
            {
                // The attempt's own error is the answer; an audit that cannot be written (the database is
                // gone) must not replace it with a 500.
                logger.LogError(auditFailure, "The failed attempt {Action} on {Target} could not be audited.", command.AuditAction, command.AuditTarget);
            }

            throw;
        }
    }

    private AuditEntry Entry(ICommand<TResponse> command, bool succeeded, string detail) =>
        AuditEntry.Of(clock.GetUtcNow(), user.Name, command.AuditAction, command.AuditTarget, succeeded, detail);
}

/// <summary>The audit row of the command in progress, for the transaction to commit with the change.</summary>
internal sealed class AuditTrail
{
    public AuditEntry? Pending { get; set; }
}
