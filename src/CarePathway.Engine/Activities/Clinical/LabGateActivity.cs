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
/// <c>recheckAfter</c> (a reminder now, the request then) and passes when the rules hold again; when its
/// <c>maxRechecks</c> run out it takes the held outcome, or, with <c>escalateTo</c>, asks a clinician and keeps
/// rechecking (<see cref="GateEscalations"/>). A passed gate records the clearance the next administration needs.
/// </summary>
public sealed class LabGateActivity : Activity<LabGateActivity.Inputs>
{
    private const string RecheckTag = "recheck";
    private const string MissingTag = "missing";
    private const string Ordered = "ordered";

    public sealed record Inputs
    {
        [Input("The gate's name as clinicians read it, e.g. pre-infusion renal.")]
        public required string Gate { get; init; }

        [Input("LOINC codes of the labs it needs, e.g. 2160-0 (creatinine).")]
        public required IReadOnlyList<string> Codes { get; init; }

        [Input("How recent each result must be, e.g. param.labFreshness.", ExpressionType = ExpressionType.Duration)]
        public required ExpressionInput Freshness { get; init; }

        [Input("Every rule must hold for the gate to pass; each is explained when it fails.")]
        public required IReadOnlyList<Rule> Rules { get; init; }

        [Input("Results for codes without a baseline become the course's baseline (once).")]
        public bool CaptureBaseline { get; init; }

        [Input("The dose must be given while these labs are fresh (default). False for a work-up gate (a baseline, a vitamin D before the first dose): its labs were checked in time, and the pre-dose gates keep the dose on fresh results.")]
        public bool KeepFreshUntilDose { get; init; } = true;

        [Input("When held: request the labs again after this long, with a reminder now.", ExpressionType = ExpressionType.Duration)]
        public ExpressionInput? RecheckAfter { get; init; }

        [Input("What the recheck reminder is about (default renal).", OptionsOf = typeof(ReminderKinds))]
        public string ReminderKind { get; init; } = ReminderKinds.Renal;

        [Input("With recheckAfter: how many rechecks may still hold before the gate takes the held outcome.", ExpressionType = ExpressionType.Number)]
        public ExpressionInput? MaxRechecks { get; init; }

        [Input("Take the missing outcome when requested results are not in after this long.", ExpressionType = ExpressionType.Duration)]
        public ExpressionInput? MissingAfter { get; init; }

        [Input("When the order for missing or out-of-date labs is due (a deadline: the labs are needed now).", ExpressionType = ExpressionType.Duration)]
        public ExpressionInput? OrderDueIn { get; init; }

        [Input("With maxRechecks: when the rechecks run out, ask a clinician (a task with this title) instead of taking the held outcome, and keep rechecking; results that pass close the escalation.")]
        public string? EscalationTitle { get; init; }

        [Input("The escalation is due this long after it is raised.", ExpressionType = ExpressionType.Duration)]
        public ExpressionInput? EscalationRespondWithin { get; init; }
    }

    public sealed record Rule
    {
        [Input("e.g. Creatinine within 10% of baseline")]
        public required string Label { get; init; }

        [Input("e.g. lab(\"2160-0\") <= baseline(\"2160-0\") * 1.10", ExpressionType = ExpressionType.Boolean)]
        public required ExpressionInput Expression { get; init; }
    }

    protected override ActivityDescriptor About { get; } = new()
    {
        Type = "LabGate",
        DisplayName = "Lab gate",
        Category = "Clinical",
        Description = "Needs fresh labs and checks rules on them: passes, holds (and rechecks), or gives up when labs stay missing.",
        Outcomes = [Outcomes.Passed, Outcomes.Held, Outcomes.Missing],
        Blocking = true,
    };

    public override IReadOnlyList<string> OutcomesOf(Inputs inputs)
    {
        var outcomes = new List<string> { Outcomes.Passed };
        // Without a recheck the gate can only stop on held; with one, only after maxRechecks.
        if (inputs.RecheckAfter is null || inputs.MaxRechecks is not null) outcomes.Add(Outcomes.Held);
        if (inputs.EscalationTitle is not null && !inputs.KeepFreshUntilDose) outcomes.Add(Outcomes.Overridden);
        if (inputs.MissingAfter is not null) outcomes.Add(Outcomes.Missing);
        return outcomes;
    }

