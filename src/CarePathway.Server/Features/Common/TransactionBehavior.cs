using CarePathway.Server.Persistence;
using CarePathway.Server.Scheduling;
using MediatR;

namespace CarePathway.Server.Features.Common;

/// <summary>
/// Runs a command in one database transaction, so instance state, bookmarks, tasks, journal and
/// timer requests commit together or not at all. Timer requests are an outbox: only after the
/// commit are they handed to Quartz, which keeps its own connection.
/// </summary>
internal sealed class TransactionBehavior<TRequest, TResponse>(CarePathwayDbContext db, ITimerDispatcher timers)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not ICommand<TResponse> || db.Database.CurrentTransaction is not null) return await next();

        TResponse response;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            response = await next();
            await transaction.CommitAsync(cancellationToken);
        }

        // A failure here loses nothing: the rows stay pending and are dispatched at the next
        // commit or at start-up.
        await timers.DispatchPendingAsync(CancellationToken.None);
        return response;
    }
}
