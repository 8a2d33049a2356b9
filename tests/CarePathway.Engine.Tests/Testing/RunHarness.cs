using System.Text.Json;
using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Patients;
using CarePathway.Engine.Runtime;
using CarePathway.Engine.Simulation;

namespace CarePathway.Engine.Tests.Testing;

/// <summary>
/// The engine's tests' host: the <see cref="PathwayRuntime"/> the server and the simulator run, over an
/// <see cref="InMemoryPathwayStore"/>, with a virtual clock. It reads what the store holds (state, journal,
/// open tasks, pending timers) and plays the scheduler by moving the clock to a timer and firing it.
/// </summary>
internal sealed class RunHarness
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    public static readonly Guid DefaultInstanceId = Guid.Parse("11111111-2222-3333-4444-555555555555");

    private readonly InMemoryPathwayStore _store = new();
    private readonly PathwayRuntime _runtime;
    private Guid _instanceId = DefaultInstanceId;

    public RunHarness(CompiledDefinition definition, PatientContext? patient = null)
    {
        Definition = definition;
        Clock = new VirtualClock(T0);
        Patient = patient ?? NewPatient();
        _store.Add(definition);
        _store.Add(Patient);
        _runtime = new PathwayRuntime(_store, _store, _store, Clock);
    }

    public CompiledDefinition Definition { get; }
    public VirtualClock Clock { get; }
    public PatientContext Patient { get; }
    public InstanceState State => _store.Instance(_instanceId);
    public IReadOnlyList<JournalRecord> Journal => _store.Journal;
    public IReadOnlyDictionary<Guid, TaskSpec> OpenTasks => _store.OpenTasks.ToDictionary(t => t.Id);
    public IReadOnlyDictionary<string, TimerSpec> PendingTimers => _store.PendingTimers.ToDictionary(t => t.BookmarkId, StringComparer.Ordinal);
    public IReadOnlyList<Guid> CancelledTasks => _store.CancelledTasks;
    public IReadOnlyList<string> CancelledTimers => _store.CancelledTimers;

    public static PatientContext NewPatient(decimal weightKg = 40m) => new()
    {
        PatientId = Guid.Parse("99999999-8888-7777-6666-555555555555"),
        BirthDate = new DateOnly(2014, 1, 5),
        Sex = "female",
        Diagnosis = "CRMO",
        Measurements = [new Measurement(MeasurementKinds.Weight, weightKg, "kg", T0.AddDays(-1))],
    };

    public RunResult Start(IReadOnlyDictionary<string, JsonNode?>? parameters = null, Guid? instanceId = null)
    {
        _instanceId = instanceId ?? DefaultInstanceId;
        var start = new StartPathway(_instanceId, Definition.Definition.DefinitionId, Definition.Definition.Version, Patient.PatientId)
        {
            Parameters = parameters ?? new Dictionary<string, JsonNode?>(),
        };
        return Completed(_runtime.StartAsync(start, Actor.Anyone("starter"), CancellationToken.None));
    }

    /// <summary>Delivers a stimulus as it is, past the runtime's task checks: what the engine itself accepts or refuses.</summary>
    public RunResult Resume(Stimulus stimulus) => Completed(_runtime.DeliverAsync(_instanceId, stimulus, null, CancellationToken.None));

    /// <summary>Puts a state back as if it had been read from storage (a JSON round trip).</summary>
    public void Restore(InstanceState state) => Completed(_store.SaveAsync(new RunResult { State = state }, CancellationToken.None));

    public RunResult Suspend(string by, string? reason) => Completed(_runtime.SuspendAsync(_instanceId, reason, Actor.Anyone(by), CancellationToken.None));

    public RunResult Unsuspend(string by) => Completed(_runtime.UnsuspendAsync(_instanceId, Actor.Anyone(by), CancellationToken.None));

    public RunResult Cancel(string by, string? reason) => Completed(_runtime.CancelAsync(_instanceId, reason, Actor.Anyone(by), CancellationToken.None));

    public RunResult RetryIncident(Guid incidentId, string by) =>
        Completed(_runtime.RetryIncidentAsync(_instanceId, incidentId, Actor.Anyone(by), CancellationToken.None));

    /// <summary>The host gave up delivering a timer (its job kept failing).</summary>
    public RunResult TimerUndeliverable(string bookmarkId, string message) =>
        Completed(_runtime.TimerUndeliverableAsync(_instanceId, bookmarkId, message, CancellationToken.None));

    /// <summary>Moves the clock to the earliest pending timer and delivers it.</summary>
    public RunResult FireNextTimer()
    {
        var timer = PendingTimers.Values.OrderBy(t => t.DueAt).ThenBy(t => t.BookmarkId, StringComparer.Ordinal).First();
        return FireTimer(timer);
    }

    public RunResult FireTimer(TimerSpec timer)
    {
        if (timer.DueAt > Clock.GetUtcNow()) Clock.MoveTo(timer.DueAt);
        _store.MarkFired(timer.BookmarkId);
        return Completed(_runtime.FireTimerAsync(_instanceId, timer.BookmarkId, CancellationToken.None));
    }

    public TaskSpec Task(string kind) => OpenTasks.Values.Single(t => t.Kind == kind);

    public RunResult Complete(TaskSpec task, string outcome, string? reason = null, JsonObject? data = null, string by = "dr.jones") =>
        Resume(new TaskCompleted(task.Id, outcome, by, reason, data));

    /// <summary>Completes a task as a person does through the product: the runtime's role, outcome, reason and form checks first.</summary>
    public RunResult Answer(TaskSpec task, string outcome, string? reason = null, JsonObject? data = null, string by = "dr.jones") =>
        Completed(_runtime.CompleteTaskAsync(task.Id, new TaskAnswer(outcome, reason, data), Actor.Anyone(by), CancellationToken.None));

    public RunResult Lab(string code, decimal value, string unit) => Record(new LabObserved(code, value, unit), "lab-system");

    public RunResult Assessment(string name, string value) => Record(new AssessmentObserved(name, value), "nurse");

    public void Advance(TimeSpan by) => Clock.MoveTo(Clock.GetUtcNow() + by);

    public IEnumerable<JournalRecord> Records(string type) => Journal.Where(r => r.Type == type);

    /// <summary>Activities whose step was journaled, in order (the path the instance took).</summary>
    public IReadOnlyList<string> Executed => [.. Records(JournalTypes.ActivityExecuted).Select(r => r.ActivityId!)];

    public static string Serialize(IEnumerable<JournalRecord> journal) => JsonSerializer.Serialize(journal);

    /// <summary>The observation joins the history, then reaches the instance; a result that resumed nothing says so.</summary>
    private RunResult Record(PatientObservation observation, string by)
    {
        var recorded = Completed(_runtime.RecordAsync(Patient.PatientId, observation, Actor.Anyone(by), CancellationToken.None));
        return recorded.Delivered.SingleOrDefault(r => r.State.InstanceId == _instanceId)
            ?? new RunResult { State = State, Applied = false, NotAppliedReason = "nothing in this instance waits for it" };
    }

    /// <summary>The in-memory ports finish synchronously, so a runtime call is complete when it returns.</summary>
    private static T Completed<T>(Task<T> call) => call.IsCompleted ? call.GetAwaiter().GetResult() : throw new InvalidOperationException("did not complete synchronously");

    private static void Completed(Task call)
    {
        if (!call.IsCompleted) throw new InvalidOperationException("did not complete synchronously");
        call.GetAwaiter().GetResult();
    }
}