    public override IEnumerable<ValidationProblem> Validate(ActivityDefinition activity, Inputs inputs, WorkflowDefinition definition)
    {
        if (inputs.Codes.Count == 0)
            yield return new ValidationProblem(activity.Id, "inputs.codes", "name at least one lab code");
        if (inputs.Rules.Count == 0)
            yield return new ValidationProblem(activity.Id, "inputs.rules", "give at least one rule");
        if (inputs.MaxRechecks is not null && inputs.RecheckAfter is null)
            yield return new ValidationProblem(activity.Id, "inputs.maxRechecks", "only counts rechecks: give recheckAfter too");
        if (inputs.EscalationTitle is not null && inputs.MaxRechecks is null)
            yield return new ValidationProblem(activity.Id, "inputs.escalationTitle", "escalates when the rechecks run out: give recheckAfter and maxRechecks too");
        if (inputs.EscalationRespondWithin is not null && inputs.EscalationTitle is null)
            yield return new ValidationProblem(activity.Id, "inputs.escalationRespondWithin", "dates the escalation: give escalationTitle too");
        foreach (var problem in GateLabCodes.Check(activity, inputs.Codes, inputs.Rules.Select(r => r.Expression), definition)) yield return problem;
    }

    public override IEnumerable<ValidationProblem> Advise(ActivityDefinition activity, Inputs inputs)
    {
        if (inputs.RecheckAfter is not null && inputs.MaxRechecks is null)
            yield return new ValidationProblem(activity.Id, "inputs.maxRechecks",
                "a held gate rechecks for ever: give maxRechecks (and escalationTitle, so a clinician is asked and the gate keeps rechecking)");
        if (inputs.OrderDueIn is null && inputs.MissingAfter is null)
            yield return new ValidationProblem(activity.Id, "inputs.orderDueIn", "its order for missing labs has no due date (orderDueIn) and the gate no missingAfter: labs that never come hold the pathway unseen");
    }

    public override ActivityResult Execute(ActivityContext context, Inputs inputs)
    {
        var notFresh = NotFresh(context, inputs);
        if (notFresh.Count == 0) return Evaluate(context, inputs);

        RequestLabs(context, inputs, notFresh, notFresh.Any(c => context.Patient.LatestLab(c) is null) ? "missing" : "stale");
        CreateOrderTask(context, inputs.Gate, notFresh, "missing or out of date", LabHold.Missing, TaskInputs.DueAt(context, inputs.OrderDueIn), dueIsDeadline: true);
        return ActivityResult.Wait;
    }

    /// <summary>The codes without a result (reported or, for corrected calcium, calculated) drawn within the freshness window.</summary>
    private static List<string> NotFresh(ActivityContext context, Inputs inputs)
    {
        var oldest = context.Now - Freshness(context, inputs);
        return [.. inputs.Codes.Where(code => context.Patient.LatestLab(code) is not { } lab || lab.ObservedAt < oldest)];
    }

    /// <summary>
    /// True while a requested lab has not come in: every requested code waits for its own result, and a code the engine
    /// can calculate (corrected calcium) for its reported result or all of the results it is calculated from.
    /// </summary>
    private static bool Outstanding(ActivityContext context, Inputs inputs)
    {
        var waiting = context.OwnBookmarks.Where(b => b.Kind == BookmarkKind.Event).Select(b => b.EventKey).ToHashSet(StringComparer.Ordinal);
        return inputs.Codes.Any(code => waiting.Contains(code) && LabCatalog.CalculatedFrom(code) is var sources && (sources.Count == 0 || sources.Any(waiting.Contains)));
    }

    private static TimeSpan Freshness(ActivityContext context, Inputs inputs) => context.Evaluate(inputs.Freshness).Result.AsDuration();

    public override IReadOnlyList<ValidationProblem> Refuses(Inputs inputs, InstanceState state, Stimulus stimulus, DateTimeOffset now) => stimulus switch
    {
        TaskCompleted escalation when GateEscalations.Answers(state, escalation) => GateEscalations.Refuses(!inputs.KeepFreshUntilDose, escalation),
        TaskCompleted completion => TaskCompletionRules.Check([Ordered], [], completion.Outcome, completion.Reason),
        _ => [],
    };

    public override bool StandsOn(Inputs inputs, InstanceState state, LabWithdrawn lab) => inputs.Codes.Any(lab.Concerns);

