using System.Text.Json.Nodes;
using CarePathway.Engine.Activities;
using CarePathway.Engine.Clinical;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Patients;

namespace CarePathway.Engine.Simulation;

/// <summary>
/// Runs a pathway in virtual time, in memory, with the same <see cref="WorkflowRunner"/> the
/// server uses. Timers fire by moving the clock, never by waiting; the scenario's events happen on
/// their day; requests (tasks, awaited labs and assessments) are answered from its answer book.
/// </summary>
public sealed class Simulator
{
    private readonly Scenario _scenario;
    private readonly CompiledDefinition _definition;
    private readonly VirtualClock _clock;
    private readonly WorkflowRunner _runner;
    private readonly PatientContext _patient;
    private readonly Timeline _timeline;
    private readonly PriorityQueue<Action, (DateTimeOffset At, long Order)> _agenda = new();
    private readonly HashSet<string> _answeredBookmarks = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, TaskSpec> _openTasks = [];
    private long _order;
    private InstanceState? _state;

    private Simulator(Scenario scenario, CompiledDefinition definition)
    {
        _scenario = scenario;
        _definition = definition;
        _clock = new VirtualClock(scenario.Start);
        _runner = new WorkflowRunner(_clock);
        _timeline = new Timeline(scenario.Start);
        _patient = NewPatient(scenario);
    }

    /// <summary>The actor named in the journal for answers that come from the scenario.</summary>
    public const string SimulatedUser = "simulation";

    public static SimulationResult Run(Scenario scenario, CompiledDefinition definition) => new Simulator(scenario, definition).Run();

    private SimulationResult Run()
    {
        var end = _scenario.Start.AddDays(_scenario.UntilDays);
        foreach (var e in _scenario.Events)
        {
            Schedule(_scenario.Start.AddDays(e.Day), () => Happen(e.EventType, e.Key, e.Value, e.Unit));
        }

        var instanceId = DeterministicIds.From($"simulation/{_scenario.Pathway}");
        Absorb(_runner.Start(_definition, new StartRequest(instanceId, _patient.PatientId, SimulatedUser) { Parameters = _scenario.Parameters }, _patient));

        while (_agenda.TryPeek(out _, out var next) && next.At <= end && !InstanceStatus.IsFinished(_state!.Status))
        {
            var action = _agenda.Dequeue();
            _clock.MoveTo(next.At);
            action();
        }

        return new SimulationResult(_definition.Definition.DefinitionId, _definition.Definition.Version, _state!.Status, _timeline.Entries, _state);
    }

