using CarePathway.Server.Persistence;
using MediatR;

namespace CarePathway.Server.Features.Common;

/// <summary>
/// Runs a command in one database transaction, so instance state, bookmarks, tasks, journal and
/// timer requests commit together or not at all. Timer requests are an outbox: the commit wakes
/// the scheduling loop (<c>TimerOutboxInterceptor</c>), which hands them to Hangfire on its own connections. The audit row of a success
/// (see <see cref="AuditBehavior{TRequest, TResponse}"/>) commits with the change.
/// </summary>
internal sealed class TransactionBehavior<TRequest, TResponse>(CarePathwayDbContext db, AuditTrail audit)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not ICommand<TResponse> || db.Database.CurrentTransaction is not null) return await next();

        TResponse response;
        // The rows the commands sent inside this one added: a rolled-back attempt (run again after a race) keeps none.
        var outerRows = audit.Pending.Count;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            try
            {
                response = await next();
            }
            catch
            {
                audit.Pending.RemoveRange(outerRows, audit.Pending.Count - outerRows);
                throw;
            }

            if (audit.Pending.Count > 0)
            {
                db.AuditEntries.AddRange(audit.Pending);
                audit.Pending.Clear();
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return response;
    }
}
