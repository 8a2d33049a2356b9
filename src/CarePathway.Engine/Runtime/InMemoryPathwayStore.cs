using CarePathway.Engine.Execution;
using CarePathway.Engine.Patients;

namespace CarePathway.Engine.Runtime;

/// <summary>
/// The runtime's ports kept in memory, for the simulator and the engine's tests: what the server keeps in its
/// tables (instances, tasks, journal, the timer outbox, patients and their history) as plain collections.
/// An instance's state is kept as the object the engine returned, so a run costs no serialization.
/// </summary>
public sealed class InMemoryPathwayStore : IInstanceStore, IPatientRecords, IDefinitionSource
{
    private readonly Dictionary<(string, int), CompiledDefinition> _definitions = [];
    private readonly Dictionary<Guid, PatientContext> _patients = [];
    private readonly Dictionary<Guid, InstanceState> _instances = [];
    private readonly Dictionary<Guid, StoredTask> _tasks = [];
    private readonly Dictionary<string, StoredTimer> _timers = new(StringComparer.Ordinal);
    private readonly List<JournalRecord> _journal = [];
    private readonly Dictionary<Guid, (Guid PatientId, LabObservation Lab)> _labs = [];
    private int _recordCount;

    public void Add(CompiledDefinition definition) => _definitions[(definition.Definition.DefinitionId, definition.Definition.Version)] = definition;

    public void Add(PatientContext patient) => _patients[patient.PatientId] = patient;

    /// <summary>
    /// An instance as another store holds it, with its open tasks; its timers are the timer bookmarks it waits on. What
    /// running it forward from where it is needs (the dry run of moving it to another version).
    /// </summary>
    public void Add(InstanceState state, IEnumerable<TaskSpec> openTasks)
    {
        _instances[state.InstanceId] = state;
        foreach (var task in openTasks) _tasks[task.Id] = new StoredTask(task, state.InstanceId);
        foreach (var timer in state.Bookmarks.Where(b => b.Kind == BookmarkKind.Timer && b.DueAt is not null))
        {
            _timers[timer.Id] = new StoredTimer(new TimerSpec(timer.Id, state.InstanceId, timer.DueAt!.Value));
        }
    }

    /// <summary>Every journal record stored, in the order written.</summary>
    public IReadOnlyList<JournalRecord> Journal => _journal;

    public InstanceState Instance(Guid instanceId) => _instances[instanceId];

    /// <summary>Open tasks as the engine created them (due date, default outcome, form), oldest first.</summary>
    public IEnumerable<TaskSpec> OpenTasks => _tasks.Values.Where(t => t.Status == HumanTaskStatus.Open).Select(t => t.Spec);

    /// <summary>Ids of tasks the engine cancelled, in order.</summary>
    public List<Guid> CancelledTasks { get; } = [];

    /// <summary>Timer requests not yet fired nor cancelled: what a scheduler has to run.</summary>
    public IEnumerable<TimerSpec> PendingTimers => _timers.Values.Where(t => t.State == TimerState.Pending).Select(t => t.Spec);

    /// <summary>Bookmark ids of timers the engine cancelled, in order.</summary>
    public List<string> CancelledTimers { get; } = [];

    /// <summary>
    /// What a scheduler does once it has delivered a timer (the server's timer job does the same to its outbox row);
    /// one cancelled meanwhile, whose delivery changed nothing, stays cancelled.
    /// </summary>
    public void MarkFired(string bookmarkId)
    {
        if (_timers.TryGetValue(bookmarkId, out var timer) && TimerStateTransitions.Table.CanBecome(timer.State, TimerState.Fired)) timer.MoveTo(TimerState.Fired);
    }

    public Task<InstanceState?> LoadAsync(Guid instanceId, CancellationToken ct) => Task.FromResult(_instances.GetValueOrDefault(instanceId));

