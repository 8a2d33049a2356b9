using CarePathway.Engine.Execution;
using CarePathway.Engine.Runtime;
using CarePathway.Server.Persistence;

namespace CarePathway.Server.Features.Engine;

/// <summary>The runtime's definitions: the stored versions, compiled once each (see <see cref="CompiledDefinitions"/>).</summary>
internal sealed class EfDefinitionSource(CarePathwayDbContext db, CompiledDefinitions compiled) : IDefinitionSource
{
    public Task<CompiledDefinition?> GetAsync(string definitionId, int version, CancellationToken ct) => compiled.GetAsync(db, definitionId, version, ct);
}
