using System.Security.Cryptography;
using System.Text;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Runtime;
using CarePathway.Engine.Validation;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Persistence;
using CarePathway.Server.Persistence.Configurations;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Definitions;

/// <summary>
/// The lifecycle rules: draft -> (awaiting approval ->) published -> retired; a version never changes once it leaves
/// draft; at most one version of a definition is published, so publishing one retires the one before it
/// (instances already running on it carry on, pinned to it) and withdraws any other version still awaiting approval.
/// </summary>
internal static class DefinitionLifecycle
{
    public static async Task PublishAsync(CarePathwayDbContext db, DefinitionVersion row, string by, DateTimeOffset now, CancellationToken ct)
    {
        if (row.Status is not (DefinitionStatus.Draft or DefinitionStatus.AwaitingApproval))
            throw new ConflictException($"{row.DefinitionId} version {row.Version} is {row.Status.WireName()}; only a draft can be published");
        var others = await db.DefinitionVersions
            .Where(d => d.DefinitionId == row.DefinitionId && d.Id != row.Id
                && (d.Status == DefinitionStatus.Published || d.Status == DefinitionStatus.AwaitingApproval))
            .ToListAsync(ct);
        foreach (var old in others)
        {
            Retire(old, by, now, old.Status == DefinitionStatus.Published
                ? $"replaced by version {row.Version}"
                : $"withdrawn: version {row.Version} was published before it was approved");
        }

        row.Status = DefinitionStatus.Published;
        row.PublishedAt = now;
        row.PublishedBy = by;
    }

    public static void Retire(DefinitionVersion row, string by, DateTimeOffset now, string reason)
    {
        if (row.Status is not (DefinitionStatus.Published or DefinitionStatus.AwaitingApproval))
            throw new ConflictException($"{row.DefinitionId} version {row.Version} is {row.Status.WireName()}; only a published version (or one awaiting approval) can be retired");
        row.Status = DefinitionStatus.Retired;
        row.RetiredAt = now;
        row.RetiredBy = by;
        row.RetireReason = reason;
    }

    /// <summary>
    /// The version a new one is compared with before it goes: the published one, else the last one that was ever
    /// published (all retired), else none (a first version: every clinical parameter is new).
    /// </summary>
    public static async Task<(int Version, WorkflowDefinition Definition)?> BaselineAsync(CarePathwayDbContext db, DefinitionVersion row, CancellationToken ct)
    {
        var json = await db.DefinitionVersions.AsNoTracking()
            .Where(d => d.DefinitionId == row.DefinitionId && d.Id != row.Id && d.PublishedAt != null)
            .OrderByDescending(d => d.Status == DefinitionStatus.Published).ThenByDescending(d => d.Version)
            .Select(d => new { d.Version, d.Json })
            .FirstOrDefaultAsync(ct);
        return json is null || DefinitionJson.Read(json.Json).Definition is not { } definition ? null : (json.Version, definition);
    }

    /// <summary>A change note or reason: required, and fits its column.</summary>
    public static IEnumerable<ValidationProblem> RequiredText(string field, string? text, string hint)
    {
        if (string.IsNullOrWhiteSpace(text)) yield return new(null, field, $"is required: {hint}");
        else if (text.Trim().Length > ColumnLengths.Reason) yield return new(null, field, $"must be at most {ColumnLengths.Reason} characters");
    }

    /// <summary>A hash of the canonical form, so re-indenting a file is not a change but editing a number is.</summary>
    public static string ContentHash(WorkflowDefinition definition) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(DefinitionJson.Write(definition))));
}
