using CarePathway.Engine.Runtime;
using CarePathway.Server.Persistence;
using MediatR;

namespace CarePathway.Server.Features.Common;

/// <summary>
/// Runs a command again when it lost an optimistic-concurrency race (another writer changed the instance between
/// our read and our write): a person's decision, or a timer, racing the engine on the same pathway is applied to
/// the pathway as it is now instead of being answered with "changed by someone else". Each attempt is a fresh
/// transaction on a cleared change tracker; the engine's own checks run again on the current state, so a task the
/// race closed is then refused with what closed it. Sits inside validation and outside the transaction.
/// </summary>
internal sealed class ConcurrencyRetryBehavior<TRequest, TResponse>(CarePathwayDbContext db, TimeProvider clock, ILogger<ConcurrencyRetryBehavior<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    /// <summary>Enough for the races a ward produces (a person and a timer or two); a command still losing after that answers 409.</summary>
    internal const int Attempts = 5;

    /// <summary>The first pause; each next one is longer, so racing writers stop colliding in step.</summary>
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(10);

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not ICommand<TResponse> || db.Database.CurrentTransaction is not null) return await next();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await next();
            }
            catch (ConcurrentChangeException) when (attempt < Attempts)
            {
                logger.LogInformation("{Request} lost a concurrent change; running it again ({Attempt} of {Attempts}).", typeof(TRequest).Name, attempt + 1, Attempts);
                db.ChangeTracker.Clear();
                await Task.Delay(FirstPause * attempt * attempt, clock, cancellationToken);
            }
        }
    }
}
