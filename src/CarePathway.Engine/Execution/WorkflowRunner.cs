using System.Text.Json;
using System.Text.Json.Nodes;
using CarePathway.Engine.Activities;
using CarePathway.Engine.Clinical;
using CarePathway.Engine.Patients;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Execution;

/// <summary>
/// The interpreter. It runs an instance until every path has ended or waits on a bookmark, and
/// returns the new state with everything to persist alongside it. It holds no state of its own
/// and reads time only from its <see cref="TimeProvider"/>, so a run is deterministic given its
/// inputs and clock: the server and the simulator run the very same code.
/// </summary>
public sealed class WorkflowRunner(TimeProvider clock)
{
    /// <summary>Steps one call may take before the engine assumes a loop with no wait in it.</summary>
    public const int MaxStepsPerRun = 10_000;

    public RunResult Start(CompiledDefinition definition, StartRequest request, PatientContext patient)
    {
        var now = clock.GetUtcNow();
        var state = new InstanceState
        {
            InstanceId = request.InstanceId,
            DefinitionId = definition.Definition.DefinitionId,
            Version = definition.Definition.Version,
            PatientId = request.PatientId,
            StartedAt = now,
            Course = new CourseState { StartWeightKg = patient.Latest(MeasurementKinds.Weight)?.Value },
            EligibilityOverride = request.EligibilityOverride,
        };
        InitialiseParameters(definition, state, request.Parameters);
        foreach (var variable in definition.Definition.Variables)
        {
            state.Variables[variable.Name] = variable.Initial is { } initial ? JsonNode.Parse(initial.GetRawText()) : null;
        }

        var result = new RunResult { State = state, StartedBy = request.StartedBy };
        var cause = Cause.User(request.StartedBy);
        Journal(result, now, JournalTypes.PathwayStarted, null, null, cause, new JsonObject
        {
            ["definitionId"] = state.DefinitionId,
            ["version"] = state.Version,
            ["patientId"] = state.PatientId,
            ["parameters"] = new JsonObject(state.Parameters.Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))),
        });
        foreach (var startId in definition.StartActivityIds)
        {
            state.Tokens.Add(new Token { Id = $"t{state.TakeSequence()}", ActivityId = startId });
        }

        Run(definition, result, patient, now, cause);
        return result;
    }

    /// <summary>
    /// Delivers a stimulus. A stimulus that matches no bookmark (already consumed, or never
    /// there) changes nothing and returns <see cref="RunResult.Applied"/> false: delivering the
    /// same timer or task completion twice resumes once.
    /// </summary>
    public RunResult Resume(CompiledDefinition definition, InstanceState state, PatientContext patient, Stimulus stimulus)
    {
        if (state.Status != InstanceStatus.Running && state.Status != InstanceStatus.Faulted)
            return NotApplied(state, $"the instance is {state.Status.WireName()}");

        var matches = Matches(definition, state, stimulus);
        var withdrawn = stimulus is LabWithdrawn lab
            && (state.Course.StandsOn(lab) || BaselineWithdrawal.StandsOn(state.Baselines, lab) || RenalFunctionWithdrawal.StandsOn(state.RenalFunctions, lab));
        if (matches.Count == 0 && !withdrawn) return NotApplied(state, "nothing in this instance waits for it");
        var now = clock.GetUtcNow();
        var problems = Refusals(definition, state, matches, stimulus, now);
        if (problems.Count > 0) throw new StimulusRefusedException(problems);

        var result = new RunResult { State = state };
        if (stimulus is LabWithdrawn withdrawal) WithdrawLab(result, now, withdrawal, patient);
        if (stimulus is TaskCompleted completed)
            result.CompletedTask = new TaskDecision(completed.TaskId, completed.Outcome, completed.Reason, completed.CompletedBy, now, completed.Data);
        foreach (var bookmark in matches)
        {
            // An earlier match may have moved this path on (two event bookmarks on one path).
            if (!state.Bookmarks.Contains(bookmark)) continue;
            var token = state.Tokens.First(t => t.Id == bookmark.TokenId);
            state.Bookmarks.Remove(bookmark);
            JournalStimulus(result, now, bookmark, stimulus);
            // A task resumed by a withdrawal, not by its answer, is over: what the activity does next asks afresh.
            if (stimulus is LabWithdrawn) CancelTaskOf(result, bookmark, now, stimulus.Cause, "a lab it stood on was entered in error");
            var activity = definition.Bound(bookmark.ActivityId);
            var context = NewContext(definition, activity.Definition, token, patient, now, stimulus.Cause, result);
            Apply(definition, result, token, context, () => activity.Resume(context, bookmark, stimulus));
        }

        Run(definition, result, patient, now, stimulus.Cause);
        return result;
    }

    /// <summary>
    /// What the waiting activities would refuse in <paramref name="stimulus"/> now, without changing anything: the
    /// check <see cref="Resume"/> makes first, for a host to tell a person what is available before they choose.
    /// </summary>
    public IReadOnlyList<ValidationProblem> Refusals(CompiledDefinition definition, InstanceState state, Stimulus stimulus) =>
        Refusals(definition, state, Matches(definition, state, stimulus), stimulus, clock.GetUtcNow());

    private static List<Bookmark> Matches(CompiledDefinition definition, InstanceState state, Stimulus stimulus) => stimulus switch
    {
        TaskCompleted task => [.. state.Bookmarks.Where(b => b.Kind == BookmarkKind.Task && b.TaskId == task.TaskId)],
        TimerFired timer => [.. state.Bookmarks.Where(b => b.Kind == BookmarkKind.Timer && b.Id == timer.BookmarkId)],
        EventReceived e => [.. state.Bookmarks.Where(b => b.Kind == BookmarkKind.Event && b.EventType == e.EventType && e.Answers(b.EventKey!))],
        // One bookmark per waiting path whose activity stands on the lab: resuming it decides for the whole path.
        LabWithdrawn lab => [.. state.Bookmarks.Where(b => definition.Bound(b.ActivityId).StandsOn(state, lab)).DistinctBy(b => b.TokenId)],
        _ => [],
    };

    /// <summary>
    /// The withdrawal is journaled once, and the clearance, baselines and renal functions that stood on the lab are
    /// withdrawn or worked out again before any path resumes (so a gate run again compares with the corrected baseline
    /// and reads the corrected clearance).
    /// </summary>
    private static void WithdrawLab(RunResult result, DateTimeOffset now, LabWithdrawn lab, PatientContext patient)
    {
        var clearanceWithdrawn = result.State.Course.WithdrawClearance(lab);
        var baselines = BaselineWithdrawal.Correct(result.State.Baselines, lab, patient);
        var renalFunctions = RenalFunctionWithdrawal.Correct(result.State, lab, patient, now);
        Journal(result, now, JournalTypes.LabWithdrawn, null, null, lab.Cause, new JsonObject
        {
            ["code"] = lab.Code,
            ["observedAt"] = lab.ObservedAt,
            ["reason"] = lab.Reason,
            ["clearanceWithdrawn"] = clearanceWithdrawn,
            ["baselines"] = baselines,
            ["renalFunctions"] = renalFunctions,
        });
    }

    private static List<ValidationProblem> Refusals(CompiledDefinition definition, InstanceState state, List<Bookmark> matches, Stimulus stimulus, DateTimeOffset now) =>
        [.. matches.SelectMany(bookmark => definition.Bound(bookmark.ActivityId).Refuses(state, stimulus, now))];

    public RunResult Suspend(InstanceState state, string by, string? reason)
    {
        if (state.Status is not (InstanceStatus.Running or InstanceStatus.Faulted))
            throw new InvalidInstanceTransitionException($"a {state.Status.WireName()} instance cannot be suspended");
        var result = new RunResult { State = state };
        state.MoveTo(InstanceStatus.Suspended);
        Journal(result, clock.GetUtcNow(), JournalTypes.PathwaySuspended, null, null, Cause.User(by), new JsonObject { ["reason"] = reason });
        return result;
    }

    /// <summary>Lifts a suspension. Timers that came due meanwhile were refused, so all pending ones are handed back to be scheduled.</summary>
    public RunResult Unsuspend(CompiledDefinition definition, InstanceState state, PatientContext patient, string by)
    {
        if (state.Status != InstanceStatus.Suspended)
            throw new InvalidInstanceTransitionException($"a {state.Status.WireName()} instance is not suspended");
        var now = clock.GetUtcNow();
        var result = new RunResult { State = state };
        state.MoveTo(state.Tokens.Any(t => t.Status == TokenStatus.Faulted) ? InstanceStatus.Faulted : InstanceStatus.Running);
        var cause = Cause.User(by);
        Journal(result, now, JournalTypes.PathwayResumed, null, null, cause, []);
        foreach (var timer in state.Bookmarks.Where(b => b.Kind == BookmarkKind.Timer))
        {
            result.ScheduledTimers.Add(new TimerSpec(timer.Id, state.InstanceId, timer.DueAt ?? now, Reissued: true));
        }

        Run(definition, result, patient, now, cause);
        return result;
    }

    /// <summary>
    /// Ends every path, cancelling what it waited on, and closes <paramref name="openReminders"/>: reminders are
    /// not waited on, so the state does not know them and the host names the ones still open.
    /// </summary>
    public RunResult Cancel(InstanceState state, string by, string? reason, IEnumerable<Guid> openReminders)
    {
        if (state.Status.IsFinished())
            throw new InvalidInstanceTransitionException($"a {state.Status.WireName()} instance cannot be cancelled");
        var now = clock.GetUtcNow();
        var result = new RunResult { State = state };
        var cause = Cause.User(by);
        foreach (var token in state.Tokens.ToList()) EndPath(result, token, now, cause, "the pathway was cancelled");
        result.CancelledTasks.AddRange(openReminders.Except(result.CancelledTasks));
        state.MoveTo(InstanceStatus.Cancelled);
        state.EndedAt = now;
        Journal(result, now, JournalTypes.PathwayCancelled, null, null, cause, new JsonObject { ["reason"] = reason });
        return result;
    }

    /// <summary>
    /// Records a reminder's completion. A reminder holds up no path, so nothing resumes, whatever the instance's
    /// status; the completion is journaled, as every decision is.
    /// </summary>
    public RunResult CompleteReminder(InstanceState state, string activityId, string kind, TaskCompleted completion)
    {
        var now = clock.GetUtcNow();
        var result = new RunResult { State = state };
        result.CompletedTask = new TaskDecision(completion.TaskId, completion.Outcome, completion.Reason, completion.CompletedBy, now, completion.Data);
        Journal(result, now, JournalTypes.TaskCompleted, activityId, completion.Outcome, completion.Cause, TaskCompletionRecord.Data(completion, kind));
        return result;
    }

    /// <summary>
    /// A task changes hands: journaled with who had it and who has it now; nothing else moves (the pathway waits on the
    /// task whoever has it).
    /// </summary>
    public RunResult AssignTask(InstanceState state, string activityId, string kind, Guid taskId, AssignmentAction action, string? from, string? to, string by)
    {
        var now = clock.GetUtcNow();
        var result = new RunResult { State = state, AssignedTask = new TaskAssignment(taskId, to) };
        Journal(result, now, JournalTypes.TaskAssigned, activityId, null, Cause.User(by), new JsonObject
        {
            ["taskId"] = taskId,
            ["kind"] = kind,
            ["action"] = action.ToString().ToLowerInvariant(),
            ["from"] = from,
            ["to"] = to,
        });
        return result;
    }

    /// <summary>Runs a faulted activity again, after whatever made it fail has been put right.</summary>
    public RunResult RetryIncident(CompiledDefinition definition, InstanceState state, PatientContext patient, Guid incidentId, string by)
    {
        var incident = state.Incidents.FirstOrDefault(i => i.Id == incidentId && i.ResolvedAt is null)
            ?? throw new InvalidInstanceTransitionException($"incident {incidentId} is not open on this instance");
        if (state.Status == InstanceStatus.Suspended)
            throw new InvalidInstanceTransitionException("resume the instance before retrying its incidents");
        var now = clock.GetUtcNow();
        var result = new RunResult { State = state };
        var cause = Cause.User(by);
        incident.ResolvedAt = now;
        incident.ResolvedBy = by;
        result.ResolvedIncidents.Add(incident);
        Journal(result, now, JournalTypes.IncidentResolved, incident.ActivityId, null, cause, new JsonObject { ["incidentId"] = incident.Id });
        if (state.Tokens.FirstOrDefault(t => t.Id == incident.TokenId) is { Status: TokenStatus.Faulted } token)
        {
            // A timer that could not be delivered faulted a path that still waits on it: it waits again, and the timer is
            // handed back (due already, so it fires now). Any other faulted path runs its activity again.
            var timers = state.Bookmarks.Where(b => b.TokenId == token.Id && b.Kind == BookmarkKind.Timer).ToList();
            token.MoveTo(timers.Count > 0 ? TokenStatus.Waiting : TokenStatus.Ready);
            foreach (var timer in timers) result.ScheduledTimers.Add(new TimerSpec(timer.Id, state.InstanceId, timer.DueAt ?? now, Reissued: true));
        }

        // The last faulted path retried: a faulted instance runs again (a finished one cannot, and its table says so).
        if (state.Status != InstanceStatus.Running && !state.Tokens.Any(t => t.Status == TokenStatus.Faulted)) state.MoveTo(InstanceStatus.Running);
        Run(definition, result, patient, now, cause);
        return result;
    }

    /// <summary>
    /// A timer the host kept failing to deliver (its job gave up): an incident on the path that waits on it, so the
    /// instance is faulted and visible instead of the timer disappearing. The path keeps its wait; retrying the incident
    /// hands the timer back. Nothing changes when nothing waits on that timer any more or it already has an open incident.
    /// </summary>
    public RunResult TimerUndeliverable(InstanceState state, string bookmarkId, string message)
    {
        if (state.Status is not (InstanceStatus.Running or InstanceStatus.Faulted))
            return NotApplied(state, $"the instance is {state.Status.WireName()}");
        var bookmark = state.Bookmarks.FirstOrDefault(b => b.Kind == BookmarkKind.Timer && b.Id == bookmarkId);
        if (bookmark is null) return NotApplied(state, "nothing in this instance waits for it");
        var token = state.Tokens.First(t => t.Id == bookmark.TokenId);
        if (token.Status == TokenStatus.Faulted) return NotApplied(state, "its path has an open incident already");

        var result = new RunResult { State = state };
        Fault(result, token, bookmark.ActivityId, clock.GetUtcNow(), Cause.Timer(bookmarkId), message);
        return result;
    }

    private static void Run(CompiledDefinition definition, RunResult result, PatientContext patient, DateTimeOffset now, Cause cause)
    {
        var state = result.State;
        var steps = 0;
        while (true)
        {
            var token = state.Tokens.FirstOrDefault(t => t.Status == TokenStatus.Ready);
            if (token is null)
            {
                if (ReleaseJoins(state)) continue;
                break;
            }

            var activity = definition.Bound(token.ActivityId);
            if (++steps > MaxStepsPerRun)
            {
                Fault(result, token, activity.Definition.Id, now, cause,
                    $"more than {MaxStepsPerRun} steps without waiting: the pathway loops without a timer, task or event");
                break;
            }

            var context = NewContext(definition, activity.Definition, token, patient, now, cause, result);
            Apply(definition, result, token, context, () => activity.Execute(context));
        }

        if (state.Tokens.Count == 0 && state.Status == InstanceStatus.Running)
        {
            state.MoveTo(InstanceStatus.Completed);
            state.EndedAt = now;
            Journal(result, now, JournalTypes.PathwayCompleted, null, null, cause, []);
        }
    }

    private static void Apply(CompiledDefinition definition, RunResult result, Token token, ActivityContext context, Func<ActivityResult> step)
    {
        ActivityResult outcome;
        try
        {
            outcome = step();
        }
        catch (Exception ex) when (ex is ActivityFaultException or Expressions.ExpressionEvaluationException)
        {
            // An activity that cannot go on says so; that becomes an incident and the state keeps everything done before
            // this step. Anything else is a defect: it propagates, so the host stores nothing of this run.
            Fault(result, token, context.Activity.Id, context.Now, context.Cause, ex.Message);
            return;
        }

        var state = result.State;
        switch (outcome)
        {
            case ActivityResult.Completed completed:
                JournalStep(context, string.Join(",", completed.Outcomes));
                EndPath(result, token, context.Now, context.Cause, null);
                var scopes = completed.Scope switch
                {
                    ScopeChange.Open => [.. token.Scopes, $"s{state.TakeSequence()}"],
                    ScopeChange.Close when token.Scopes.Count > 0 => token.Scopes[..^1],
                    _ => token.Scopes,
                };
                foreach (var name in completed.Outcomes)
                {
                    foreach (var target in definition.TargetsOf(context.Activity.Id, name))
                    {
                        state.Tokens.Add(new Token { Id = $"t{state.TakeSequence()}", ActivityId = target, Scopes = [.. scopes] });
                    }
                }

                break;
            case ActivityResult.Waiting:
                token.MoveTo(TokenStatus.Waiting);
                JournalStep(context, null);
                break;
            case ActivityResult.Parked:
                token.MoveTo(TokenStatus.Parked);
                break;
            case ActivityResult.Ended:
                JournalStep(context, null);
                EndPath(result, token, context.Now, context.Cause, null);
                break;
            case ActivityResult.EndedEveryPath:
                JournalStep(context, null);
                var why = $"the pathway ended at {context.Activity.DisplayName}";
                foreach (var path in state.Tokens.ToList()) EndPath(result, path, context.Now, context.Cause, why);
                break;
        }
    }

    /// <summary>Removes a path, cancelling the tasks and timers it was waiting on.</summary>
    private static void EndPath(RunResult result, Token token, DateTimeOffset now, Cause cause, string? why)
    {
        ReleaseBookmarks(result, token, now, cause, why);
        result.State.Tokens.Remove(token);
    }

    /// <summary>Drops what a path waits on, cancelling its tasks and timers; the path itself stays.</summary>
    private static void ReleaseBookmarks(RunResult result, Token token, DateTimeOffset now, Cause cause, string? why, Func<Bookmark, bool>? keep = null)
    {
        var state = result.State;
        foreach (var bookmark in state.Bookmarks.Where(b => b.TokenId == token.Id && keep?.Invoke(b) != true).ToList())
        {
            state.Bookmarks.Remove(bookmark);
            if (bookmark.Kind == BookmarkKind.Timer) result.CancelledTimers.Add(bookmark.Id);
            CancelTaskOf(result, bookmark, now, cause, why ?? "the pathway moved on");
        }
    }

    private static void CancelTaskOf(RunResult result, Bookmark bookmark, DateTimeOffset now, Cause cause, string why)
    {
        if (bookmark.Kind != BookmarkKind.Task || bookmark.TaskId is not { } taskId) return;
        result.CancelledTasks.Add(taskId);
        Journal(result, now, JournalTypes.TaskCancelled, bookmark.ActivityId, null, cause, new JsonObject
        {
            ["taskId"] = taskId,
            ["reason"] = why,
        });
    }

    /// <summary>A parked Join is re-run once none of its siblings is still on its way.</summary>
    private static bool ReleaseJoins(InstanceState state)
    {
        var released = false;
        foreach (var parked in state.Tokens.Where(t => t.Status == TokenStatus.Parked).ToList())
        {
            var scope = parked.Scopes.LastOrDefault();
            var othersOnTheirWay = state.Tokens.Any(t => t != parked && scope is not null && t.Scopes.Contains(scope)
                && !(t.Status == TokenStatus.Parked && t.ActivityId == parked.ActivityId));
            if (othersOnTheirWay) continue;
            parked.MoveTo(TokenStatus.Ready);
            released = true;
        }

        return released;
    }

    private static void Fault(RunResult result, Token token, string activityId, DateTimeOffset now, Cause cause, string message)
    {
        var state = result.State;
        token.MoveTo(TokenStatus.Faulted);
        var incident = new IncidentRecord
        {
            Id = DeterministicIds.Next(state, "incident"),
            ActivityId = activityId,
            TokenId = token.Id,
            Message = message,
            At = now,
        };
        state.Incidents.Add(incident);
        result.Incidents.Add(incident);
        if (state.Status == InstanceStatus.Running) state.MoveTo(InstanceStatus.Faulted);
        Journal(result, now, JournalTypes.Incident, activityId, null, cause, new JsonObject
        {
            ["incidentId"] = incident.Id,
            ["activity"] = activityId,
            ["message"] = message,
        });
    }

    private static ActivityContext NewContext(CompiledDefinition definition, Definitions.ActivityDefinition activity, Token token,
        PatientContext patient, DateTimeOffset now, Cause cause, RunResult result) =>
        new(definition, activity, token, patient, now, cause, result,
            (other, why) => EndPath(result, other, now, cause, why),
            (why, keep) => ReleaseBookmarks(result, token, now, cause, why, keep));

    private static void JournalStep(ActivityContext context, string? outcome) =>
        context.Journal(JournalTypes.ActivityExecuted, outcome, new JsonObject
        {
            ["type"] = context.Activity.Type,
            ["inputs"] = context.EvaluatedInputs.DeepClone(),
        });

    private static void JournalStimulus(RunResult result, DateTimeOffset now, Bookmark bookmark, Stimulus stimulus)
    {
        switch (stimulus)
        {
            case TimerFired:
                Journal(result, now, JournalTypes.TimerFired, bookmark.ActivityId, null, stimulus.Cause,
                    new JsonObject { ["activity"] = bookmark.ActivityId, ["bookmarkId"] = bookmark.Id, ["tag"] = bookmark.Tag });
                break;
            case EventReceived e:
                Journal(result, now, JournalTypes.EventReceived, bookmark.ActivityId, null, stimulus.Cause, new JsonObject
                {
                    ["eventType"] = e.EventType,
                    ["key"] = e.Key,
                    ["payload"] = e.Payload.DeepClone(),
                });
                break;
        }
    }

    private static void Journal(RunResult result, DateTimeOffset at, string type, string? activityId, string? outcome, Cause cause, JsonObject data) =>
        result.Journal.Add(new JournalRecord(++result.State.JournalSequence, at, type, activityId, outcome, cause, data));

    private static RunResult NotApplied(InstanceState state, string reason) => new() { State = state, Applied = false, NotAppliedReason = reason };

    private static void InitialiseParameters(CompiledDefinition definition, InstanceState state, IReadOnlyDictionary<string, JsonNode?> overrides)
    {
        var problems = new List<ValidationProblem>();
        var declared = definition.Definition.Parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var name in overrides.Keys.Where(n => !declared.ContainsKey(n)))
        {
            problems.Add(new ValidationProblem(null, $"parameters.{name}", "is not a parameter of this pathway"));
        }

        foreach (var parameter in definition.Definition.Parameters)
        {
            var value = overrides.TryGetValue(parameter.Name, out var given)
                ? given?.DeepClone()
                : parameter.Default is { } d ? JsonNode.Parse(d.GetRawText()) : null;
            if (ParameterValues.Problem(value, parameter) is { } problem)
                problems.Add(new ValidationProblem(null, $"parameters.{parameter.Name}", problem));
            state.Parameters[parameter.Name] = value;
        }

        if (problems.Count > 0) throw new InvalidStartException(problems);
    }
}

/// <summary>A stimulus the waiting activity does not accept (e.g. a rejection without a reason); nothing was changed.</summary>
public sealed class StimulusRefusedException(IReadOnlyList<ValidationProblem> problems) : Runtime.RefusedException(problems);

/// <summary>A lifecycle change the instance's current status does not allow (e.g. resuming a completed instance).</summary>
public sealed class InvalidInstanceTransitionException(string message) : Exception(message);
