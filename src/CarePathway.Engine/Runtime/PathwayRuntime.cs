using System.Text.Json.Nodes;
using CarePathway.Engine.Activities;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Patients;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Runtime;

/// <summary>
/// The host loop, written once: take a stimulus, load the instance with its definition and patient, run the
/// engine, hand everything the run changed to the one writer. The server runs it over EF Core in a command's
/// transaction; the simulator and the engine's tests run it over <see cref="InMemoryPathwayStore"/>. Every check
/// that decides whether something may happen is made here or in the engine, before anything changes. A host that
/// passes <see cref="RuntimeMetrics"/> has every run it handed to the store counted there (the server does; the
/// simulator, on a virtual clock, does not).
/// </summary>
public sealed class PathwayRuntime(IInstanceStore instances, IPatientRecords patients, IDefinitionSource definitions, TimeProvider clock,
    RuntimeMetrics? metrics = null)
{
    /// <summary>A reason that satisfies "a reason is required" while asking what an outcome would need besides.</summary>
    private const string ProbeReason = "(asking whether this outcome is available)";

    private readonly WorkflowRunner _runner = new(clock);

    /// <summary>
    /// Starts a pathway for a patient on the given version; the host chose the version (only a published one starts).
    /// Refused, before anything is stored: a patient outside the pathway's eligibility (422) unless a clinician gives a
    /// reason to start it anyway (anyone else: 403), and a second running pathway of the same course group (409).
    /// </summary>
    public async Task<RunResult> StartAsync(StartPathway request, Actor actor, CancellationToken ct)
    {
        var definition = await DefinitionAsync(request.DefinitionId, request.Version, ct);
        var patient = await PatientAsync(request.PatientId, ct);
        var eligibilityOverride = EligibilityOverrideOf(request, actor);
        await RefuseSecondCourseAsync(definition, patient.PatientId, ct);
        var startedAt = clock.GetTimestamp();
        var result = _runner.Start(definition, new StartRequest(request.InstanceId, patient.PatientId, actor.Name)
        {
            Parameters = request.Parameters,
            EligibilityOverride = eligibilityOverride,
        }, patient);
        return await SaveAsync(RuntimeTriggers.Start, startedAt, result, ct);
    }

    /// <summary>
    /// Whether <see cref="StartAsync"/> would start the pathway for the patient now, without storing anything: the very
    /// start runs in memory (its eligibility rules, with the definition's parameter defaults) and its refusal is read back,
    /// so a picker asks the same rules a start obeys. A running course of the same group is said too.
    /// </summary>
    public async Task<StartCheck> CheckStartAsync(string definitionId, int version, Guid patientId, CancellationToken ct)
    {
        var definition = await DefinitionAsync(definitionId, version, ct);
        var patient = await PatientAsync(patientId, ct);
        string? runningCourse = null;
        try
        {
            await RefuseSecondCourseAsync(definition, patientId, ct);
        }
        catch (ConflictException conflict)
        {
            runningCourse = conflict.Message;
        }

        try
        {
            _runner.Start(definition, new StartRequest(Guid.Empty, patientId, "eligibility check"), patient);
            return new StartCheck([], runningCourse);
        }
        catch (IneligibleStartException ineligible)
        {
            return new StartCheck([.. ineligible.Problems.Select(p => p.Message)], runningCourse);
        }
    }

    private static EligibilityOverride? EligibilityOverrideOf(StartPathway request, Actor actor)
    {
        if (request.EligibilityOverrideReason is null) return null;
        if (!actor.IsInRole(TaskRoles.Clinician)) throw new ForbiddenException("only a clinician may start a pathway outside who it is for");
        return string.IsNullOrWhiteSpace(request.EligibilityOverrideReason)
            ? throw new RefusedException([new ValidationProblem(null, "eligibilityOverride.reason", "is required to start a pathway outside who it is for")])
            : new EligibilityOverride(actor.Name, request.EligibilityOverrideReason.Trim());
    }

    /// <summary>Two running courses of one group (bisphosphonates) would double-dose: the second is refused, naming the first.</summary>
    private async Task RefuseSecondCourseAsync(CompiledDefinition definition, Guid patientId, CancellationToken ct)
    {
        if (definition.CourseGroup is not { } group) return;
        foreach (var running in await instances.UnfinishedInstancesAsync(patientId, ct))
        {
            if ((await DefinitionAsync(running.DefinitionId, running.Version, ct)).CourseGroup != group) continue;
            throw new ConflictException(
                $"the patient already has a running {group} pathway, {running.DefinitionId} version {running.Version} (instance {running.InstanceId}): " +
                "two running courses would double-dose; end that one first",
                new { running.InstanceId, running.DefinitionId, running.Version });
        }
    }

    /// <summary>
    /// Stores an observation, then delivers it to every instance of the patient waiting for it: what a host
    /// with one unit of work does (the simulator). A host whose deliveries can race other writers stores in one
    /// transaction and delivers in another (<see cref="StoreAsync"/>, then <see cref="DeliverObservationAsync"/>),
    /// so the person's entry is kept whatever happens to the delivery.
    /// </summary>
    public async Task<ObservationRecorded> RecordAsync(Guid patientId, PatientObservation observation, Actor actor, CancellationToken ct)
    {
        var stored = await StoreAsync(patientId, observation, actor, ct);
        var delivered = await DeliverObservationAsync(patientId, stored.Stimulus, stored.WaitingInstances, ct);
        return new ObservationRecorded(stored.RecordId, stored.ObservedAt, delivered);
    }

    /// <summary>
    /// Checks and stores an observation and says who waits for it: the stimulus to deliver and the instances
    /// of the patient whose waits it answers now.
    /// </summary>
    public async Task<StoredObservation> StoreAsync(Guid patientId, PatientObservation observation, Actor actor, CancellationToken ct)
    {
        var birthDate = await patients.BirthDateAsync(patientId, ct) ?? throw new NotFoundException($"patient {patientId}");
        var now = clock.GetUtcNow();
        var problems = ObservationTimes.Problems(observation.TimeField, observation.ObservedAt, birthDate, now).Concat(observation.Problems()).ToList();
        if (problems.Count > 0) throw new RefusedException(problems);

        observation = observation.AsRecorded();
        var observedAt = observation.ObservedAt ?? now;
        var recordId = await patients.RecordAsync(patientId, observation, observedAt, actor.Name, ct);
        var stimulus = new EventReceived(observation.EventType, observation.Key, observation.Payload(observedAt), actor.Name);
        var waiting = await instances.WaitingForEventAsync(patientId, stimulus.EventType, stimulus.KeysAnswered(), ct);
        return new StoredObservation(recordId, observedAt, stimulus, waiting);
    }

    /// <summary>
    /// A lab result was entered in error: it is marked so (nothing deleted) and leaves the patient's history, and every
    /// unfinished instance of the patient is told (<see cref="LabWithdrawn"/>): a gate waiting that read its code runs again, a
    /// clearance that stood on it is withdrawn, and an approval or infusion watching its labs goes back to the gate. In the
    /// caller's unit of work, so the mark and what it withdraws are kept together or not at all.
    /// </summary>
    public async Task<IReadOnlyList<RunResult>> WithdrawLabAsync(Guid patientId, Guid labId, string reason, Actor actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new RefusedException([new ValidationProblem(null, "reason", "is required: say why the result is in error")]);
        var withdrawn = await patients.WithdrawLabAsync(patientId, labId, actor.Name, reason.Trim(), clock.GetUtcNow(), ct);
        var unfinished = await instances.UnfinishedInstancesAsync(patientId, ct);
        return await DeliverObservationAsync(patientId, withdrawn, [.. unfinished.Select(i => i.InstanceId)], ct);
    }

    /// <summary>
    /// Delivers a stored observation to the instances that waited for it. The patient's history (which holds the
    /// observation) is loaded once however many instances it reaches; an instance that has moved on or gone
    /// meanwhile is passed over. Returns the runs it set off.
    /// </summary>
    public async Task<IReadOnlyList<RunResult>> DeliverObservationAsync(Guid patientId, Stimulus stimulus, IReadOnlyList<Guid> instanceIds, CancellationToken ct)
    {
        var delivered = new List<RunResult>();
        PatientContext? patient = null;
        foreach (var instanceId in instanceIds)
        {
            if (await instances.LoadAsync(instanceId, ct) is not { } state) continue;
            patient ??= await PatientAsync(patientId, ct);
            var result = await DeliverAsync(state, stimulus, patient, ct);
            if (result.Applied) delivered.Add(result);
        }

        return delivered;
    }

    /// <summary>
    /// A person completes a task: only in the task's role, only while it is open, with an outcome it offers, the
    /// reason and form values it needs, and nothing the waiting activity refuses; a reminder's completion is
    /// journaled without resuming anything.
    /// </summary>
    public async Task<RunResult> CompleteTaskAsync(Guid taskId, TaskAnswer answer, Actor actor, CancellationToken ct)
    {
        var task = await instances.LoadTaskAsync(taskId, ct) ?? throw new NotFoundException($"task {taskId}");
        if (!actor.IsInRole(task.Role)) throw new ForbiddenException($"this task is for the {task.Role} role");
        if (task.Status != HumanTaskStatus.Open) throw AlreadyClosed(task);

        var reason = string.IsNullOrWhiteSpace(answer.Reason) ? null : answer.Reason.Trim();
        var declining = answer.Outcome is { } chosen && task.ReasonRequiredFor.Contains(chosen);
        var problems = TaskCompletionRules.Check(task.Outcomes, task.ReasonRequiredFor, answer.Outcome, reason)
            .Concat(TaskFormRules.Check(task.Form, answer.Data, declining)).ToList();
        if (problems.Count > 0) throw new StimulusRefusedException(problems);

        var completion = new TaskCompleted(task.Id, answer.Outcome!, actor.Name, reason, answer.Data);
        try
        {
            if (task.BookmarkId is null)
            {
                var state = await InstanceAsync(task.InstanceId, ct);
                var startedAt = clock.GetTimestamp();
                return await SaveAsync(RuntimeTriggers.Task, startedAt, _runner.CompleteReminder(state, task.ActivityId, task.Kind, completion), ct);
            }

            var result = await DeliverAsync(task.InstanceId, completion, null, ct);
            if (!result.Applied)
            {
                throw await ClosedMeanwhileAsync(taskId, ct)
                    ?? new ConflictException($"the pathway cannot take this decision now: {result.NotAppliedReason}");
            }

            return result;
        }
        catch (ConcurrentChangeException)
        {
            // Someone decided (or the pathway moved on) between our read and our write: say what is there now.
            if (await ClosedMeanwhileAsync(taskId, ct) is { } conflict) throw conflict;
            throw;
        }
    }

    /// <summary>
    /// A task changes hands. Claiming takes it for the actor, who must hold its role, and is refused (409, naming who
    /// has it) when someone else took it first; assigning gives it to <paramref name="to"/> (whom the host has checked
    /// holds the role) and releasing gives it back to the team: either by someone in its role, or by a coordinator
    /// (who routes the team's work, a clinician's approval to a named clinician included). Only an open task changes
    /// hands. Two people racing are settled by the instance's row version.
    /// </summary>
    public async Task<RunResult> AssignTaskAsync(Guid taskId, AssignmentAction action, string? to, Actor actor, CancellationToken ct)
    {
        var task = await instances.LoadTaskAsync(taskId, ct) ?? throw new NotFoundException($"task {taskId}");
        var routes = action != AssignmentAction.Claimed && actor.IsInRole(TaskRoles.Coordinator);
        if (!actor.IsInRole(task.Role) && !routes) throw new ForbiddenException($"this task is for the {task.Role} role");
        if (task.Status != HumanTaskStatus.Open) throw AlreadyClosed(task);
        var assignee = action switch
        {
            AssignmentAction.Claimed => actor.Name,
            AssignmentAction.Released => null,
            _ => to ?? throw new ArgumentNullException(nameof(to), "assigning names whom to"),
        };
        if (action == AssignmentAction.Claimed && task.Assignee is { } holder && holder != actor.Name)
            throw new ConflictException($"already claimed by {holder}", new { task.Assignee });
        if (task.Assignee == assignee) return new RunResult { State = await InstanceAsync(task.InstanceId, ct), Applied = false, NotAppliedReason = "no change" };

        var state = await InstanceAsync(task.InstanceId, ct);
        var startedAt = clock.GetTimestamp();
        return await SaveAsync(RuntimeTriggers.Assign, startedAt, _runner.AssignTask(state, task.ActivityId, task.Kind, taskId, action, task.Assignee, assignee, actor.Name), ct);
    }

    /// <summary>
    /// Each outcome of a task with whether the actor may choose it now and, if not, why: the same checks
    /// <see cref="CompleteTaskAsync"/> makes, on the instance as it is now (reasons and form values aside: the
    /// person has not given them yet).
    /// </summary>
    public async Task<IReadOnlyList<OutcomeAvailability>> OutcomesAsync(Guid taskId, Actor actor, CancellationToken ct)
    {
        var task = await instances.LoadTaskAsync(taskId, ct) ?? throw new NotFoundException($"task {taskId}");
        var whyNot = await UnavailableAsync(task, actor, ct);
        return [.. task.Outcomes.Select(outcome =>
        {
            var why = whyNot?.Invoke(outcome);
            return new OutcomeAvailability(outcome, task.ReasonRequiredFor.Contains(outcome), why is null, why);
        })];
    }

    /// <summary>A durable timer came due: resumes its instance at the bookmark, once however often it is delivered.</summary>
    public async Task<RunResult> FireTimerAsync(Guid instanceId, string bookmarkId, CancellationToken ct)
    {
        var state = await InstanceAsync(instanceId, ct);
        // Read before the run consumes the bookmark; a timer delivered again finds none and is not measured twice.
        var dueAt = state.Bookmarks.FirstOrDefault(b => b.Kind == BookmarkKind.Timer && b.Id == bookmarkId)?.DueAt;
        var firedAt = clock.GetUtcNow();
        var result = await DeliverAsync(state, new TimerFired(bookmarkId), null, ct);
        if (result.Applied && dueAt is { } due) metrics?.TimerFired(firedAt - due);
        return result;
    }

    /// <summary>
    /// A durable timer its host could not deliver however often it tried: an incident on the path waiting on it (the
    /// instance becomes faulted); nothing changes when nothing waits on it any more.
    /// </summary>
    public async Task<RunResult> TimerUndeliverableAsync(Guid instanceId, string bookmarkId, string message, CancellationToken ct)
    {
        var state = await InstanceAsync(instanceId, ct);
        var startedAt = clock.GetTimestamp();
        var result = _runner.TimerUndeliverable(state, bookmarkId, message);
        return result.Applied ? await SaveAsync(RuntimeTriggers.Timer, startedAt, result, ct) : result;
    }

    /// <summary>Delivers a stimulus to one instance as it is; a stimulus that matches nothing changes nothing.</summary>
    public async Task<RunResult> DeliverAsync(Guid instanceId, Stimulus stimulus, PatientContext? patient, CancellationToken ct) =>
        await DeliverAsync(await InstanceAsync(instanceId, ct), stimulus, patient, ct);

    private async Task<RunResult> DeliverAsync(InstanceState state, Stimulus stimulus, PatientContext? patient, CancellationToken ct)
    {
        var definition = await DefinitionAsync(state.DefinitionId, state.Version, ct);
        patient ??= await PatientAsync(state.PatientId, ct);
        var startedAt = clock.GetTimestamp();
        var result = _runner.Resume(definition, state, patient, stimulus);
        return result.Applied ? await SaveAsync(RuntimeTriggers.Of(stimulus), startedAt, result, ct) : result;
    }

    public Task<RunResult> SuspendAsync(Guid instanceId, string? reason, Actor actor, CancellationToken ct) =>
        ChangeAsync(RuntimeTriggers.Suspend, instanceId, state => Task.FromResult(_runner.Suspend(state, actor.Name, reason)), ct);

    public Task<RunResult> UnsuspendAsync(Guid instanceId, Actor actor, CancellationToken ct) =>
        ChangeAsync(RuntimeTriggers.Resume, instanceId, async state =>
            _runner.Unsuspend(await DefinitionAsync(state.DefinitionId, state.Version, ct), state, await PatientAsync(state.PatientId, ct), actor.Name), ct);

    public Task<RunResult> CancelAsync(Guid instanceId, string? reason, Actor actor, CancellationToken ct) =>
        ChangeAsync(RuntimeTriggers.Cancel, instanceId, async state => _runner.Cancel(state, actor.Name, reason, await instances.OpenTasksAsync(instanceId, ct)), ct);

    public Task<RunResult> RetryIncidentAsync(Guid instanceId, Guid incidentId, Actor actor, CancellationToken ct) =>
        ChangeAsync(RuntimeTriggers.Retry, instanceId, async state => _runner.RetryIncident(
            await DefinitionAsync(state.DefinitionId, state.Version, ct), state, await PatientAsync(state.PatientId, ct), incidentId, actor.Name), ct);

    /// <summary>
    /// Moves an instance to another version of its definition under <paramref name="plan"/>, journaled with who and why, in
    /// the caller's unit of work. An instance that cannot move as it is now (<see cref="InstanceMover.RefusalOf"/>) is
    /// refused with <see cref="MoveRefusedException"/> and nothing changes.
    /// </summary>
    public Task<RunResult> MoveAsync(Guid instanceId, MigrationPlan plan, string reason, Actor actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new RefusedException([new ValidationProblem(null, "reason", "is required: say why these instances move")]);
        return ChangeAsync(RuntimeTriggers.Migrate, instanceId, state => Task.FromResult(InstanceMover.Move(plan, state, actor.Name, reason.Trim(), clock.GetUtcNow())), ct);
    }

    private async Task<RunResult> ChangeAsync(string trigger, Guid instanceId, Func<InstanceState, Task<RunResult>> change, CancellationToken ct)
    {
        var state = await InstanceAsync(instanceId, ct);
        var startedAt = clock.GetTimestamp();
        return await SaveAsync(trigger, startedAt, await change(state), ct);
    }

    /// <summary>The one way a run reaches the store: counted once the store accepted it.</summary>
    private async Task<RunResult> SaveAsync(string trigger, long startedAt, RunResult result, CancellationToken ct)
    {
        await instances.SaveAsync(result, ct);
        metrics?.Transition(trigger, result, clock.GetElapsedTime(startedAt));
        return result;
    }

    /// <summary>Null when every outcome is open to the actor; otherwise why a given outcome is not.</summary>
    private async Task<Func<string, string?>?> UnavailableAsync(TaskRecord task, Actor actor, CancellationToken ct)
    {
        if (task.Status != HumanTaskStatus.Open) return _ => AlreadyClosed(task).Message;
        if (!actor.IsInRole(task.Role)) return _ => $"this task is for the {task.Role} role";
        if (task.BookmarkId is null) return null;

        var state = await InstanceAsync(task.InstanceId, ct);
        if (state.Status is not (InstanceStatus.Running or InstanceStatus.Faulted)) return _ => $"the pathway is {state.Status.WireName()}";
        var definition = await DefinitionAsync(state.DefinitionId, state.Version, ct);
        return outcome =>
        {
            var probe = new TaskCompleted(task.Id, outcome, actor.Name, ProbeReason, Data: null);
            // Problems with the reason or the form are the person's to fix when they answer; what rules out the outcome itself is named on it.
            var refusal = _runner.Refusals(definition, state, probe).FirstOrDefault(p => p.Field == "outcome");
            return refusal?.Message;
        };
    }

    private async Task<ConflictException?> ClosedMeanwhileAsync(Guid taskId, CancellationToken ct) =>
        await instances.LoadTaskAsync(taskId, ct) is { Status: not HumanTaskStatus.Open } current ? AlreadyClosed(current) : null;

    private static ConflictException AlreadyClosed(TaskRecord task) => new(
        task.Status == HumanTaskStatus.Completed
            ? $"already decided: {task.Outcome} by {task.CompletedBy} at {task.CompletedAt:u}"
            : "this task was cancelled: the pathway moved on without it",
        new { task.Status, task.Outcome, task.CompletedBy, task.CompletedAt, task.Reason });

    private async Task<InstanceState> InstanceAsync(Guid instanceId, CancellationToken ct) =>
        await instances.LoadAsync(instanceId, ct) ?? throw new NotFoundException($"instance {instanceId}");

    private async Task<CompiledDefinition> DefinitionAsync(string definitionId, int version, CancellationToken ct) =>
        await definitions.GetAsync(definitionId, version, ct) ?? throw new NotFoundException($"definition {definitionId} version {version}");

    private async Task<PatientContext> PatientAsync(Guid patientId, CancellationToken ct) =>
        await patients.LoadPatientAsync(patientId, ct) ?? throw new NotFoundException($"patient {patientId}");
}

