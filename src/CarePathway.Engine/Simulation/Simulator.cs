using System.Globalization;
using System.Text.Json.Nodes;
using CarePathway.Engine.Activities;
using CarePathway.Engine.Activities.Clinical;
using CarePathway.Engine.Clinical;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Patients;
using CarePathway.Engine.Runtime;

namespace CarePathway.Engine.Simulation;

/// <summary>
/// Runs a pathway in virtual time: the server's <see cref="PathwayRuntime"/> on an <see cref="ISimulationHost"/>
/// (in memory unless told otherwise). Timers fire by moving the clock, never by waiting; the scenario's events
/// happen on their day; requests (tasks, awaited labs, measurements and assessments) are answered from its answer book. A
/// measurement asked for again (a weight older than a pathway allows) with no answer in the book is taken again as it was
/// last recorded: the simulated patient has not changed unless the scenario says so. What the
/// runtime refuses (an answer, a lab result) is shown on the timeline and the world goes on without it.
/// </summary>
public sealed class Simulator
{
    private readonly Scenario _scenario;
    private readonly CompiledDefinition _definition;
    private readonly VirtualClock _clock;
    private readonly ISimulationHost _host;
    private readonly CancellationToken _ct;
    private readonly SimulationLimits _limits;
    private readonly Timeline _timeline;
    private readonly AnswerBook.Reading _answers;
    private readonly PriorityQueue<Func<Task>, (DateTimeOffset At, long Order)> _agenda = new();
    private readonly HashSet<string> _answeredBookmarks = new(StringComparer.Ordinal);
    private readonly List<TaskSpec> _createdTasks = [];
    private readonly Dictionary<string, (decimal Value, string Unit)> _latestMeasurements = new(StringComparer.Ordinal);
    private long _order;
    private InstanceState? _state;
    private Guid _patientId;

    private Simulator(Scenario scenario, CompiledDefinition definition, ISimulationHost host, VirtualClock clock, SimulationLimits limits, CancellationToken ct)
    {
        _limits = limits;
        _scenario = scenario;
        _definition = definition;
        _clock = clock;
        _host = host;
        _ct = ct;
        _timeline = new Timeline(scenario.Start);
        _answers = scenario.Answers.Read();
    }

    /// <summary>The actor named in the journal for answers that come from the scenario.</summary>
    public const string SimulatedUser = "simulation";

    /// <summary>Runs a scenario in memory. The in-memory host completes every call synchronously, so nothing here blocks.</summary>
    public static SimulationResult Run(Scenario scenario, CompiledDefinition definition) =>
        Run(scenario, definition, SimulationLimits.Default, CancellationToken.None);

    /// <summary>As <see cref="Run(Scenario, CompiledDefinition)"/>, within <paramref name="limits"/>; <paramref name="ct"/> is checked before every step.</summary>
    public static SimulationResult Run(Scenario scenario, CompiledDefinition definition, SimulationLimits limits, CancellationToken ct)
    {
        var clock = new VirtualClock(scenario.Start);
        var run = RunAsync(scenario, definition, new InMemorySimulationHost(clock), clock, limits, ct);
        return run.IsCompleted ? run.GetAwaiter().GetResult() : throw new InvalidOperationException("an in-memory simulation did not complete synchronously");
    }

    /// <summary>Runs a scenario on <paramref name="host"/>, whose runtime reads time from <paramref name="clock"/> (at the scenario's start).</summary>
    public static Task<SimulationResult> RunAsync(Scenario scenario, CompiledDefinition definition, ISimulationHost host, VirtualClock clock, CancellationToken ct) =>
        RunAsync(scenario, definition, host, clock, SimulationLimits.Default, ct);

    /// <summary>As <see cref="RunAsync(Scenario, CompiledDefinition, ISimulationHost, VirtualClock, CancellationToken)"/>, within <paramref name="limits"/>.</summary>
    public static Task<SimulationResult> RunAsync(Scenario scenario, CompiledDefinition definition, ISimulationHost host, VirtualClock clock, SimulationLimits limits, CancellationToken ct) =>
        new Simulator(scenario, definition, host, clock, limits, ct).RunAsync();

    private async Task<SimulationResult> RunAsync()
    {
        var end = _scenario.Start.AddDays(_scenario.UntilDays);
        foreach (var e in _scenario.Events)
        {
            Schedule(_scenario.Start.AddDays(e.Day), () => HappenAsync(e.EventType, e.Key, e.Value, e.Unit));
        }

        var pathway = _definition.Definition;
        var patient = NewPatient(_scenario);
        RememberMeasurements(patient);
        _patientId = await _host.PrepareAsync(_definition, patient, _ct);
        var start = new StartPathway(DeterministicIds.From($"simulation/{_scenario.Pathway}"), pathway.DefinitionId, pathway.Version, _patientId)
        {
            Parameters = _scenario.Parameters,
        };
        Absorb(await _host.RunAsync(runtime => runtime.StartAsync(start, Actor.Anyone(SimulatedUser), _ct), _ct));
        return await RunAgendaAsync(end);
    }

