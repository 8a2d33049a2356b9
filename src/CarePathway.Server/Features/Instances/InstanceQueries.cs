using CarePathway.Engine.Runtime;
using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Features.Engine;
using CarePathway.Server.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Instances;

public sealed record ListInstances(Guid? PatientId, string? DefinitionId, string? Status, int Page = 1, int PageSize = 50) : IRequest<Paged<InstanceSummary>>;

public sealed record GetInstance(Guid Id) : IRequest<InstanceDetail>;

public sealed record GetJournal(Guid InstanceId) : IRequest<IReadOnlyList<JournalEntryDto>>;

internal sealed class InstanceQueries(CarePathwayDbContext db, CompiledDefinitions definitions) :
    IRequestHandler<ListInstances, Paged<InstanceSummary>>,
    IRequestHandler<GetInstance, InstanceDetail>,
    IRequestHandler<GetJournal, IReadOnlyList<JournalEntryDto>>
{
    public async Task<Paged<InstanceSummary>> Handle(ListInstances request, CancellationToken cancellationToken)
    {
        var query = db.WorkflowInstances.AsNoTracking();
        if (request.PatientId is { } patientId) query = query.Where(i => i.PatientId == patientId);
        if (!string.IsNullOrWhiteSpace(request.DefinitionId)) query = query.Where(i => i.DefinitionId == request.DefinitionId);
        if (ClosedSetFilter.Parse<InstanceStatus>(request.Status, "status") is { } status) query = query.Where(i => i.Status == status);
        query = query.OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id);
        return await Paged.CreateAsync(query, request.Page, request.PageSize, Summary, cancellationToken);
    }

    public async Task<InstanceDetail> Handle(GetInstance request, CancellationToken cancellationToken)
    {
        var row = await db.WorkflowInstances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException($"instance {request.Id}");
        var state = InstanceState.FromJson(row.StateJson);
        var compiled = await definitions.GetAsync(db, row.DefinitionId, row.Version, cancellationToken);
        string NameOf(string activityId) => compiled is not null && compiled.HasActivity(activityId) ? compiled.Activity(activityId).DisplayName : activityId;
        return new InstanceDetail(
            Summary(row),
            [.. state.Tokens.Select(t => new PathPosition(t.ActivityId, t.Status, NameOf(t.ActivityId)))],
            [.. state.Bookmarks.Select(b => new WaitingFor(b.Id, b.ActivityId, b.Kind, b.TaskId, b.DueAt, b.EventType, b.EventKey, NameOf(b.ActivityId)))],
            [.. state.Incidents.Select(i => new IncidentDto(i.Id, i.ActivityId, i.Message, i.At, i.ResolvedAt, i.ResolvedBy))],
            new JsonObject(state.Variables.Select(v => KeyValuePair.Create(v.Key, v.Value?.DeepClone()))),
            new JsonObject(state.Parameters.Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))),
            row.RowVersion,
            CourseView.Course(state),
            CourseView.Baselines(state));
    }

    public async Task<IReadOnlyList<JournalEntryDto>> Handle(GetJournal request, CancellationToken cancellationToken)
    {
        var instance = await db.WorkflowInstances.AsNoTracking().Where(i => i.Id == request.InstanceId)
            .Select(i => new { i.DefinitionId, i.Version }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"instance {request.InstanceId}");
        var entries = await db.JournalEntries.AsNoTracking().Where(j => j.InstanceId == request.InstanceId)
            .OrderBy(j => j.Sequence).ToListAsync(cancellationToken);
        var definition = await definitions.GetAsync(db, instance.DefinitionId, instance.Version, cancellationToken);
        return new JournalNarrative(definition?.Definition).Narrate(entries);
    }

    internal static InstanceSummary Summary(WorkflowInstance i) =>
        new(i.Id, i.DefinitionId, i.Version, i.PatientId, i.Status, i.CreatedAt, i.CreatedBy, i.UpdatedAt, i.CompletedAt);
}
