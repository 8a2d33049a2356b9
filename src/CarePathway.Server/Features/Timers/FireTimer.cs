using CarePathway.Engine.Runtime;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Scheduling;
using MediatR;

namespace CarePathway.Server.Features.Timers;

/// <summary>A durable timer came due: resume its instance at the bookmark (once, however often it is delivered).</summary>
public sealed record FireTimer(Guid InstanceId, string BookmarkId) : ICommand<bool>
{
    public string AuditAction => "timer.fire";
    public string? AuditTarget => BookmarkId;
}

/// <remarks>The Quartz job marks the outbox row fired once this has committed.</remarks>
internal sealed class FireTimerHandler(PathwayRuntime runtime) : IRequestHandler<FireTimer, bool>
{
    public async Task<bool> Handle(FireTimer request, CancellationToken cancellationToken) =>
        (await runtime.FireTimerAsync(request.InstanceId, request.BookmarkId, cancellationToken)).Applied;
}

/// <summary>
/// What the Quartz job calls. A timer racing a person's action on the same instance loses the
/// optimistic-concurrency check; it is retried in a fresh scope, since a timer has nobody to answer 409 to.
/// </summary>
internal sealed class TimerFiredHandler(IServiceScopeFactory scopes, ILogger<TimerFiredHandler> logger) : ITimerFiredHandler
{
    private const int Attempts = 5;

    public async Task HandleAsync(Guid instanceId, string bookmarkId, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                var applied = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new FireTimer(instanceId, bookmarkId), ct);
                logger.LogInformation("Timer {BookmarkId} of instance {InstanceId}: {Result}.", bookmarkId, instanceId, applied ? "resumed" : "nothing waiting");
                return;
            }
            catch (ConcurrentChangeException) when (attempt < Attempts)
            {
                logger.LogInformation("Timer {BookmarkId} raced another change; retrying ({Attempt}).", bookmarkId, attempt);
            }
            catch (NotFoundException)
            {
                logger.LogWarning("Timer {BookmarkId} fired for instance {InstanceId}, which no longer exists.", bookmarkId, instanceId);
                return;
            }
        }
    }
}
