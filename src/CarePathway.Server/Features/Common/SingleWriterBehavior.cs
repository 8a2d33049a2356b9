using CarePathway.Server.Persistence;
using MediatR;

namespace CarePathway.Server.Features.Common;

/// <summary>
/// Runs each command's transaction (and the timer hand-off after its commit) in its writer's turn on SQLite
/// (<see cref="SqliteWriter"/>); queries are not queued. Sits inside the concurrency retry, so a command run again
/// queues again instead of holding the turn while it pauses.
/// </summary>
internal sealed class SingleWriterBehavior<TRequest, TResponse>(SqliteWriter writer) : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next) =>
        request is ICommand<TResponse> ? writer.WriteAsync(() => next(), cancellationToken) : next();
}
