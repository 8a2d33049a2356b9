using CarePathway.Engine.Activities;
using CarePathway.Engine.Runtime;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Features.Patients;
using CarePathway.Server.Persistence;

namespace CarePathway.Server.Features.Tasks;

/// <summary>
/// The worklist's filters, the same for its pages and its counts. <paramref name="DefinitionId"/>: the pathway;
/// <paramref name="Patient"/>: text found in the patient's MRN, family or given name (as the patient list searches);
/// <paramref name="Assignee"/>: a user name, <c>me</c> (the person asking) or <c>none</c> (nobody has it yet).
/// </summary>
public sealed record WorklistFilter(string? Role = null, string? Status = null, string? Due = null, Guid? PatientId = null, Guid? InstanceId = null,
    string? Kind = null, string? Labs = null, string? DefinitionId = null, string? Patient = null, string? Assignee = null)
{
    public const string Me = "me";
    public const string Nobody = "none";

    /// <summary>Open tasks (or those of <see cref="Status"/>) narrowed by every filter given; a filter value the server does not know is a 400 naming it.</summary>
    internal IQueryable<HumanTask> Apply(CarePathwayDbContext db, ICurrentUser user, DateTimeOffset now)
    {
        var query = db.HumanTasks.AsQueryable();
        var status = ClosedSetFilter.Parse<HumanTaskStatus>(Status, "status") ?? HumanTaskStatus.Open;
        query = query.Where(t => t.Status == status);
        if (!string.IsNullOrWhiteSpace(Role)) query = query.Where(t => t.Role == Role);
        if (PatientId is { } patientId) query = query.Where(t => t.PatientId == patientId);
        if (InstanceId is { } instanceId) query = query.Where(t => t.InstanceId == instanceId);
        if (!string.IsNullOrWhiteSpace(Kind)) query = query.Where(t => t.Kind == Kind);
        if (ClosedSetFilter.Parse<LabHold>(Labs, "labs") is { } labHold) query = query.Where(t => t.LabHold == labHold);
        if (!string.IsNullOrWhiteSpace(DefinitionId))
        {
            var instances = db.WorkflowInstances.Where(i => i.DefinitionId == DefinitionId).Select(i => (Guid?)i.Id);
            query = query.Where(t => instances.Contains(t.InstanceId));
        }

        if (!string.IsNullOrWhiteSpace(Patient))
        {
            var patients = db.Patients.Matching(Patient).Select(p => p.Id);
            query = query.Where(t => patients.Contains(t.PatientId));
        }

        query = Assignee switch
        {
            null or "" => query,
            Nobody => query.Where(t => t.Assignee == null),
            Me => query.Where(t => t.Assignee == user.Name),
            var name => query.Where(t => t.Assignee == name),
        };

        var startOfTomorrow = WorklistViews.StartOfTomorrow(now);
        return Due switch
        {
            null or "" => query,
            "overdue" => query.Where(t => t.DueAt != null && t.DueAt < now),
            "today" => query.Where(t => t.DueAt != null && t.DueAt >= now && t.DueAt < startOfTomorrow),
            "upcoming" => query.Where(t => t.DueAt != null && t.DueAt >= startOfTomorrow),
            "none" => query.Where(t => t.DueAt == null),
            _ => throw RequestValidationException.Field("due", "must be overdue, today, upcoming or none"),
        };
    }
}
