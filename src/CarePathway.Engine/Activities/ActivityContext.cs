using System.Text.Json.Nodes;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Expressions;
using CarePathway.Engine.Patients;
using Token = CarePathway.Engine.Execution.Token;

namespace CarePathway.Engine.Activities;

/// <summary>
/// What an activity sees while it runs (beside its bound inputs): the instance, the patient and the clock, and
/// the only ways it may change anything (variables, bookmarks, tasks, journal), so that every
/// change lands in the <see cref="RunResult"/> the host persists in one transaction.
/// </summary>
public sealed class ActivityContext
{
    private readonly RunResult _result;
    private readonly IExpressionScope _scope;
    private readonly Action<Token, string> _endPath;
    private readonly Action<string, Func<Bookmark, bool>?> _releaseBookmarks;

    internal ActivityContext(CompiledDefinition definition, ActivityDefinition activity, Token token,
        PatientContext patient, DateTimeOffset now, Cause cause, RunResult result, Action<Token, string> endPath, Action<string, Func<Bookmark, bool>?> releaseBookmarks)
    {
        _endPath = endPath;
        _releaseBookmarks = releaseBookmarks;
        Definition = definition;
        Activity = activity;
        Token = token;
        Patient = patient;
        Now = now;
        Cause = cause;
        _result = result;
        _scope = new InstanceScope(definition, result.State, patient, now);
    }

    public CompiledDefinition Definition { get; }
    public ActivityDefinition Activity { get; }
    public InstanceState State => _result.State;
    public CourseState Course => _result.State.Course;
    public Token Token { get; }
    public PatientContext Patient { get; }
    public DateTimeOffset Now { get; }
    public Cause Cause { get; }
    public IExpressionScope Scope => _scope;

    /// <summary>Evaluated inputs, recorded in the journal line of this step.</summary>
    public JsonObject EvaluatedInputs { get; } = [];

    /// <summary>Evaluates an expression input and records it (expression, value and explanation) for the journal, under the input's name.</summary>
    public Evaluation Evaluate(ExpressionInput input)
    {
        Evaluation evaluation;
        try
        {
            evaluation = input.Expression.Evaluate(_scope);
        }
        catch (ExpressionEvaluationException ex)
        {
            throw new ActivityFaultException($"{input.Name}: {ex.Message}", ex);
        }

        EvaluatedInputs[input.Name] = new JsonObject
        {
            ["expression"] = input.Text,
            ["value"] = evaluation.Result.ToJsonNode(),
            ["explanation"] = evaluation.Explanation,
        };
        return evaluation;
    }

    public Value Variable(string name) =>
        State.Variables.TryGetValue(name, out var node) && node is not null ? Value.FromJson(node) : Value.Null;

    public void SetVariable(string name, Value value)
    {
        if (!Definition.DeclaresVariable(name))
            throw new ActivityFaultException($"variable '{name}' is not declared by the definition");
        State.Variables[name] = value.ToJsonNode();
        // A value set here is not the renal function a RenalFunction step worked out (that step records its source after).
        State.RenalFunctions?.Remove(name);
        Journal(JournalTypes.VariableSet, null, new JsonObject { ["variable"] = name, ["value"] = value.ToJsonNode() });
    }

    /// <summary>Appends a journal record attributed to this activity and the current cause.</summary>
    public void Journal(string type, string? outcome, JsonObject data) =>
        _result.Journal.Add(new JournalRecord(++State.JournalSequence, Now, type, Activity.Id, outcome, Cause, data));

    /// <summary>Creates a bookmark the current path waits on; a timer bookmark is also handed to the host to schedule.</summary>
    public Bookmark AddBookmark(BookmarkKind kind, Guid? taskId = null, DateTimeOffset? dueAt = null,
        string? eventType = null, string? eventKey = null, string? tag = null)
    {
        var bookmark = new Bookmark
        {
            Id = $"{State.InstanceId:N}-{State.TakeSequence()}",
            TokenId = Token.Id,
            ActivityId = Activity.Id,
            Kind = kind,
            TaskId = taskId,
            DueAt = dueAt,
            EventType = eventType,
            EventKey = eventKey,
            Tag = tag,
            CreatedAt = Now,
        };
        State.Bookmarks.Add(bookmark);
        if (kind == BookmarkKind.Timer)
        {
            var due = dueAt ?? throw new ArgumentException("a timer bookmark needs a due time", nameof(dueAt));
            _result.ScheduledTimers.Add(new TimerSpec(bookmark.Id, State.InstanceId, due));
            Journal(JournalTypes.TimerScheduled, null, new JsonObject { ["bookmarkId"] = bookmark.Id, ["dueAt"] = due, ["tag"] = tag });
        }

        return bookmark;
    }

    /// <summary>The bookmarks this activity's path currently waits on.</summary>
    public IEnumerable<Bookmark> OwnBookmarks => State.Bookmarks.Where(b => b.TokenId == Token.Id);

    /// <summary>
    /// Stops waiting on everything this path waits on (tasks are cancelled with <paramref name="why"/>), e.g. when a gate
    /// re-evaluates, but what <paramref name="keep"/> selects (a gate's open escalation, which outlives its rechecks).
    /// </summary>
    public void ReleaseBookmarks(string why, Func<Bookmark, bool>? keep = null) => _releaseBookmarks(why, keep);

    /// <summary>Ends another path (a Join in "any" mode ends its siblings), cancelling what it waited on.</summary>
    public void EndPath(Token other, string why) => _endPath(other, why);

    /// <summary>A new task identity, derived from the instance and a sequence so a run is reproducible.</summary>
    public Guid NewTaskId() => DeterministicIds.Next(State, "task");

    /// <summary>Hands a task to the host and journals it; tasks are first-class rows, not hidden state.</summary>
    public void CreateTask(TaskSpec task)
    {
        _result.CreatedTasks.Add(task);
        Journal(JournalTypes.TaskCreated, null, new JsonObject
        {
            ["taskId"] = task.Id,
            ["kind"] = task.Kind,
            ["activity"] = Activity.Id,
            ["role"] = task.Role,
            ["title"] = task.Title,
            ["dueAt"] = task.DueAt,
            ["blocking"] = task.BookmarkId is not null,
        });
    }
}