    public override ActivityResult Resume(ActivityContext context, Inputs inputs, Bookmark bookmark, Stimulus stimulus)
    {
        switch (stimulus)
        {
            case LabWithdrawn:
                // A result it read or waited on no longer counts: it looks at the labs again, and asks for any now missing.
                context.ReleaseBookmarks("a result it read was entered in error: the gate runs again without it", GateEscalations.IsEscalation);
                return Execute(context, inputs);
            case TaskCompleted escalation when GateEscalations.IsEscalation(bookmark):
                return GateEscalations.Decide(context, escalation);
            case TaskCompleted completion:
                // Ordering is recorded; the gate goes on waiting for the results themselves.
                TaskInputs.JournalCompletion(context, completion, TaskKinds.OrderLabs);
                return ActivityResult.Wait;
            case EventReceived when Outstanding(context, inputs):
                return ActivityResult.Wait;
            case EventReceived:
                // The wait may have been long: a result that was fresh when the gate asked for the others may not be now.
                context.ReleaseBookmarks("the results are in", GateEscalations.IsEscalation);
                return Execute(context, inputs);
            case TimerFired when bookmark.Tag == RecheckTag:
                RequestLabs(context, inputs, inputs.Codes, "recheck");
                return ActivityResult.Wait;
            default:
                context.ReleaseBookmarks("the labs did not arrive in time");
                return ActivityResult.Done(Outcomes.Missing);
        }
    }