    /// <summary>
    /// Runs an instance forward from where it is, in memory, on <paramref name="definition"/> (the version its state is
    /// pinned to): its timers fire when due, its open tasks take their default outcome on their day, and nothing else
    /// happens (no lab or assessment is recorded), until it ends, waits on nothing the
    /// world will answer, or <paramref name="untilDays"/> have passed. The state is copied first; the patient is the run's own
    /// (its doses are read again from the instance as it goes).
    /// What the dry run of moving instances to another version compares.
    /// </summary>
    public static SimulationResult Continue(CompiledDefinition definition, InstanceState state, PatientContext patient, IReadOnlyList<TaskSpec> openTasks,
        DateTimeOffset now, int untilDays, SimulationLimits limits, CancellationToken ct)
    {
        var clock = new VirtualClock(now);
        var host = new InMemorySimulationHost(clock);
        var scenario = new Scenario
        {
            Pathway = definition.Definition.DefinitionId,
            Start = now,
            Patient = new ScenarioPatient { BirthDate = patient.BirthDate, Sex = patient.Sex },
            UntilDays = untilDays,
        };
        var simulator = new Simulator(scenario, definition, host, clock, limits, ct);
        var run = simulator.ContinueAsync(host.Store, state.Copy(), patient, openTasks);
        return run.IsCompleted ? run.GetAwaiter().GetResult() : throw new InvalidOperationException("an in-memory simulation did not complete synchronously");
    }

    private async Task<SimulationResult> ContinueAsync(InMemoryPathwayStore store, InstanceState state, PatientContext patient, IReadOnlyList<TaskSpec> openTasks)
    {
        store.Add(_definition);
        store.Add(patient);
        store.Add(state, openTasks);
        _patientId = patient.PatientId;
        RememberMeasurements(patient);
        _state = state;
        foreach (var timer in state.Bookmarks.Where(b => b.Kind == BookmarkKind.Timer)) Schedule(timer.DueAt ?? _clock.GetUtcNow(), () => FireTimerAsync(timer.Id));
        foreach (var task in openTasks) PlanAnswer(task);
        return await RunAgendaAsync(_scenario.Start.AddDays(_scenario.UntilDays));
    }

    private async Task<SimulationResult> RunAgendaAsync(DateTimeOffset end)
    {
        var pathway = _definition.Definition;
        string? stoppedBy = null;
        var (stallStart, stalledSteps) = (_clock.GetUtcNow(), 0);
        for (var steps = 0; _agenda.TryPeek(out _, out var next) && next.At <= end && !_state!.Status.IsFinished(); steps++)
        {
            _ct.ThrowIfCancellationRequested();
            if (next.At - stallStart >= TimeSpan.FromSeconds(1)) (stallStart, stalledSteps) = (next.At, 0);
            if ((stoppedBy = _limits.Reached(steps, stalledSteps++, _timeline.Entries.Count)) is not null) break;
            var action = _agenda.Dequeue();
            _clock.MoveTo(next.At);
            await action();
        }

        return new SimulationResult(pathway.DefinitionId, pathway.Version, _state!.Status, _timeline.Entries, _state)
        {
            StoppedBy = stoppedBy,
            WaitingOn = _state.Status.IsFinished() ? [] : SimulationWait.Of(_state, _createdTasks, _timeline),
            CreatedTasks = _createdTasks,
        };
    }

    /// <summary>
    /// Lines up an action; one due in the past (a timer counted from a backdated dose, a task whose due day has gone by)
    /// happens now, as the server's timer loop fires an overdue timer at once.
    /// </summary>
    private void Schedule(DateTimeOffset at, Func<Task> action)
    {
        var now = _clock.GetUtcNow();
        _agenda.Enqueue(action, (at < now ? now : at, _order++));
    }

    /// <summary>Records what a run did and lines up the world's reactions to it.</summary>
    private void Absorb(RunResult result)
    {
        _state = result.State;
        foreach (var record in result.Journal) _timeline.Add(record);
        foreach (var timer in result.ScheduledTimers)
        {
            Schedule(timer.DueAt, () => FireTimerAsync(timer.BookmarkId));
        }

        foreach (var task in result.CreatedTasks) PlanAnswer(task);
        // A watch asks for nothing: the world answers requests only (a watch hears what other requests and events bring).
        foreach (var bookmark in _state.Bookmarks.Where(b => b.Kind == BookmarkKind.Event && !b.Watches && _answeredBookmarks.Add(b.Id)))
        {
            PlanEventAnswer(bookmark);
        }
    }

