using CarePathway.Engine.Runtime;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Persistence;
using Hangfire;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Operations;

public sealed record GetTimersOverview(int Limit = 200) : IRequest<TimersOverview>;

public sealed record ListFailedJobs(int Limit = 50) : IRequest<FailedJobs>;

public sealed record ListOpenIncidents : IRequest<IReadOnlyList<IncidentRow>>;

/// <summary>The audit trail, newest first; <paramref name="From"/> and <paramref name="To"/> are days (UTC), both included.</summary>
public sealed record SearchAudit(string? User, Guid? PatientId, DateOnly? From, DateOnly? To, int Page = 1, int PageSize = 50) : IRequest<Paged<AuditRow>>;

/// <summary>What an administrator looks at to see the system run: timers, failed jobs, incidents, the audit trail.</summary>
internal sealed class OperationsQueries(CarePathwayDbContext db, JobStorage jobs, TimeProvider clock) :
    IRequestHandler<GetTimersOverview, TimersOverview>,
    IRequestHandler<ListFailedJobs, FailedJobs>,
    IRequestHandler<ListOpenIncidents, IReadOnlyList<IncidentRow>>,
    IRequestHandler<SearchAudit, Paged<AuditRow>>
{
    /// <summary>Past due by more than this, a timer is late: the job server fires within about a second, a crashed node's job within the invisibility timeout.</summary>
    public static readonly TimeSpan LateAfter = TimeSpan.FromMinutes(1);

    public async Task<TimersOverview> Handle(GetTimersOverview request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var lateBefore = now - LateAfter;
        var unfired = db.TimerRequests.AsNoTracking().Where(t => t.State == TimerState.Pending || t.State == TimerState.Scheduled);
        var late = await unfired.CountAsync(t => t.DueAt < lateBefore, cancellationToken);
        var due = await unfired.CountAsync(t => t.DueAt <= now, cancellationToken);
        var waiting = await unfired.CountAsync(cancellationToken);
        var rows = await (from t in unfired
                          join i in db.WorkflowInstances on t.InstanceId equals i.Id
                          join p in db.Patients on i.PatientId equals p.Id
                          orderby t.DueAt, t.Id
                          select new { t.Id, t.InstanceId, i.DefinitionId, p.FamilyName, p.GivenName, i.PatientId, t.DueAt, t.State })
            .Take(request.Limit).ToListAsync(cancellationToken);
        return new TimersOverview(late, due, waiting, [.. rows.Select(t => new TimerRow(t.Id, t.InstanceId, t.DefinitionId, t.PatientId,
            Patient.DisplayName(t.FamilyName, t.GivenName), t.DueAt, t.State, Math.Max(0, (now - t.DueAt).TotalSeconds), t.DueAt < lateBefore))]);
    }

    public Task<FailedJobs> Handle(ListFailedJobs request, CancellationToken cancellationToken)
    {
        var monitoring = jobs.GetMonitoringApi();
        var failed = monitoring.FailedJobs(0, request.Limit);
        return Task.FromResult(new FailedJobs(monitoring.FailedCount(), [.. failed.Select(pair => new FailedJobRow(
            pair.Key,
            pair.Value.Job is { } job ? $"{job.Type.Name}.{job.Method.Name}" : "(job type not loadable)",
            pair.Value.Job is { } withArgs ? string.Join(", ", withArgs.Args.Where(a => a is not CancellationToken).Select(a => a?.ToString())) : null,
            pair.Value.FailedAt is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null,
            pair.Value.ExceptionType,
            pair.Value.ExceptionMessage))]));
    }

    public async Task<IReadOnlyList<IncidentRow>> Handle(ListOpenIncidents request, CancellationToken cancellationToken)
    {
        var rows = await (from x in db.Incidents.AsNoTracking()
                          where x.ResolvedAt == null
                          join i in db.WorkflowInstances on x.InstanceId equals i.Id
                          join p in db.Patients on i.PatientId equals p.Id
                          orderby x.At descending, x.Id
                          select new { x.Id, x.InstanceId, i.DefinitionId, i.PatientId, p.FamilyName, p.GivenName, x.ActivityId, x.Message, x.At })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(x => new IncidentRow(x.Id, x.InstanceId, x.DefinitionId, x.PatientId, Patient.DisplayName(x.FamilyName, x.GivenName), x.ActivityId, x.Message, x.At))];
    }

    public async Task<Paged<AuditRow>> Handle(SearchAudit request, CancellationToken cancellationToken)
    {
        if (request.From is { } from && request.To is { } to && to < from) throw RequestValidationException.Field("to", "must not be before from");
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(request.User)) query = query.Where(a => a.UserName == request.User.Trim());
        if (request.From is { } fromDay) query = query.Where(a => a.At >= new DateTimeOffset(fromDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        if (request.To is { } toDay) query = query.Where(a => a.At < new DateTimeOffset(toDay.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        if (request.PatientId is { } patientId)
        {
            var targets = await AuditTargets.OfPatientAsync(db, patientId, cancellationToken);
            var startedFor = "/" + patientId;
            query = query.Where(a => targets.Contains(a.TargetId!) || a.TargetId!.EndsWith(startedFor));
        }

        return await Paged.CreateAsync(query.OrderByDescending(a => a.Id), request.Page, request.PageSize,
            a => new AuditRow(a.Id, a.At, a.UserName, a.Action, a.TargetId, a.Succeeded, a.Detail), cancellationToken);
    }
}