    private static ActivityResult Evaluate(ActivityContext context, Inputs inputs)
    {
        if (inputs.CaptureBaseline) CaptureBaselines(context, inputs.Codes);

        var gate = inputs.Gate;
        var evaluation = EvaluateRules(context, context.Activity.Id, inputs);
        var (results, passed, course) = (evaluation.Rules, evaluation.Passed, context.Course);

        if (passed)
        {
            if (GateEscalations.IsOpen(context)) context.ReleaseBookmarks("the gate passed on fresh results: the escalation is closed");
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

        if (inputs.RecheckAfter is not { } recheckAfter) return ActivityResult.Done(Outcomes.Held);
        if (inputs.MaxRechecks is { } maxRechecks && heldTimes > context.Evaluate(maxRechecks).Result.AsDecimal())
        {
            // The count starts again if the pathway comes back to this gate (e.g. after a clinician review), or, escalated,
            // for the rechecks a clinician lets it go on with.
            course.ResetHeldCount(context.Activity.Id);
            if (inputs.EscalationTitle is not { } escalation) return ActivityResult.Done(Outcomes.Held);
            if (!GateEscalations.IsOpen(context))
                GateEscalations.Raise(context, escalation, inputs.EscalationRespondWithin, gate, !inputs.KeepFreshUntilDose, reasons);
        }

        var recheckAt = context.Now + context.Evaluate(recheckAfter).Result.AsDuration();
        var task = CreateOrderTask(context, gate, inputs.Codes, "held: " + string.Join("; ", reasons.Select(r => r!.GetValue<string>())), LabHold.Held, recheckAt);
        context.Journal(JournalTypes.ReminderCreated, null, new JsonObject
        {
            ["taskId"] = task.Id,
            ["kind"] = inputs.ReminderKind,
            ["taskKind"] = task.Kind,
            ["dueAt"] = recheckAt,
        });
        context.AddBookmark(BookmarkKind.Timer, dueAt: recheckAt, tag: RecheckTag);
        return ActivityResult.Wait;
    }

    /// <summary>Every rule of the gate <paramref name="gateId"/> on the patient's latest results, each with its explanation.</summary>
    private static GateEvaluation EvaluateRules(ActivityContext context, string gateId, Inputs inputs)
    {
        var results = inputs.Rules.Select(rule =>
        {
            var evaluation = context.Evaluate(rule.Expression);
            return new RuleResult(rule.Label, evaluation.Result.AsBoolean(), evaluation.Explanation) { Thresholds = evaluation.Thresholds is [] ? null : evaluation.Thresholds };
        }).ToList();
        return new GateEvaluation(gateId, inputs.Gate, results.All(r => r.Passed), context.Now, results)
        {
            Codes = inputs.Codes,
            FreshUntil = inputs.KeepFreshUntilDose ? FreshUntil(context, inputs) : null,
        };
    }

    /// <summary>
    /// The held gate a clinician's decision waits on, run again on the patient's latest results from another activity (an
    /// approval asked to override it, <see cref="HeldGateWatch"/>): its evaluation when its labs are all fresh and every rule
    /// holds, else null. Nothing is recorded.
    /// </summary>
    internal static GateEvaluation? PassingNow(ActivityContext context, string gateId)
    {
        if (CodesOf(context, gateId) is null || context.Definition.Bound(gateId) is not BoundActivity<Inputs> { Inputs: var inputs } || NotFresh(context, inputs).Count > 0) return null;
        var evaluation = EvaluateRules(context, gateId, inputs);
        return evaluation.Passed ? evaluation : null;
    }

    /// <summary>The codes a request for <paramref name="codes"/> listens for: each, and what a calculated one is calculated from.</summary>
    internal static IEnumerable<string> Answering(IEnumerable<string> codes) => codes.SelectMany(c => LabCatalog.CalculatedFrom(c).Prepend(c)).Distinct();

    /// <summary>The lab codes of the gate <paramref name="gateId"/>, or null when it is not a lab gate.</summary>
    internal static IReadOnlyList<string>? CodesOf(ActivityContext context, string gateId) =>
        context.Definition.HasActivity(gateId) && context.Definition.Bound(gateId) is BoundActivity<Inputs> { Inputs: var inputs } ? inputs.Codes : null;

    private static void RequestLabs(ActivityContext context, Inputs inputs, IReadOnlyList<string> codes, string reason)
    {
        context.Journal(JournalTypes.LabRequested, null, new JsonObject
        {
            ["codes"] = new JsonArray([.. codes.Select(c => (JsonNode)JsonValue.Create(c))]),
            ["gate"] = inputs.Gate,
            ["reason"] = reason,
        });
        // A code the engine can calculate is answered by its reported result or by the results it is calculated from.
        foreach (var code in Answering(codes))
            context.AddBookmark(BookmarkKind.Event, eventType: EventTypes.Lab, eventKey: code);
        if (inputs.MissingAfter is { } missingAfter)
            context.AddBookmark(BookmarkKind.Timer, dueAt: context.Now + context.Evaluate(missingAfter).Result.AsDuration(), tag: MissingTag);
    }

    /// <summary>The coordinator's order for the gate's labs: a deadline for labs needed now (missing or stale), a planned day for a recheck.</summary>
    private static TaskSpec CreateOrderTask(ActivityContext context, string gate, IReadOnlyList<string> codes, string why, LabHold labHold, DateTimeOffset? dueAt,
        bool dueIsDeadline = false)
    {
        var names = string.Join(", ", codes.Select(Describe));
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
            DueIsDeadline = dueIsDeadline,
            LabHold = labHold,
            Evidence = new JsonObject
            {
                ["gate"] = gate,
                ["codes"] = new JsonArray([.. codes.Select(c => (JsonNode)JsonValue.Create(c))]),
                ["reason"] = why,
            },
        }, blocking: true);
    }

    /// <summary>A code as the order-labs task names it, with what it can be calculated from.</summary>
    private static string Describe(string code)
    {
        var sources = LabCatalog.CalculatedFrom(code);
        var own = $"{LabCatalog.NameOf(code)} ({code})";
        return sources.Count == 0 ? own : $"{own} or {string.Join(" with ", sources.Select(s => $"{LabCatalog.NameOf(s)} ({s})"))}";
    }

    /// <summary>
    /// The first moment the oldest of the labs the gate used is out of its freshness window (a lab exactly as old as the
    /// window is still fresh, so one microsecond after): the clearance it gives ends then, and the gate, run again then, asks for new labs.
    /// </summary>
    // The finest time every store keeps (PostgreSQL: microseconds), so the lapse timer is stored as it was set.
    private static readonly TimeSpan FreshnessResolution = TimeSpan.FromMicroseconds(1);

    private static DateTimeOffset FreshUntil(ActivityContext context, Inputs inputs) =>
        inputs.Codes.Min(code => context.Patient.LatestLab(code)!.ObservedAt) + Freshness(context, inputs) + FreshnessResolution;

    private static void CaptureBaselines(ActivityContext context, IReadOnlyList<string> codes)
    {
        foreach (var code in codes.Where(c => !context.State.Baselines.ContainsKey(c)))
        {
            var latest = context.Scope.LatestLab(code);
            if (latest.IsNull) continue;
            context.State.Baselines[code] = new LabValue(latest.AsDecimal(), latest.Unit!, context.Patient.LatestLab(code)!.ObservedAt);
        }
    }
}
