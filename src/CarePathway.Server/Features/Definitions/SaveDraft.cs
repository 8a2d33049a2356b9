using System.Text.Json.Nodes;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Runtime;
using CarePathway.Engine.Validation;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Definitions;

/// <summary>
/// Creates the next draft of a definition (version 1 of a new one). A definition has at most one
/// draft at a time, so two administrators cannot fork it silently.
/// </summary>
public sealed record CreateDraft(JsonNode? Definition) : ICommand<DefinitionVersionDetail>
{
    public string AuditAction => "definition.create-draft";
    public string? AuditTarget => Definition?["definitionId"]?.ToString();
}

/// <summary>
/// Replaces a draft's document. <see cref="RowVersion"/> is the version the editor loaded: if
/// someone saved since, the save is refused (409) rather than overwriting their work.
/// </summary>
public sealed record UpdateDraft(string DefinitionId, int Version, JsonNode? Definition, long? RowVersion) : ICommand<DefinitionVersionDetail>
{
    public string AuditAction => "definition.update-draft";
    public string? AuditTarget => $"{DefinitionId}/v{Version}";
}

internal sealed class SaveDraftHandler(CarePathwayDbContext db, DefinitionValidator validator, ICurrentUser user, TimeProvider clock) :
    IRequestHandler<CreateDraft, DefinitionVersionDetail>,
    IRequestHandler<UpdateDraft, DefinitionVersionDetail>
{
    public async Task<DefinitionVersionDetail> Handle(CreateDraft request, CancellationToken cancellationToken)
    {
        var definition = ReadShape(request.Definition);
        var versions = await db.DefinitionVersions.Where(d => d.DefinitionId == definition.DefinitionId)
            .Select(d => new { d.Version, d.Status }).ToListAsync(cancellationToken);
        if (versions.FirstOrDefault(v => v.Status == DefinitionStatus.Draft) is { } draft)
            throw new ConflictException($"{definition.DefinitionId} already has a draft (version {draft.Version}); edit that one");

        // The server numbers versions: whatever the document said, the draft is the next one.
        var next = versions.Count == 0 ? 1 : versions.Max(v => v.Version) + 1;
        definition = definition with { Version = next };
        var now = clock.GetUtcNow();
        var row = new DefinitionVersion
        {
            Id = Guid.CreateVersion7(now),
            DefinitionId = definition.DefinitionId,
            Version = next,
            Name = definition.Name,
            Status = DefinitionStatus.Draft,
            Json = DefinitionJson.Write(definition),
            ContentHash = DefinitionLifecycle.ContentHash(definition),
            CreatedAt = now,
            CreatedBy = user.Name,
        };
        db.DefinitionVersions.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return DefinitionQueries.Detail(row, validator);
    }

    public async Task<DefinitionVersionDetail> Handle(UpdateDraft request, CancellationToken cancellationToken)
    {
        var row = await db.DefinitionVersions.SingleOrDefaultAsync(d => d.DefinitionId == request.DefinitionId && d.Version == request.Version, cancellationToken)
            ?? throw new NotFoundException($"definition {request.DefinitionId} version {request.Version}");
        if (row.Status != DefinitionStatus.Draft)
            throw new ConflictException($"version {row.Version} is {row.Status.WireName()} and cannot change; create a new draft to edit it");
        if (request.RowVersion is not { } expected)
            throw RequestValidationException.Field("rowVersion", "is required: send the rowVersion you loaded");
        if (expected != row.RowVersion)
            throw new ConflictException($"someone else saved this draft since you opened it; reload it (your changes are not saved)",
                new { row.RowVersion, savedAt = row.CreatedAt });

        var definition = ReadShape(request.Definition);
        if (definition.DefinitionId != row.DefinitionId)
            throw RequestValidationException.Field("definitionId", $"must stay '{row.DefinitionId}'");
        definition = definition with { Version = row.Version };
        row.Name = definition.Name;
        row.Json = DefinitionJson.Write(definition);
        row.ContentHash = DefinitionLifecycle.ContentHash(definition);
        await db.SaveChangesAsync(cancellationToken);
        return DefinitionQueries.Detail(row, validator);
    }

    /// <summary>
    /// A draft may break graph rules while it is being edited (publishing checks those), but it
    /// must be a readable definition document.
    /// </summary>
    private static WorkflowDefinition ReadShape(JsonNode? json)
    {
        if (json is null) throw RequestValidationException.Field("definition", "is required");
        if (json is JsonObject o && o["version"] is null) o["version"] = 1;
        var read = DefinitionJson.Read(json.ToJsonString());
        return read.Definition ?? throw new RequestValidationException([.. read.Problems.Select(p => p with { Field = "definition." + p.Field })]);
    }
}
