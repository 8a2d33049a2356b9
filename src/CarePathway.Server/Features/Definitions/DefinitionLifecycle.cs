using System.Security.Cryptography;
using System.Text;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Runtime;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Definitions;

/// <summary>
/// The lifecycle rules: draft -> published -> retired; a published version never changes; at most
/// one version of a definition is published, so publishing one retires the one before it
/// (instances already running on it carry on, pinned to it).
/// </summary>
internal static class DefinitionLifecycle
{
    public static async Task PublishAsync(CarePathwayDbContext db, DefinitionVersion row, string by, DateTimeOffset now, CancellationToken ct)
    {
        if (row.Status != DefinitionStatus.Draft)
            throw new ConflictException($"{row.DefinitionId} version {row.Version} is {row.Status.WireName()}; only a draft can be published");
        var previous = await db.DefinitionVersions
            .Where(d => d.DefinitionId == row.DefinitionId && d.Status == DefinitionStatus.Published)
            .ToListAsync(ct);
        foreach (var old in previous) Retire(old, by, now);
        row.Status = DefinitionStatus.Published;
        row.PublishedAt = now;
        row.PublishedBy = by;
    }

    public static void Retire(DefinitionVersion row, string by, DateTimeOffset now)
    {
        if (row.Status != DefinitionStatus.Published)
            throw new ConflictException($"{row.DefinitionId} version {row.Version} is {row.Status.WireName()}; only a published version can be retired");
        row.Status = DefinitionStatus.Retired;
        row.RetiredAt = now;
        row.RetiredBy = by;
    }

    /// <summary>A hash of the canonical form, so re-indenting a file is not a change but editing a number is.</summary>
    public static string ContentHash(WorkflowDefinition definition) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(DefinitionJson.Write(definition))));
}