    public Task<IReadOnlyList<Guid>> WaitingForEventAsync(Guid patientId, string eventType, IReadOnlyList<string> keys, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Guid>>([.. _instances.Values
            .Where(i => i.PatientId == patientId
                && i.Bookmarks.Any(b => b.Kind == BookmarkKind.Event && b.EventType == eventType && keys.Contains(b.EventKey!)))
            .Select(i => i.InstanceId)]);

    public Task<IReadOnlyList<UnfinishedInstance>> UnfinishedInstancesAsync(Guid patientId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<UnfinishedInstance>>([.. _instances.Values
            .Where(i => i.PatientId == patientId && i.Status is not (InstanceStatus.Completed or InstanceStatus.Cancelled))
            .Select(i => new UnfinishedInstance(i.InstanceId, i.DefinitionId, i.Version))]);

    public Task<TaskRecord?> LoadTaskAsync(Guid taskId, CancellationToken ct) => Task.FromResult(_tasks.GetValueOrDefault(taskId)?.Record());

    public Task<IReadOnlyList<Guid>> OpenTasksAsync(Guid instanceId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Guid>>([.. _tasks.Values.Where(t => t.InstanceId == instanceId && t.Status == HumanTaskStatus.Open).Select(t => t.Spec.Id)]);

    public Task SaveAsync(RunResult result, CancellationToken ct)
    {
        var state = result.State;
        _instances[state.InstanceId] = state;
        _journal.AddRange(result.Journal);
        foreach (var task in result.CreatedTasks) _tasks[task.Id] = new StoredTask(task, state.InstanceId);
        foreach (var id in result.CancelledTasks.Where(id => _tasks.GetValueOrDefault(id)?.Status == HumanTaskStatus.Open))
        {
            _tasks[id].MoveTo(HumanTaskStatus.Cancelled);
            CancelledTasks.Add(id);
        }

        if (result.CompletedTask is { } decision) _tasks[decision.TaskId].Complete(decision);
        if (result.AssignedTask is { } assignment) _tasks[assignment.TaskId].Assignee = assignment.Assignee;
        foreach (var move in result.MovedTasks.Where(m => _tasks.ContainsKey(m.TaskId))) _tasks[move.TaskId].HandTo(move.ActivityId);
        foreach (var id in result.CancelledTimers.Where(_timers.ContainsKey))
        {
            _timers[id].MoveTo(TimerState.Cancelled);
            CancelledTimers.Add(id);
        }

        // A timer handed back after a suspension is its old request again, pending once more.
        foreach (var timer in result.ScheduledTimers) _timers[timer.BookmarkId] = new StoredTimer(timer);
        return Task.CompletedTask;
    }

    public Task<PatientContext?> LoadPatientAsync(Guid patientId, CancellationToken ct)
    {
        if (!_patients.TryGetValue(patientId, out var patient)) return Task.FromResult<PatientContext?>(null);
        // The doses every stored instance recorded, read from the instances as the server reads them (hazard 4).
        patient.Administrations.RemoveAll(a => _instances.ContainsKey(a.InstanceId));
        patient.Administrations.AddRange(_instances.Values.Where(i => i.PatientId == patientId)
            .SelectMany(i => PatientAdministration.RecordedBy(i.InstanceId, i.Course)));
        return Task.FromResult<PatientContext?>(patient);
    }

    public Task<DateOnly?> BirthDateAsync(Guid patientId, CancellationToken ct) => Task.FromResult(_patients.GetValueOrDefault(patientId)?.BirthDate);

    public Task<Guid> RecordAsync(Guid patientId, PatientObservation observation, DateTimeOffset observedAt, string recordedBy, CancellationToken ct)
    {
        var patient = _patients[patientId];
        observation.AddTo(patient, observedAt);
        var id = DeterministicIds.From($"{patientId:N}/record/{++_recordCount}");
        if (observation is LabObserved) _labs[id] = (patientId, patient.Labs[^1]);
        return Task.FromResult(id);
    }

    public Task<LabWithdrawn> WithdrawLabAsync(Guid patientId, Guid labId, string by, string reason, DateTimeOffset at, CancellationToken ct)
    {
        if (!_labs.TryGetValue(labId, out var stored) || stored.PatientId != patientId) throw new NotFoundException($"lab result {labId} of patient {patientId}");
        if (!_patients[patientId].Labs.Remove(stored.Lab)) throw new ConflictException($"lab result {labId} is already marked entered in error");
        return Task.FromResult(new LabWithdrawn(stored.Lab.Code, stored.Lab.ObservedAt, by, reason));
    }

    public Task<CompiledDefinition?> GetAsync(string definitionId, int version, CancellationToken ct) =>
        Task.FromResult(_definitions.GetValueOrDefault((definitionId, version)));

    private sealed class StoredTask(TaskSpec spec, Guid instanceId)
    {
        private TaskDecision? _decision;

        public TaskSpec Spec { get; private set; } = spec;
        public Guid InstanceId { get; } = instanceId;
        public HumanTaskStatus Status { get; private set; } = HumanTaskStatus.Open;
        public string? Assignee { get; set; }

        public void MoveTo(HumanTaskStatus status) => Status = HumanTaskStatusTransitions.Table.Check($"task {Spec.Id}", Status, status);

        public void HandTo(string activityId) => Spec = Spec with { ActivityId = activityId };

        public void Complete(TaskDecision decision)
        {
            MoveTo(HumanTaskStatus.Completed);
            _decision = decision;
        }

        public TaskRecord Record() => new()
        {
            Id = Spec.Id,
            InstanceId = InstanceId,
            ActivityId = Spec.ActivityId,
            Kind = Spec.Kind,
            Role = Spec.Role,
            Status = Status,
            Assignee = Assignee,
            Outcomes = Spec.Outcomes,
            ReasonRequiredFor = Spec.ReasonRequiredFor,
            Form = Spec.Form,
            BookmarkId = Spec.BookmarkId,
            Outcome = _decision?.Outcome,
            Reason = _decision?.Reason,
            CompletedBy = _decision?.By,
            CompletedAt = _decision?.At,
        };
    }

    private sealed class StoredTimer(TimerSpec spec)
    {
        public TimerSpec Spec { get; } = spec;
        public TimerState State { get; private set; } = TimerState.Pending;

        public void MoveTo(TimerState state) => State = TimerStateTransitions.Table.Check($"timer {Spec.BookmarkId}", State, state);
    }
}
