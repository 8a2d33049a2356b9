namespace CarePathway.Server.Scheduling;

/// <summary>
/// Called when a durable timer fires. Implemented by the features layer (resume the instance at
/// the bookmark). Must be idempotent: a timer can fire again after a crash (the job requests
/// recovery) or when a committed request is re-dispatched. When no implementation is registered,
/// a fired timer is logged and otherwise ignored.
/// </summary>
public interface ITimerFiredHandler
{
    Task HandleAsync(Guid instanceId, string bookmarkId, CancellationToken ct);
}
