using System.Diagnostics.Metrics;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Runtime;
using CarePathway.Engine.Simulation;
using CarePathway.Engine.Tests.Testing;

namespace CarePathway.Engine.Tests.Runtime;

/// <summary>What the runtime records in <see cref="RuntimeMetrics"/>: read back with a <see cref="MeterListener"/> on this test's own meters.</summary>
public sealed class RuntimeMetricsTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Late = TimeSpan.FromSeconds(90);

    private readonly VirtualClock _clock = new(RunHarness.T0);
    private readonly InMemoryPathwayStore _store = new();
    private readonly OwnMeters _meters = new();
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)> _recorded = [];
    private readonly PathwayRuntime _runtime;
    private readonly CompiledDefinition _definition = PathwayBuilder.Create()
        .Activity("start", "Start")
        .Activity("wait", "Delay", new { duration = "2d" })
        .Activity("gate", "LabGate", new { gate = "baseline renal", codes = new[] { "2160-0" }, freshness = "30d", rules = new[] { ClinicalPathways.CreatinineRecorded } })
        .Activity("end", "End")
        .Chain("start", "wait", "gate", "end")
        .Connect("gate", "held", "end")
        .Compile();

    public RuntimeMetricsTests()
    {
        _store.Add(_definition);
        _store.Add(RunHarness.NewPatient());
        _runtime = new PathwayRuntime(_store, _store, _store, _clock, new RuntimeMetrics(_meters));
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == _meters) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _meters.Dispose();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _recorded.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));

    private IEnumerable<(double Value, IReadOnlyDictionary<string, object?> Tags)> Of(string instrument) =>
        _recorded.Where(r => r.Instrument == instrument).Select(r => (r.Value, r.Tags));

    private async Task<(Guid InstanceId, TimerSpec Timer)> StartAndRecordCreatinineAsync()
    {
        var instanceId = DeterministicIds.From("metrics-test");
        var patientId = RunHarness.NewPatient().PatientId;
        await _runtime.StartAsync(new StartPathway(instanceId, _definition.Definition.DefinitionId, _definition.Definition.Version, patientId), Actor.Anyone("starter"), None);
        await _runtime.RecordAsync(patientId, new LabObserved("2160-0", 0.5m, "mg/dL"), Actor.Anyone("lab-system"), None);
        return (instanceId, Assert.Single(_store.PendingTimers));
    }

    [Fact]
    public async Task Each_transition_is_counted_and_timed_by_trigger_and_cause()
    {
        var (instanceId, timer) = await StartAndRecordCreatinineAsync();
        _clock.MoveTo(timer.DueAt + Late);
        await _runtime.FireTimerAsync(instanceId, timer.BookmarkId, None);

        var counted = Of("carepathway.engine.transitions").ToList();
        Assert.Equal([("start", "user"), ("timer", "timer")],
            counted.Select(c => ((string?)c.Tags[RuntimeMetrics.TriggerTag], (string?)c.Tags[RuntimeMetrics.CauseTag])));
        Assert.All(counted, c => Assert.Equal(1, c.Value));
        var timed = Of("carepathway.engine.transition.duration").ToList();
        Assert.Equal(["start", "timer"], timed.Select(t => (string?)t.Tags[RuntimeMetrics.TriggerTag]));
        Assert.All(timed, t => Assert.True(t.Value >= 0));
    }

    [Fact]
    public async Task A_gate_outcome_is_counted_by_gate_name_and_a_timer_by_how_late_it_resumed()
    {
        var (instanceId, timer) = await StartAndRecordCreatinineAsync();
        _clock.MoveTo(timer.DueAt + Late);
        await _runtime.FireTimerAsync(instanceId, timer.BookmarkId, None);

        var gate = Assert.Single(Of("carepathway.engine.gate.outcomes"));
        Assert.Equal((1, "baseline renal", "passed"), (gate.Value, (string?)gate.Tags[RuntimeMetrics.GateTag], (string?)gate.Tags[RuntimeMetrics.GateOutcomeTag]));
        Assert.Equal(Late.TotalSeconds, Assert.Single(Of("carepathway.engine.timer.lag")).Value);
    }

    [Fact]
    public async Task A_timer_delivered_twice_is_measured_once()
    {
        var (instanceId, timer) = await StartAndRecordCreatinineAsync();
        _clock.MoveTo(timer.DueAt);
        await _runtime.FireTimerAsync(instanceId, timer.BookmarkId, None);
        var again = await _runtime.FireTimerAsync(instanceId, timer.BookmarkId, None);

        Assert.False(again.Applied);
        Assert.Single(Of("carepathway.engine.timer.lag"));
        Assert.Single(Of("carepathway.engine.transitions"), c => (string?)c.Tags[RuntimeMetrics.TriggerTag] == "timer");
    }

    /// <summary>Meters created for this test alone, so a listener hears no other test's runtime.</summary>
    private sealed class OwnMeters : IMeterFactory
    {
        private readonly List<Meter> _created = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
            _created.Add(meter);
            return meter;
        }

        public void Dispose() => _created.ForEach(m => m.Dispose());
    }
}
