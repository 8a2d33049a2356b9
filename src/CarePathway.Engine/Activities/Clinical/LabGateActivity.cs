using System.Text.Json;
using System.Text.Json.Nodes;
using CarePathway.Engine.Activities.BuiltIn;
using CarePathway.Engine.Clinical;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Activities.Clinical;

/// <summary>
/// Holds the path until the labs it needs are fresh and its rules hold (R3, R8). Missing or stale
/// results become an order-labs task and a wait; once they are in, every rule is evaluated with its
/// explanation. A held gate clears any earlier clearance, asks for the labs again after
/// <c>recheckAfter</c> (a reminder now, the request then) and passes when the rules hold again. A
/// passed gate records the clearance the next administration needs.
/// </summary>
public sealed class LabGateActivity : Activity
{
    private const string RecheckTag = "recheck";
    private const string MissingTag = "missing";
    private const string Ordered = "ordered";

    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "LabGate",
        DisplayName = "Lab gate",
        Category = "Clinical",
        Description = "Needs fresh labs and checks rules on them: passes, holds (and rechecks), or gives up when labs stay missing.",
        Inputs =
        [
            new InputDescriptor { Name = "gate", Kind = InputKind.Text, Required = true, Description = "The gate's name as clinicians read it, e.g. pre-infusion renal." },
            new InputDescriptor { Name = "codes", Kind = InputKind.TextList, Required = true, Description = "LOINC codes of the labs it needs, e.g. 2160-0 (creatinine)." },
            new InputDescriptor { Name = "freshness", Kind = InputKind.Expression, ExpressionType = ExpressionType.Duration, Required = true, Description = "How recent each result must be, e.g. param.labFreshness." },
            new InputDescriptor
            {
                Name = "rules", Kind = InputKind.ObjectList, Required = true, Description = "Every rule must hold for the gate to pass; each is explained when it fails.",
                Fields =
                [
                    new InputDescriptor { Name = "label", Kind = InputKind.Text, Required = true, Description = "e.g. Creatinine within 10% of baseline" },
                    new InputDescriptor { Name = "expression", Kind = InputKind.Expression, ExpressionType = ExpressionType.Boolean, Required = true, Description = "e.g. lab(\"2160-0\") <= baseline(\"2160-0\") * 1.10" },
                ],
            },
            new InputDescriptor { Name = "captureBaseline", Kind = InputKind.Boolean, Description = "Results for codes without a baseline become the course's baseline (once)." },
            new InputDescriptor { Name = "recheckAfter", Kind = InputKind.Expression, ExpressionType = ExpressionType.Duration, Description = "When held: request the labs again after this long, with a reminder now." },
            new InputDescriptor { Name = "reminderKind", Kind = InputKind.Choice, Options = ReminderKinds.All, Description = "What the recheck reminder is about (default renal)." },
            new InputDescriptor { Name = "maxRechecks", Kind = InputKind.Expression, ExpressionType = ExpressionType.Number, Description = "With recheckAfter: how many rechecks may still hold before the gate takes the held outcome." },
            new InputDescriptor { Name = "missingAfter", Kind = InputKind.Expression, ExpressionType = ExpressionType.Duration, Description = "Take the missing outcome when requested results are not in after this long." },
            new InputDescriptor { Name = "orderDueIn", Kind = InputKind.Expression, ExpressionType = ExpressionType.Duration, Description = "When the order-labs task is due." },
        ],
        Outcomes = [Outcomes.Passed, Outcomes.Held, Outcomes.Missing],
        Blocking = true,
    };

    public override IReadOnlyList<string> OutcomesOf(ActivityDefinition activity)
    {
        var outcomes = new List<string> { Outcomes.Passed };
        // Without a recheck the gate can only stop on held; with one, only after maxRechecks.
        if (!activity.HasInput("recheckAfter") || activity.HasInput("maxRechecks")) outcomes.Add(Outcomes.Held);
        if (activity.HasInput("missingAfter")) outcomes.Add(Outcomes.Missing);
        return outcomes;
    }

    public override IEnumerable<ValidationProblem> Validate(ActivityDefinition activity, WorkflowDefinition definition)
    {
        if (activity.Inputs.TryGetValue("codes", out var codes) && codes.ValueKind == JsonValueKind.Array && codes.GetArrayLength() == 0)
            yield return new ValidationProblem(activity.Id, "inputs.codes", "name at least one lab code");
        if (activity.Inputs.TryGetValue("rules", out var rules) && rules.ValueKind == JsonValueKind.Array && rules.GetArrayLength() == 0)
            yield return new ValidationProblem(activity.Id, "inputs.rules", "give at least one rule");
        if (activity.HasInput("maxRechecks") && !activity.HasInput("recheckAfter"))
            yield return new ValidationProblem(activity.Id, "inputs.maxRechecks", "only counts rechecks: give recheckAfter too");
    }

    public override ActivityResult Execute(ActivityContext context)
    {
        var freshness = context.Evaluate("freshness").Result.AsDuration();
        var oldest = context.Now - freshness;
        var notFresh = context.TextList("codes")
            .Where(code => context.Scope.LatestLab(code) is var lab && (lab.IsNull || LatestObservedAt(context, code) < oldest))
            .ToList();
        if (notFresh.Count == 0) return Evaluate(context);

        RequestLabs(context, notFresh, notFresh.Any(c => context.Scope.LatestLab(c).IsNull) ? "missing" : "stale");
        CreateOrderTask(context, notFresh, "missing or out of date", LabHold.Missing, dueAt: OrderDueAt(context));
        return ActivityResult.Wait;
    }

    public override IReadOnlyList<ValidationProblem> Refuses(ActivityDefinition activity, Stimulus stimulus) =>
        stimulus is TaskCompleted completion ? TaskCompletionRules.Check([Ordered], [], completion.Outcome, completion.Reason) : [];

    public override ActivityResult Resume(ActivityContext context, Bookmark bookmark, Stimulus stimulus)
    {
        switch (stimulus)
        {
            case TaskCompleted completion:
                // Ordering is recorded; the gate goes on waiting for the results themselves.
                TaskInputs.JournalCompletion(context, completion, TaskKinds.OrderLabs);
                return ActivityResult.Wait;
            case EventReceived when context.OwnBookmarks.Any(b => b.Kind == BookmarkKind.Event):
                return ActivityResult.Wait;
            case EventReceived:
                // The wait may have been long: a result that was fresh when the gate asked for the others may not be now.
                context.ReleaseBookmarks("the results are in");
                return Execute(context);
            case TimerFired when bookmark.Tag == RecheckTag:
                RequestLabs(context, context.TextList("codes"), "recheck");
                return ActivityResult.Wait;
            default:
                context.ReleaseBookmarks("the labs did not arrive in time");
                return ActivityResult.Done(Outcomes.Missing);
        }
    }

    private static ActivityResult Evaluate(ActivityContext context)
    {
        if (context.Flag("captureBaseline")) CaptureBaselines(context);

        var gate = context.RequiredText("gate");
        var results = context.ObjectList("rules").Select((rule, i) =>
        {
            var evaluation = context.EvaluateExpression(rule.GetProperty("expression").GetString()!, $"rules[{i}]");
            return new RuleResult(rule.GetProperty("label").GetString()!, evaluation.Result.AsBoolean(), evaluation.Explanation);
        }).ToList();
        var passed = results.All(r => r.Passed);
        var course = context.Course;
        var evaluation = new GateEvaluation(context.Activity.Id, gate, passed, context.Now, results);

        if (passed)
        {
            course.PassGate(evaluation);
            context.Journal(JournalTypes.GatePassed, Outcomes.Passed, new JsonObject
            {
                ["gate"] = gate,
                ["explanation"] = string.Join("; ", results.Select(r => $"{r.Label}: {r.Explanation}")),
            });
            return ActivityResult.Done(Outcomes.Passed);
        }

        // A held gate withdraws any earlier clearance: nothing may be given on labs that no longer pass.
        var heldTimes = course.HoldGate(evaluation);
        var reasons = new JsonArray([.. results.Where(r => !r.Passed).Select(r => (JsonNode)JsonValue.Create($"{r.Label}: {r.Explanation}"))]);
        context.Journal(JournalTypes.GateHeld, Outcomes.Held, new JsonObject { ["gate"] = gate, ["reasons"] = reasons, ["heldTimes"] = heldTimes });

        if (!context.HasInput("recheckAfter")) return ActivityResult.Done(Outcomes.Held);
        if (context.HasInput("maxRechecks") && heldTimes > context.Evaluate("maxRechecks").Result.AsDecimal())
        {
            // The count starts again if the pathway comes back to this gate (e.g. after a clinician review).
            course.ResetHeldCount(context.Activity.Id);
            return ActivityResult.Done(Outcomes.Held);
        }

        var recheckAt = context.Now + context.Evaluate("recheckAfter").Result.AsDuration();
        var task = CreateOrderTask(context, context.TextList("codes"), "held: " + string.Join("; ", reasons.Select(r => r!.GetValue<string>())), LabHold.Held, recheckAt);
        context.Journal(JournalTypes.ReminderCreated, null, new JsonObject
        {
            ["taskId"] = task.Id,
            ["kind"] = context.Text("reminderKind") ?? ReminderKinds.Renal,
            ["taskKind"] = task.Kind,
            ["dueAt"] = recheckAt,
        });
        context.AddBookmark(BookmarkKind.Timer, dueAt: recheckAt, tag: RecheckTag);
        return ActivityResult.Wait;
    }

    private static void RequestLabs(ActivityContext context, IReadOnlyList<string> codes, string reason)
    {
        context.Journal(JournalTypes.LabRequested, null, new JsonObject
        {
            ["codes"] = new JsonArray([.. codes.Select(c => (JsonNode)JsonValue.Create(c))]),
            ["gate"] = context.RequiredText("gate"),
            ["reason"] = reason,
        });
        foreach (var code in codes) context.AddBookmark(BookmarkKind.Event, eventType: EventTypes.Lab, eventKey: code);
        if (context.HasInput("missingAfter"))
            context.AddBookmark(BookmarkKind.Timer, dueAt: context.Now + context.Evaluate("missingAfter").Result.AsDuration(), tag: MissingTag);
    }

    private static TaskSpec CreateOrderTask(ActivityContext context, IReadOnlyList<string> codes, string why, LabHold labHold, DateTimeOffset? dueAt)
    {
        var gate = context.RequiredText("gate");
        var names = string.Join(", ", codes.Select(c => $"{LabCatalog.NameOf(c)} ({c})"));
        return TaskInputs.CreateTask(context, new TaskSpec
        {
            Id = Guid.Empty,
            Kind = TaskKinds.OrderLabs,
            ActivityId = context.Activity.Id,
            Role = TaskRoles.Coordinator,
            Title = $"Order labs for the {gate} gate: {names}",
            Instructions = $"Labs {why}. Order them and record the results; the gate re-evaluates when they are in.",
            Outcomes = [Ordered],
            DefaultOutcome = Ordered,
            DueAt = dueAt,
            LabHold = labHold,
            Evidence = new JsonObject
            {
                ["gate"] = gate,
                ["codes"] = new JsonArray([.. codes.Select(c => (JsonNode)JsonValue.Create(c))]),
                ["reason"] = why,
            },
        }, blocking: true);
    }

    private static void CaptureBaselines(ActivityContext context)
    {
        foreach (var code in context.TextList("codes").Where(c => !context.State.Baselines.ContainsKey(c)))
        {
            var latest = context.Scope.LatestLab(code);
            if (latest.IsNull) continue;
            context.State.Baselines[code] = new LabValue(latest.AsDecimal(), latest.Unit!, LatestObservedAt(context, code));
        }
    }

    private static DateTimeOffset LatestObservedAt(ActivityContext context, string code) =>
        context.Patient.Labs.Where(l => LabCatalog.Answers(l.Code, code)).Max(l => l.ObservedAt);

    private static DateTimeOffset? OrderDueAt(ActivityContext context) =>
        context.HasInput("orderDueIn") ? context.Now + context.Evaluate("orderDueIn").Result.AsDuration() : null;
}
