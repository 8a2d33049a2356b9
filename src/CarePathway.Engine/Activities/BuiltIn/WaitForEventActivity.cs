using System.Text.Json;
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
public sealed class WaitForEventActivity : Activity
{
    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "WaitForEvent",
        DisplayName = "Wait for event",
        Category = "Events",
        Description = "Waits for a lab result, measurement or assessment; continues on \"received\", or on \"timeout\" if one is set.",
        Inputs =
        [
            new InputDescriptor { Name = "eventType", Kind = InputKind.Choice, Required = true, Options = EventTypes.All, Description = "lab, measurement or assessment." },
            new InputDescriptor { Name = "key", Kind = InputKind.Text, Required = true, Description = "The LOINC code, measurement kind (weight, height) or assessment name." },
            new InputDescriptor { Name = "timeout", Kind = InputKind.Expression, ExpressionType = ExpressionType.Duration, Description = "Give up after this long, on the \"timeout\" outcome." },
            new InputDescriptor { Name = "variable", Kind = InputKind.Text, Description = "A declared variable that receives the value." },
            new InputDescriptor { Name = "captureBaseline", Kind = InputKind.Boolean, Description = "For a lab: keep the first value received as the course's baseline." },
        ],
        Outcomes = [Outcomes.Received, Outcomes.Timeout],
        Blocking = true,
    };

    public override IReadOnlyList<string> OutcomesOf(ActivityDefinition activity) =>
        activity.Inputs.TryGetValue("timeout", out var t) && t.ValueKind != JsonValueKind.Null
            ? [Outcomes.Received, Outcomes.Timeout]
            : [Outcomes.Received];

    public override IEnumerable<ValidationProblem> Validate(ActivityDefinition activity, WorkflowDefinition definition) =>
        DeclaredVariable.Check(activity, "variable", definition);

    public override ActivityResult Execute(ActivityContext context)
    {
        var eventType = context.RequiredText("eventType");
        var key = context.RequiredText("key");
        context.AddBookmark(BookmarkKind.Event, eventType: eventType, eventKey: key);
        DateTimeOffset? timeoutAt = context.HasInput("timeout") ? context.Now + context.Evaluate("timeout").Result.AsDuration() : null;
        if (timeoutAt is { } at) context.AddBookmark(BookmarkKind.Timer, dueAt: at, tag: Outcomes.Timeout);
        context.Journal(JournalTypes.EventAwaited, null, new JsonObject
        {
            ["eventType"] = eventType,
            ["key"] = key,
            ["timeoutAt"] = timeoutAt,
        });
        return ActivityResult.Wait;
    }

    public override ActivityResult Resume(ActivityContext context, Bookmark bookmark, Stimulus stimulus)
    {
        if (stimulus is not EventReceived received) return ActivityResult.Done(Outcomes.Timeout);

        var value = ValueOf(received);
        if (context.Text("variable") is { } variable) context.SetVariable(variable, value);
        if (context.Flag("captureBaseline") && received.EventType == EventTypes.Lab && !context.State.Baselines.ContainsKey(received.Key)
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
