using CarePathway.Server.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Common;

/// <summary>
/// Records who tried to change what, when, and whether it worked. A success is written in the
/// command's own transaction (through <see cref="AuditTrail"/>), so the change and its audit row
/// commit together; a refused or failed attempt is written afterwards in a context of its own,
/// since the command's transaction has been rolled back. A command sent inside another's transaction (each entry of a
/// FHIR transaction bundle) adds its row to the same commit; when it fails, the outer command's failure is the one
/// audited (writing from another connection would wait for the outer transaction's lock on SQLite).
/// </summary>
internal sealed class AuditBehavior<TRequest, TResponse>(AuditTrail trail, CarePathwayDbContext current, DbContextOptions<CarePathwayDbContext> options, ICurrentUser user, TimeProvider clock, SqliteWriter writer,
    ILogger<AuditBehavior<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not ICommand<TResponse> command) return await next();
        var nested = current.Database.CurrentTransaction is not null;
        var entry = Entry(command, true, command.AuditDetail);
        trail.Pending.Add(entry);
        try
        {
            return await next();
        }
        catch (Exception ex)
        {
            trail.Pending.Remove(entry);
            if (nested) throw;
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

/// <summary>The audit rows of the command in progress (and of the commands it sent), for the transaction to commit with the change.</summary>
internal sealed class AuditTrail
{
    public List<AuditEntry> Pending { get; } = [];
}
