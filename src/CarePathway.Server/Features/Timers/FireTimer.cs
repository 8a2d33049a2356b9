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

/// <remarks>The timer job marks the outbox row fired once this has committed.</remarks>
internal sealed class FireTimerHandler(PathwayRuntime runtime) : IRequestHandler<FireTimer, bool>
{
    public async Task<bool> Handle(FireTimer request, CancellationToken cancellationToken) =>
        (await runtime.FireTimerAsync(request.InstanceId, request.BookmarkId, cancellationToken)).Applied;
}

/// <summary>
/// What the timer job calls, in a scope of its own. A timer racing a person's action on the same instance is run
/// again by the pipeline (<see cref="ConcurrencyRetryBehavior{TRequest, TResponse}"/>: a lost row-version race, not a
/// job retry); one that still loses throws, and Hangfire tries the job again later.
/// </summary>
internal sealed class TimerFiredHandler(IServiceScopeFactory scopes, ILogger<TimerFiredHandler> logger) : ITimerFiredHandler
{
    public async Task HandleAsync(Guid instanceId, string bookmarkId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            var applied = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new FireTimer(instanceId, bookmarkId), ct);
            logger.LogInformation("Timer {BookmarkId} of instance {InstanceId}: {Result}.", bookmarkId, instanceId, applied ? "resumed" : "nothing waiting");
        }
        catch (NotFoundException)
        {
            logger.LogWarning("Timer {BookmarkId} fired for instance {InstanceId}, which no longer exists.", bookmarkId, instanceId);
        }
    }
}