    private void PlanAnswer(TaskSpec task)
    {
        var day = _timeline.DayOf(_clock.GetUtcNow());
        _createdTasks.Add(task);
        if ((_answers.Next(AnswerBook.Activities, task.ActivityId, day) ?? _answers.Next(AnswerBook.Tasks, task.Kind, day)) is { } answer)
        {
            PlanCompletion(task, _clock.GetUtcNow().AddDays(answer.AfterDays), answer.Outcome!, answer.By ?? SimulatedUser, answer.Reason, answer.Data);
        }
        else if (task.DefaultOutcome is { } fallback)
        {
            // Nobody answered: the task takes its default on the day its work is planned for, else (a deadline, or no due
            // date) at once.
            PlanCompletion(task, task.DueIsDeadline ? _clock.GetUtcNow() : task.DueAt ?? _clock.GetUtcNow(), fallback, SimulatedUser, null, null);
        }
    }

    /// <summary>
    /// An answer without data fills the form with its defaults (an infusion's approved dose and time). An infusion given
    /// without a start starts when it is answered and is recorded when it has run, as a nurse records it (the product
    /// refuses one that has not finished).
    /// </summary>
    private void PlanCompletion(TaskSpec task, DateTimeOffset at, string outcome, string by, string? reason, JsonObject? data)
    {
        var answer = data?.DeepClone().AsObject() ?? FormDefaults(task);
        if (task.Kind == TaskKinds.AdministerInfusion && outcome == AdministerInfusionActivity.Given && answer is not null && answer["startedAt"] is null
            && answer["infusionMinutes"] is JsonValue minutes && minutes.TryGetValue<decimal>(out var runs))
        {
            var starts = at < _clock.GetUtcNow() ? _clock.GetUtcNow() : at;
            answer["startedAt"] = starts.ToString("O", CultureInfo.InvariantCulture);
            at = starts.AddMinutes((double)runs);
        }

        Schedule(at, () => CompleteAsync(task, outcome, by, reason, answer));
    }

    private void PlanEventAnswer(Bookmark bookmark)
    {
        var day = _timeline.DayOf(_clock.GetUtcNow());
        var (eventType, key) = (bookmark.EventType!, bookmark.EventKey!);
        var section = eventType switch
        {
            EventTypes.Lab => AnswerBook.Labs,
            EventTypes.Measurement => AnswerBook.Measurements,
            _ => AnswerBook.Assessments,
        };
        if (_answers.Next(section, key, day) is { } answer)
        {
            var unit = answer.Unit ?? (eventType == EventTypes.Measurement ? _latestMeasurements.GetValueOrDefault(key).Unit : null);
            Schedule(_clock.GetUtcNow().AddDays(answer.AfterDays), () => HappenAsync(eventType, key, answer.Value, unit));
        }
        else if (eventType == EventTypes.Measurement && _latestMeasurements.TryGetValue(key, out var last))
        {
            Schedule(_clock.GetUtcNow(), () => HappenAsync(eventType, key, JsonValue.Create(last.Value), last.Unit));
        }
    }

    private void RememberMeasurements(PatientContext patient)
    {
        foreach (var kind in new[] { MeasurementKinds.Weight, MeasurementKinds.Height })
        {
            if (patient.Latest(kind) is { } m) _latestMeasurements[kind] = (m.Value, m.Unit);
        }
    }

    private async Task FireTimerAsync(string bookmarkId)
    {
        var instanceId = _state!.InstanceId;
        var result = await _host.RunAsync(runtime => runtime.FireTimerAsync(instanceId, bookmarkId, _ct), _ct);
        await _host.TimerFiredAsync(bookmarkId, _ct);
        if (result.Applied) Absorb(result);
    }

    private async Task CompleteAsync(TaskSpec task, string outcome, string by, string? reason, JsonObject? data)
    {
        RunResult result;
        try
        {
            var answer = new TaskAnswer(outcome, reason, data);
            result = await _host.RunAsync(runtime => runtime.CompleteTaskAsync(task.Id, answer, Actor.Anyone(by), _ct), _ct);
        }
        catch (ConflictException)
        {
            // The task closed before this answer came (the pathway moved on, or the instance cannot take it now).
            return;
        }
        catch (RefusedException refused)
        {
            // An answer the product refuses is shown, not silently fixed; the task stays open.
            _timeline.Add(_clock.GetUtcNow(), "answer.refused", new JsonObject { ["taskId"] = task.Id, ["kind"] = task.Kind, ["message"] = refused.Message });
            return;
        }

        Absorb(result);
    }

