using System.Text.Json;
using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Patients;
using CarePathway.Engine.Simulation;

namespace CarePathway.Engine.Tests.Testing;

/// <summary>
/// Plays the host around a <see cref="WorkflowRunner"/>: keeps the state, the journal, open tasks
/// and pending timers from every <see cref="RunResult"/>, and moves a virtual clock.
/// </summary>
internal sealed class RunHarness
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    public static readonly Guid DefaultInstanceId = Guid.Parse("11111111-2222-3333-4444-555555555555");

    public RunHarness(CompiledDefinition definition, PatientContext? patient = null)
    {
        Definition = definition;
        Clock = new VirtualClock(T0);
        Runner = new WorkflowRunner(Clock);
        Patient = patient ?? NewPatient();
    }

    public CompiledDefinition Definition { get; }
    public VirtualClock Clock { get; }
    public WorkflowRunner Runner { get; }
    public PatientContext Patient { get; }
    public InstanceState State { get; private set; } = null!;
    public List<JournalRecord> Journal { get; } = [];
    public Dictionary<Guid, TaskSpec> OpenTasks { get; } = [];
    public Dictionary<string, TimerSpec> PendingTimers { get; } = new(StringComparer.Ordinal);
    public List<Guid> CancelledTasks { get; } = [];
    public List<string> CancelledTimers { get; } = [];

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
        var request = new StartRequest(instanceId ?? DefaultInstanceId, Patient.PatientId, "starter")
        {
            Parameters = parameters ?? new Dictionary<string, JsonNode?>(),
        };
        return Absorb(Runner.Start(Definition, request, Patient));
    }

    public RunResult Resume(Stimulus stimulus) => Absorb(Runner.Resume(Definition, State, Patient, stimulus));

    public RunResult Absorb(RunResult result)
    {
        State = result.State;
        if (!result.Applied) return result;
        Journal.AddRange(result.Journal);
        foreach (var task in result.CreatedTasks) OpenTasks[task.Id] = task;
        foreach (var id in result.CancelledTasks)
        {
            OpenTasks.Remove(id);
            CancelledTasks.Add(id);
        }

        foreach (var timer in result.ScheduledTimers) PendingTimers[timer.BookmarkId] = timer;
        foreach (var id in result.CancelledTimers)
        {
            PendingTimers.Remove(id);
            CancelledTimers.Add(id);
        }

        return result;
    }

    /// <summary>Moves the clock to the earliest pending timer and delivers it.</summary>
    public RunResult FireNextTimer()
    {
        var timer = PendingTimers.Values.OrderBy(t => t.DueAt).ThenBy(t => t.BookmarkId, StringComparer.Ordinal).First();
        return FireTimer(timer);
    }

    public RunResult FireTimer(TimerSpec timer)
    {
        if (timer.DueAt > Clock.GetUtcNow()) Clock.MoveTo(timer.DueAt);
        PendingTimers.Remove(timer.BookmarkId);
        return Resume(new TimerFired(timer.BookmarkId));
    }

    public TaskSpec Task(string kind) => OpenTasks.Values.Single(t => t.Kind == kind);

    public RunResult Complete(TaskSpec task, string outcome, string? reason = null, JsonObject? data = null, string by = "dr.jones")
    {
        var result = Resume(new TaskCompleted(task.Id, outcome, by, reason, data));
        if (result.Applied) OpenTasks.Remove(task.Id);
        return result;
    }

    public RunResult Lab(string code, decimal value, string unit)
    {
        Patient.Labs.Add(new LabObservation(code, value, unit, Clock.GetUtcNow()));
        return Resume(new EventReceived(EventTypes.Lab, code, new JsonObject { ["value"] = value, ["unit"] = unit }, "lab-system"));
    }

    public RunResult Assessment(string name, string value)
    {
        Patient.Assessments.Add(new AssessmentObservation(name, value, Clock.GetUtcNow()));
        return Resume(new EventReceived(EventTypes.Assessment, name, new JsonObject { ["value"] = value }, "nurse"));
    }

    public void Advance(TimeSpan by) => Clock.MoveTo(Clock.GetUtcNow() + by);

    public IEnumerable<JournalRecord> Records(string type) => Journal.Where(r => r.Type == type);

    /// <summary>Activities whose step was journaled, in order (the path the instance took).</summary>
    public IReadOnlyList<string> Executed => [.. Records(JournalTypes.ActivityExecuted).Select(r => r.ActivityId!)];

    public static string Serialize(IEnumerable<JournalRecord> journal) => JsonSerializer.Serialize(journal);
}
