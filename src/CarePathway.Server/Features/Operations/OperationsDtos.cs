using CarePathway.Engine.Runtime;

namespace CarePathway.Server.Features.Operations;

/// <summary>
/// The timers not yet fired, soonest first: <paramref name="Late"/> counts those past due by more than
/// <see cref="OperationsQueries.LateAfter"/> (a healthy node fires within about a second), <paramref name="Due"/> those past due at all.
/// </summary>
public sealed record TimersOverview(int Late, int Due, int Waiting, IReadOnlyList<TimerRow> Timers);

/// <summary>A timer not yet fired; <paramref name="LateBySeconds"/> is how long past its due time it is (0 when not yet due).</summary>
public sealed record TimerRow(string Id, Guid InstanceId, string DefinitionId, Guid PatientId, string PatientName, DateTimeOffset DueAt, TimerState State,
    double LateBySeconds, bool Late);

/// <summary>A job in Hangfire's failed list (a timer whose incident could not be raised either, or a maintenance job).</summary>
public sealed record FailedJobRow(string JobId, string Job, string? Arguments, DateTimeOffset? FailedAt, string? ExceptionType, string? ExceptionMessage);

public sealed record FailedJobs(long Total, IReadOnlyList<FailedJobRow> Jobs);

/// <summary>An unresolved incident of any instance; retried with <c>POST /api/instances/{instanceId}/incidents/{id}/retry</c>.</summary>
public sealed record IncidentRow(Guid Id, Guid InstanceId, string DefinitionId, Guid PatientId, string PatientName, string ActivityId, string Message, DateTimeOffset At);

/// <summary>One audit entry: who tried what on which target, when, and whether it worked.</summary>
public sealed record AuditRow(long Id, DateTimeOffset At, string UserName, string Action, string? TargetId, bool Succeeded, string Detail);
