using System.Collections.Concurrent;
using CarePathway.Engine.Activities;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Engine;

/// <summary>
/// Compiled definitions by id and version. Only non-draft versions are cached: those never change,
/// so a cached copy can never be stale. Instances always run on the version they started on.
/// </summary>
internal sealed class CompiledDefinitions(ActivityCatalog catalog)
{
    private readonly ConcurrentDictionary<(string, int), CompiledDefinition> _cache = new();

    /// <summary>The version compiled, or null when it is not stored.</summary>
    public async Task<CompiledDefinition?> GetAsync(CarePathwayDbContext db, string definitionId, int version, CancellationToken ct)
    {
        if (_cache.TryGetValue((definitionId, version), out var cached)) return cached;
        var row = await db.DefinitionVersions.AsNoTracking()
            .SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.Version == version, ct);
        if (row is null) return null;
        var compiled = Compile(row.Json);
        if (row.Status != DefinitionStatus.Draft) _cache[(definitionId, version)] = compiled;
        return compiled;
    }

    public CompiledDefinition Compile(string json)
    {
        var read = DefinitionJson.Read(json);
        var definition = read.Definition ?? throw new InvalidOperationException("a stored definition no longer reads: " + string.Join("; ", read.Problems));
        return new CompiledDefinition(definition, catalog);
    }
}