    /// <summary>
    /// Lines up an action; one due in the past (a timer counted from a backdated dose, a task whose due day has gone by)
    /// happens now, as the server's timer loop fires an overdue timer at once.
    /// </summary>
    private void Schedule(DateTimeOffset at, Action action)
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
            Schedule(timer.DueAt, () => Resume(new TimerFired(timer.BookmarkId)));
        }

        foreach (var cancelled in result.CancelledTasks) _openTasks.Remove(cancelled);
        foreach (var task in result.CreatedTasks)
        {
            _openTasks[task.Id] = task;
            PlanAnswer(task);
        }

        foreach (var bookmark in _state.Bookmarks.Where(b => b.Kind == BookmarkKind.Event && _answeredBookmarks.Add(b.Id)))
        {
            PlanEventAnswer(bookmark);
        }
    }

    private void PlanAnswer(TaskSpec task)
    {
        var day = _timeline.DayOf(_clock.GetUtcNow());
        if (_scenario.Answers.Next(AnswerBook.Tasks, task.Kind, day) is { } answer)
        {
            Schedule(_clock.GetUtcNow().AddDays(answer.AfterDays),
                () => Complete(task, answer.Outcome!, answer.By ?? SimulatedUser, answer.Reason, answer.Data));
        }
        else if (task.DefaultOutcome is { } fallback)
        {
            // Nobody answered: the task takes its default on its due day (today if it has none).
            Schedule(task.DueAt ?? _clock.GetUtcNow(), () => Complete(task, fallback, SimulatedUser, null, null));
        }
    }

    private void PlanEventAnswer(Bookmark bookmark)
    {
        var day = _timeline.DayOf(_clock.GetUtcNow());
        var section = bookmark.EventType == EventTypes.Lab ? AnswerBook.Labs : AnswerBook.Assessments;
        if (_scenario.Answers.Next(section, bookmark.EventKey!, day) is { } answer)
        {
            Schedule(_clock.GetUtcNow().AddDays(answer.AfterDays), () => Happen(bookmark.EventType!, bookmark.EventKey!, answer.Value, answer.Unit));
        }
    }

    private void Complete(TaskSpec task, string outcome, string by, string? reason, JsonObject? data)
    {
        if (!_openTasks.Remove(task.Id)) return;
        var problems = TaskCompletionRules.Check(task.Outcomes, task.ReasonRequiredFor, outcome, reason);
        if (problems.Count > 0)
        {
            // A scenario answer the product would refuse is shown, not silently fixed; the task stays open.
            _openTasks[task.Id] = task;
            _timeline.Add(_clock.GetUtcNow(), "answer.refused", new JsonObject { ["taskId"] = task.Id, ["kind"] = task.Kind, ["message"] = problems[0].ToString() });
            return;
        }

        if (task.BookmarkId is null)
        {
            // A reminder is not waited on: completing it is recorded, nothing resumes.
            _timeline.Add(_clock.GetUtcNow(), JournalTypes.TaskCompleted, new JsonObject
                { ["taskId"] = task.Id, ["kind"] = task.Kind, ["outcome"] = outcome, ["by"] = by, ["reason"] = reason });
            return;
        }

        Resume(new TaskCompleted(task.Id, outcome, by, reason, data ?? FormDefaults(task)), task);
    }

    /// <summary>An answer without data fills the form with its defaults (an infusion's approved dose and time).</summary>
    private static JsonObject? FormDefaults(TaskSpec task)
    {
        var defaults = task.Form.OfType<JsonObject>()
            .Where(f => f["default"] is not null && f["name"] is JsonValue)
            .Select(f => KeyValuePair.Create(f["name"]!.GetValue<string>(), (JsonNode?)f["default"]!.DeepClone()))
            .ToList();
        return defaults.Count == 0 ? null : new JsonObject(defaults);
    }

    /// <summary>Something is recorded for the patient: it joins their history, then reaches the instance.</summary>
    private void Happen(string eventType, string key, JsonNode? value, string? unit)
    {
        var now = _clock.GetUtcNow();
        var payload = new JsonObject { ["value"] = value?.DeepClone(), ["unit"] = unit, ["observedAt"] = now };
        switch (eventType)
        {
            case EventTypes.Lab when LabCatalog.Normalize(key, value!.GetValue<decimal>(), unit ?? "") is { IsSuccess: false } refused:
                // The server refuses such a result with this message; the simulation shows it and goes on without it.
                _timeline.Add(now, "lab.rejected", new JsonObject { ["code"] = key, ["value"] = value.DeepClone(), ["unit"] = unit, ["message"] = refused.Error });
                return;
            case EventTypes.Lab:
                _patient.Labs.Add(new LabObservation(key, value!.GetValue<decimal>(), unit!, now));
                _timeline.Add(now, "lab.resulted", new JsonObject { ["code"] = key, ["value"] = value.DeepClone(), ["unit"] = unit });
                break;
            case EventTypes.Measurement:
                _patient.Measurements.Add(new Measurement(key, value!.GetValue<decimal>(), unit!, now));
                _timeline.Add(now, "measurement.recorded", new JsonObject { ["kind"] = key, ["value"] = value.DeepClone(), ["unit"] = unit });
                break;
            default:
                _patient.Assessments.Add(new AssessmentObservation(key, value?.ToString() ?? "", now));
                _timeline.Add(now, "assessment.recorded", new JsonObject { ["name"] = key, ["value"] = value?.DeepClone() });
                break;
        }

        Resume(new EventReceived(eventType, key, payload, SimulatedUser));
    }

    private void Resume(Stimulus stimulus, TaskSpec? task = null)
    {
        RunResult result;
        try
        {
            result = _runner.Resume(_definition, _state!, _patient, stimulus);
        }
        catch (StimulusRefusedException refused) when (task is not null)
        {
            // As the server would answer 422: shown on the timeline, the task stays open.
            _openTasks[task.Id] = task;
            _timeline.Add(_clock.GetUtcNow(), "answer.refused", new JsonObject { ["taskId"] = task.Id, ["kind"] = task.Kind, ["message"] = refused.Message });
            return;
        }

        if (result.Applied) Absorb(result);
    }

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
        };
        if (p.WeightKg is { } w) patient.Measurements.Add(new Measurement(MeasurementKinds.Weight, w, "kg", scenario.Start));
        if (p.HeightCm is { } h) patient.Measurements.Add(new Measurement(MeasurementKinds.Height, h, "cm", scenario.Start));
        return patient;
    }
}

/// <summary>What a simulation produced: the instance's final status and its timeline.</summary>
public sealed record SimulationResult(string Pathway, int Version, string Status, JsonArray Timeline, InstanceState FinalState)
{
    public JsonObject ToJson() => new()
    {
        ["pathway"] = Pathway,
        ["version"] = Version,
        ["status"] = Status,
        ["timeline"] = Timeline.DeepClone(),
    };
}
