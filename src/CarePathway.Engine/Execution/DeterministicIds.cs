using System.Security.Cryptography;
using System.Text;

namespace CarePathway.Engine.Execution;

/// <summary>
/// Identities derived from a seed rather than drawn at random, so a run is reproducible: the same
/// instance, inputs and clock give the same task and incident ids (and so the same timeline).
/// </summary>
public static class DeterministicIds
{
    public static Guid From(string seed) => new(SHA256.HashData(Encoding.UTF8.GetBytes(seed)).AsSpan(0, 16));

    /// <summary>The next id of an instance for a purpose (task, incident); consumes one sequence number.</summary>
    public static Guid Next(InstanceState state, string purpose) => From($"{state.InstanceId:N}/{purpose}/{state.TakeSequence()}");
}
