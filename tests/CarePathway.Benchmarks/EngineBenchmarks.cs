using BenchmarkDotNet.Attributes;
using CarePathway.Engine.Activities;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Patients;
using CarePathway.Engine.Simulation;

namespace CarePathway.Benchmarks;

/// <summary>
/// The engine alone, in memory: no database, no host. What the server pays per run on top of this
/// is what the persistence figures show.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private readonly WorkflowRunner _runner = new(TimeProvider.System);
    private CompiledDefinition _sequential = null!;
    private CompiledDefinition _timerLoop = null!;
    private CompiledDefinition _sample = null!;
    private PatientContext _patient = null!;
    private StartRequest _request = null!;
    private string _scenarioJson = "";
    private string _loopStateJson = "";
    private string _loopBookmarkId = "";

    [GlobalSetup]
    public void Setup()
    {
        _sequential = Pathways.Compile(Pathways.SequentialJson());
        _timerLoop = Pathways.Compile(Pathways.TimerLoopJson());
        _sample = CompileSample();
        _scenarioJson = File.ReadAllText(RepoPaths.SampleScenario);
        _patient = Pathways.Patient(Guid.Parse("0194c1c2-0000-7000-8000-000000000001"));
        _request = new StartRequest(Guid.Parse("0194c1c2-0000-7000-8000-000000000002"), _patient.PatientId, "benchmark");

        var loop = _runner.Start(_timerLoop, _request, _patient);
        _loopStateJson = loop.State.ToJson();
        _loopBookmarkId = loop.ScheduledTimers.Single().BookmarkId;

        // Refuse to time something that does not do what its name says.
        var sequential = SequentialStart();
        if (sequential.State.Status != InstanceStatus.Completed)
            throw new InvalidOperationException($"the sequential pathway ended {sequential.State.Status}, not completed");
        if (!TimerLoopTransition().Applied)
            throw new InvalidOperationException("the timer-loop transition was not applied");
        var simulation = SimulateSample730Days();
        if (simulation.Status != InstanceStatus.Completed)
            throw new InvalidOperationException($"the sample simulation ended {simulation.Status}, not completed");
    }

    public static CompiledDefinition CompileSample()
    {
        var read = DefinitionJson.Read(File.ReadAllText(RepoPaths.SampleWorkflow));
        var definition = read.Definition ?? throw new InvalidOperationException("the sample workflow does not read: " + string.Join("; ", read.Problems));
        return new CompiledDefinition(definition, ActivityCatalog.Default);
    }

    /// <summary>Start of a 10-activity sequential pathway (Start, 8 SetVariable, End): runs to completion in one call.</summary>
    [Benchmark(Description = "Sequential10")]
    public RunResult SequentialStart() => _runner.Start(_sequential, _request, _patient);

    /// <summary>The engine's share of one persisted transition: state from JSON, resume the timer, state back to JSON.</summary>
    [Benchmark(Description = "TimerLoopTransition")]
    public RunResult TimerLoopTransition()
    {
        var state = InstanceState.FromJson(_loopStateJson);
        var result = _runner.Resume(_timerLoop, state, _patient, new TimerFired(_loopBookmarkId));
        _ = result.State.ToJson();
        return result;
    }

    /// <summary>The shipped sample pathway over 730 virtual days, scenario parsing included.</summary>
    [Benchmark(Description = "Simulate730Days")]
    public SimulationResult SimulateSample730Days() => Simulator.Run(ScenarioReader.Read(_scenarioJson), _sample);
}
