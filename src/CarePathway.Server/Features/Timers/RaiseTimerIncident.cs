using CarePathway.Engine.Runtime;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Scheduling;
using MediatR;

namespace CarePathway.Server.Features.Timers;

/// <summary>A timer's job gave up: an incident on the instance (journaled, the instance faulted) for a person to retry.</summary>
public sealed record RaiseTimerIncident(Guid InstanceId, string BookmarkId, string Message) : ICommand<bool>
{
    public string AuditAction => "timer.incident";
    public string? AuditTarget => BookmarkId;
}

internal sealed class RaiseTimerIncidentHandler(PathwayRuntime runtime) : IRequestHandler<RaiseTimerIncident, bool>
{
    public async Task<bool> Handle(RaiseTimerIncident request, CancellationToken cancellationToken) =>
        (await runtime.TimerUndeliverableAsync(request.InstanceId, request.BookmarkId, request.Message, cancellationToken)).Applied;
}

/// <summary>What the timer job calls on a last failed attempt, in a scope of its own.</summary>
internal sealed class TimerFailureHandler(IServiceScopeFactory scopes, ILogger<TimerFailureHandler> logger) : ITimerFailureHandler
{
    public async Task HandleAsync(Guid instanceId, string bookmarkId, string message, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            var raised = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RaiseTimerIncident(instanceId, bookmarkId, message), ct);
            logger.LogWarning("Timer {BookmarkId} of instance {InstanceId} gave up: {Result}.", bookmarkId, instanceId, raised ? "incident raised" : "nothing waits on it");
        }
        catch (NotFoundException)
        {
            logger.LogWarning("Timer {BookmarkId} gave up for instance {InstanceId}, which no longer exists.", bookmarkId, instanceId);
        }
    }
}
