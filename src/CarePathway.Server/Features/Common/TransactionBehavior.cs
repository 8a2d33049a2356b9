using CarePathway.Server.Persistence;
using CarePathway.Server.Scheduling;
using MediatR;

namespace CarePathway.Server.Features.Common;

/// <summary>
/// Runs a command in one database transaction, so instance state, bookmarks, tasks, journal and
/// timer requests commit together or not at all. Timer requests are an outbox: only after the
/// commit are they handed to Quartz, which keeps its own connection. The audit row of a success
/// (see <see cref="AuditBehavior{TRequest, TResponse}"/>) commits with the change.
/// </summary>
internal sealed class TransactionBehavior<TRequest, TResponse>(CarePathwayDbContext db, AuditTrail audit, ITimerDispatcher timers, ILogger<TransactionBehavior<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not ICommand<TResponse> || db.Database.CurrentTransaction is not null) return await next();

        TResponse response;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            response = await next();
            if (audit.Pending is { } entry)
            {
                db.AuditEntries.Add(entry);
                audit.Pending = null;
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        // A failure here loses nothing: the rows stay pending and are dispatched at the next
        // commit, by the scheduler's own sweep or at start-up. The command has committed, so it
        // must not be answered as failed (e.g. when the hosted service's sweep, woken by the
        // same commit, scheduled the same job a moment earlier).
        try
        {
            await timers.DispatchPendingAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Timer requests of {Request} stay pending for the next dispatch.", typeof(TRequest).Name);
        }

        return response;
    }
}
