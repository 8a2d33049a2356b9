namespace CarePathway.Server.Scheduling;

/// <summary>
/// Called when a timer's delivery failed on its last attempt (<see cref="SchedulingOptions.MaxRetries"/> spent): the
/// features layer raises an incident on the instance, so a timer that keeps failing is seen and can be retried instead
/// of lying in a failed-jobs list. When no implementation is registered, the job fails in Hangfire.
/// </summary>
public interface ITimerFailureHandler
{
    Task HandleAsync(Guid instanceId, string bookmarkId, string message, CancellationToken ct);
}