/// <summary>What starting a pathway needs: the instance's identity (the host's), the version, the patient and parameter overrides.</summary>
public sealed record StartPathway(Guid InstanceId, string DefinitionId, int Version, Guid PatientId)
{
    public IReadOnlyDictionary<string, JsonNode?> Parameters { get; init; } = new Dictionary<string, JsonNode?>();

    /// <summary>A clinician's reason to start the pathway for a patient outside who it is for; null for an ordinary start.</summary>
    public string? EligibilityOverrideReason { get; init; }
}

/// <summary>What a start would meet now: the eligibility rules that do not hold (each with why), and a running course of the same group.</summary>
public sealed record StartCheck(IReadOnlyList<string> NotMet, string? RunningCourse)
{
    public bool Eligible => NotMet.Count == 0;
}

/// <summary>A person's answer to a task: the outcome, a reason where it needs one, and the form's values.</summary>
public sealed record TaskAnswer(string? Outcome, string? Reason = null, JsonObject? Data = null);

/// <summary>An observation as stored: its record, when it was observed, the stimulus it makes and the instances waiting for it.</summary>
public sealed record StoredObservation(Guid RecordId, DateTimeOffset ObservedAt, EventReceived Stimulus, IReadOnlyList<Guid> WaitingInstances);

/// <summary>What recording an observation did: the stored record, when it was observed, and the runs it set off.</summary>
public sealed record ObservationRecorded(Guid RecordId, DateTimeOffset ObservedAt, IReadOnlyList<RunResult> Delivered);

/// <summary>An outcome of a task: whether it needs a reason, and whether it can be chosen now (if not, why).</summary>
public sealed record OutcomeAvailability(string Name, bool ReasonRequired, bool Available, string? UnavailableBecause);
