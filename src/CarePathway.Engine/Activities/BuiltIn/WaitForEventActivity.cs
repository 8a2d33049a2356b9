using System.Text.Json.Nodes;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Expressions;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Activities.BuiltIn;

/// <summary>
/// Waits for something to be recorded for the patient: a lab result with a given code, a
/// measurement or an assessment, optionally with a timeout. Only events recorded after the wait
/// began count; whether an older result is fresh enough is a lab gate's question, not this one's.
/// </summary>
public sealed class WaitForEventActivity : Activity<WaitForEventActivity.Inputs>
{
    public sealed record Inputs
    {
        [Input("lab, measurement or assessment.", OptionsOf = typeof(EventTypes))]
        public required string EventType { get; init; }

        [Input("The LOINC code, measurement kind (weight, height) or assessment name.")]
        public required string Key { get; init; }

        [Input("Give up after this long, on the \"timeout\" outcome.", ExpressionType = ExpressionType.Duration)]
        public ExpressionInput? Timeout { get; init; }

        [Input("A declared variable that receives the value.")]
        public string? Variable { get; init; }

        [Input("For a lab: keep the first value received as the course's baseline.")]
        public bool CaptureBaseline { get; init; }
    }

    protected override ActivityDescriptor About { get; } = new()
    {
        Type = "WaitForEvent",
        DisplayName = "Wait for event",
        Category = "Events",
        Description = "Waits for a lab result, measurement or assessment; continues on \"received\", or on \"timeout\" if one is set.",
        Outcomes = [Outcomes.Received, Outcomes.Timeout],
        Blocking = true,
    };

    public override IReadOnlyList<string> OutcomesOf(Inputs inputs) =>
        inputs.Timeout is not null ? [Outcomes.Received, Outcomes.Timeout] : [Outcomes.Received];

    public override IEnumerable<ValidationProblem> Validate(ActivityDefinition activity, Inputs inputs, WorkflowDefinition definition) =>
        DeclaredVariable.Check(activity, "variable", inputs.Variable, definition);

    public override IEnumerable<ValidationProblem> Advise(ActivityDefinition activity, Inputs inputs)
    {
        if (inputs.Timeout is null)
            yield return new ValidationProblem(activity.Id, "inputs.timeout", $"waits for the {inputs.EventType} {inputs.Key} with no timeout: if it never comes, the pathway waits unseen");
    }

    public override ActivityResult Execute(ActivityContext context, Inputs inputs)
    {
        var (eventType, key) = (inputs.EventType, inputs.Key);
        context.AddBookmark(BookmarkKind.Event, eventType: eventType, eventKey: key);
        DateTimeOffset? timeoutAt = inputs.Timeout is { } timeout ? context.Now + context.Evaluate(timeout).Result.AsDuration() : null;
        if (timeoutAt is { } at) context.AddBookmark(BookmarkKind.Timer, dueAt: at, tag: Outcomes.Timeout);
        context.Journal(JournalTypes.EventAwaited, null, new JsonObject
        {
            ["eventType"] = eventType,
            ["key"] = key,
            ["timeoutAt"] = timeoutAt,
        });
        return ActivityResult.Wait;
    }

    public override ActivityResult Resume(ActivityContext context, Inputs inputs, Bookmark bookmark, Stimulus stimulus)
    {
        if (stimulus is not EventReceived received) return ActivityResult.Done(Outcomes.Timeout);

        var value = ValueOf(received);
        if (inputs.Variable is { } variable) context.SetVariable(variable, value);
        if (inputs.CaptureBaseline && received.EventType == EventTypes.Lab && !context.State.Baselines.ContainsKey(received.Key)
            && value.Kind == ValueKind.Quantity)
        {
            context.State.Baselines[received.Key] = new LabValue(value.AsDecimal(), value.Unit!, ObservedAt(received, context.Now));
        }

        return ActivityResult.Done(Outcomes.Received);
    }

    /// <summary>Labs and measurements carry a value and unit; assessments a value.</summary>
    private static Value ValueOf(EventReceived received)
    {
        var payload = received.Payload;
        var raw = payload["value"];
        if (raw is null) return Value.Null;
        if (payload["unit"] is JsonValue unit && raw is JsonValue number && number.TryGetValue<decimal>(out var magnitude))
            return Value.Quantity(magnitude, unit.GetValue<string>());
        return Value.FromJson(raw);
    }

    private static DateTimeOffset ObservedAt(EventReceived received, DateTimeOffset fallback) =>
        received.Payload["observedAt"] is JsonValue v && v.TryGetValue<DateTimeOffset>(out var at) ? at : fallback;
}