    private static JsonObject? FormDefaults(TaskSpec task)
    {
        var defaults = task.Form.OfType<JsonObject>()
            .Where(f => f["default"] is not null && f["name"] is JsonValue)
            .Select(f => KeyValuePair.Create(f["name"]!.GetValue<string>(), (JsonNode?)f["default"]!.DeepClone()))
            .ToList();
        return defaults.Count == 0 ? null : new JsonObject(defaults);
    }

    /// <summary>Something is recorded for the patient: it joins their history, then reaches the instance.</summary>
    private async Task HappenAsync(string eventType, string key, JsonNode? value, string? unit)
    {
        PatientObservation observation = eventType switch
        {
            EventTypes.Lab => new LabObserved(key, value!.GetValue<decimal>(), unit ?? ""),
            EventTypes.Measurement => new MeasurementObserved(key, value!.GetValue<decimal>(), unit ?? ""),
            _ => new AssessmentObserved(key, value?.DeepClone()),
        };
        ObservationRecorded recorded;
        try
        {
            recorded = await _host.RunAsync(runtime => runtime.RecordAsync(_patientId, observation, Actor.Anyone(SimulatedUser), _ct), _ct);
        }
        catch (RefusedException refused)
        {
            // The server refuses such a result with this message; the simulation shows it and goes on without it.
            _timeline.Add(_clock.GetUtcNow(), "lab.rejected", new JsonObject { ["code"] = key, ["value"] = value?.DeepClone(), ["unit"] = unit, ["message"] = refused.Problems[0].Message });
            return;
        }

        if (observation is MeasurementObserved measured) _latestMeasurements[measured.Kind] = (measured.Value, measured.Unit);
        _timeline.Add(recorded.ObservedAt, RecordedType(eventType), observation switch
        {
            LabObserved => new JsonObject { ["code"] = key, ["value"] = value?.DeepClone(), ["unit"] = unit },
            MeasurementObserved => new JsonObject { ["kind"] = key, ["value"] = value?.DeepClone(), ["unit"] = unit },
            _ => new JsonObject { ["name"] = key, ["value"] = value?.DeepClone() },
        });
        foreach (var result in recorded.Delivered) Absorb(result);
    }

    private static string RecordedType(string eventType) => eventType switch
    {
        EventTypes.Lab => "lab.resulted",
        EventTypes.Measurement => "measurement.recorded",
        _ => "assessment.recorded",
    };

    private static PatientContext NewPatient(Scenario scenario)
    {
        var p = scenario.Patient;
        var patient = new PatientContext
        {
            PatientId = DeterministicIds.From("simulation/patient"),
            BirthDate = p.BirthDate,
            Sex = p.Sex,
            Diagnosis = p.Diagnosis,
            Facts = new Dictionary<string, JsonNode?>(p.Facts, StringComparer.Ordinal),
            Administrations = [.. p.EarlierDoses.Select(d => new PatientAdministration(Guid.Empty, d.Drug, d.DoseMg, scenario.Start.AddDays(d.Day)))],
        };
        if (p.WeightKg is { } w) patient.Measurements.Add(new Measurement(MeasurementKinds.Weight, RecordedNumbers.WithoutTrailingZeros(w), "kg", scenario.Start));
        if (p.HeightCm is { } h) patient.Measurements.Add(new Measurement(MeasurementKinds.Height, RecordedNumbers.WithoutTrailingZeros(h), "cm", scenario.Start));
        return patient;
    }
}

/// <summary>What a simulation produced: the instance's final status and its timeline.</summary>
public sealed record SimulationResult(string Pathway, int Version, InstanceStatus Status, JsonArray Timeline, InstanceState FinalState)
{
    /// <summary>The limit the simulation reached and stopped at (<see cref="SimulationLimits"/>), or null when it ran to its end.</summary>
    public string? StoppedBy { get; init; }

    /// <summary>What the instance still waits on when the simulation ended before the pathway did; empty when it ended.</summary>
    public IReadOnlyList<SimulationWait> WaitingOn { get; init; } = [];

    /// <summary>Every task the run created, with its outcomes (what <see cref="ScenarioTemplate"/> answers).</summary>
    internal IReadOnlyList<TaskSpec> CreatedTasks { get; init; } = [];

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["pathway"] = Pathway,
            ["version"] = Version,
            ["status"] = Status.WireName(),
            ["timeline"] = Timeline.DeepClone(),
        };
        if (StoppedBy is not null) json["stoppedBy"] = StoppedBy;
        if (WaitingOn.Count > 0) json["waitingOn"] = new JsonArray([.. WaitingOn.Select(w => w.ToJson())]);
        return json;
    }
}
