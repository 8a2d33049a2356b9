using CarePathway.Engine.Execution;
using CarePathway.Engine.Patients;
using CarePathway.Engine.Runtime;

namespace CarePathway.Engine.Simulation;

/// <summary>
/// Where a simulation's calls run, each as one unit of work. By default in memory; a host over the server's
/// database (as a test does) shows the server and the simulator run the same runtime.
/// </summary>
public interface ISimulationHost
{
    /// <summary>Makes the definition and the patient known; answers the patient's id as the host keeps it.</summary>
    Task<Guid> PrepareAsync(CompiledDefinition definition, PatientContext patient, CancellationToken ct);

    /// <summary>Runs one runtime call as a unit of work (the server's: one transaction).</summary>
    Task<T> RunAsync<T>(Func<PathwayRuntime, Task<T>> call, CancellationToken ct);

    /// <summary>The scheduler's bookkeeping once it has delivered a timer (the outbox row marked fired).</summary>
    Task TimerFiredAsync(string bookmarkId, CancellationToken ct);
}

/// <summary>The simulation's default host: the runtime over an <see cref="InMemoryPathwayStore"/>; every call completes synchronously.</summary>
public sealed class InMemorySimulationHost : ISimulationHost
{
    private readonly PathwayRuntime _runtime;

    public InMemorySimulationHost(TimeProvider clock) => _runtime = new PathwayRuntime(Store, Store, Store, clock);

    public InMemoryPathwayStore Store { get; } = new();

    public Task<Guid> PrepareAsync(CompiledDefinition definition, PatientContext patient, CancellationToken ct)
    {
        Store.Add(definition);
        Store.Add(patient);
        return Task.FromResult(patient.PatientId);
    }

    public Task<T> RunAsync<T>(Func<PathwayRuntime, Task<T>> call, CancellationToken ct) => call(_runtime);

    public Task TimerFiredAsync(string bookmarkId, CancellationToken ct)
    {
        Store.MarkFired(bookmarkId);
        return Task.CompletedTask;
    }
}
