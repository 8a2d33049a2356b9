using System.Text.Json.Nodes;
using CarePathway.Engine.Activities.BuiltIn;
using CarePathway.Engine.Clinical;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Activities.Clinical;

/// <summary>
/// A clinician decides on the planned cycle with the evidence in front of them: the last gate and each
/// rule's explanation, labs against baseline (with their history for a trend), the dose with its caps,
/// the rolling-year total and the infusion time. Approving needs a passed gate; when the gate held, the
/// only way on is an override with a reason, which becomes the clearance the administration needs.
/// </summary>
public sealed class InfusionApprovalActivity : Activity<InfusionApprovalActivity.Inputs>
{
    private static readonly IReadOnlyList<string> DecisionOutcomes = ApprovalActivity.ApprovalOutcomes;
    private static readonly IReadOnlyList<string> NeedReason = ApprovalActivity.NeedReason;

    /// <summary>Shown with every calculated dose (clinical-reference.md: the product must say so).</summary>
    public const string Disclaimer = "Calculation support, not medical advice: check every number before prescribing.";

    public sealed record Inputs : DecidedRoleTaskInputs
    {
        [Input("LOINC codes to show against baseline, e.g. 2160-0.")]
        public IReadOnlyList<string> Labs { get; init; } = [];

        [Input(ApprovalActivity.EvidenceDescription)]
        public IReadOnlyList<ApprovalActivity.EvidenceItem> Evidence { get; init; } = [];

        [Input(ClearanceExpiry.InputDescription)]
        public bool RecheckWhenLabsExpire { get; init; }
    }

    protected override ActivityDescriptor About { get; } = new()
    {
        Type = "InfusionApproval",
        DisplayName = "Infusion approval",
        Category = "Clinical",
        Description = "A clinician approves the planned cycle seeing the gate, labs against baseline, dose, caps and infusion time; override or reject need a reason.",
        Outcomes = [.. DecisionOutcomes, Outcomes.LabsExpired],
        Blocking = true,
    };

    public override IReadOnlyList<string> OutcomesOf(Inputs inputs) => inputs.RecheckWhenLabsExpire ? Descriptor.Outcomes : DecisionOutcomes;

    /// <summary>Marks the task of an approval whose evidence has a check that does not hold: approving it is refused.</summary>
    private const string ChecksFailedTag = "checks-failed";

    public override ActivityResult Execute(ActivityContext context, Inputs inputs)
    {
        var plan = context.Course.PlanToDecide();
        if (inputs.RecheckWhenLabsExpire && ClearanceExpiry.ExpiredOrWatch(context)) return ClearanceExpiry.Lapse(context);

        var extra = ApprovalActivity.CollectEvidence(context, inputs.Evidence);
        var gatePassed = context.Course.Clearance is not null;
        var evidence = new JsonObject
        {
            ["disclaimer"] = Disclaimer,
            ["gate"] = GateEvidence(context.Course.LastGate),
            ["gates"] = new JsonArray([.. context.Course.GatesSinceLastDose.Select(g => (JsonNode)GateEvidence(g)!)]),
            ["cleared"] = gatePassed,
            ["labsFreshUntil"] = ClearanceExpiry.ExpiresAt(context.Course),
            // The labs the approval names and every lab the gates since the last dose used (calcium, not only creatinine).
            ["labs"] = LabEvidence(context, [.. inputs.Labs.Concat(context.Course.GatesSinceLastDose.SelectMany(g => g.Codes ?? [])).Distinct()]),
            ["dose"] = DoseEvidence(plan, context.Course.Administered.Where(a => a.Cycle == plan.Cycle).ToList()),
            ["items"] = extra["items"]!.DeepClone(),
            ["passed"] = gatePassed && plan.Outcome == DosePlanOutcomes.WithinCaps && extra["passed"]!.GetValue<bool>(),
        };
        // Nobody approves by default a held gate or a capped cycle: it stays open until a clinician acts. A failed check
        // (a dose outside its documented range) is never approved: the way past it is an override with a reason.
        TaskInputs.Create(context, inputs, TaskRoles.Clinician, DecisionOutcomes, blocking: true, reasonRequiredFor: NeedReason,
            defaultOutcome: evidence["passed"]!.GetValue<bool>() ? Outcomes.Approved : null, evidence: evidence,
            bookmarkTag: extra["passed"]!.GetValue<bool>() ? null : ChecksFailedTag);
        if (inputs.RecheckWhenLabsExpire) HeldGateWatch.Arm(context);
        return ActivityResult.Wait;
    }

    public override IReadOnlyList<ValidationProblem> Refuses(Inputs inputs, InstanceState state, Stimulus stimulus, DateTimeOffset now)
    {
        if (stimulus is not TaskCompleted completion) return [];
        var problems = TaskCompletionRules.Check(DecisionOutcomes, NeedReason, completion.Outcome, completion.Reason);
        if (problems.Count > 0 || completion.Outcome == Outcomes.Rejected) return problems;
        if (completion.Outcome == Outcomes.Approved && state.Course.Clearance is null)
            return [new ValidationProblem(null, "outcome", $"{GateNotPassed(state.Course.LastGate)}: override with a reason, or reject")];
        if (completion.Outcome == Outcomes.Approved && state.Bookmarks.Any(b => b.TaskId == completion.TaskId && b.Tag == ChecksFailedTag))
            return [new ValidationProblem(null, "outcome", "a check in the evidence does not hold: override with a reason, or reject")];
        // A decision on labs that are out of date by now would clear a dose on them.
        return ClearanceExpiry.Refusal(state.Course, now, "outcome") is { } expired ? [expired] : [];
    }

    /// <summary>Names the gate that held, so the approver sees which one without reading the evidence again.</summary>
    private static string GateNotPassed(GateEvaluation? lastGate) => lastGate switch
    {
        { Passed: false } held => $"the {held.Gate} gate did not pass",
        { } passed => $"the {passed.Gate} gate's clearance was withdrawn (a lab it read was entered in error): it must pass again",
        null => "no gate has passed for this dose",
    };

    public override bool StandsOn(Inputs inputs, InstanceState state, LabWithdrawn lab) => state.Course.StandsOn(lab);

    public override ActivityResult Resume(ActivityContext context, Inputs inputs, Bookmark bookmark, Stimulus stimulus)
    {
        if (stimulus is TimerFired) return ClearanceExpiry.Lapse(context);
        if (HeldGateWatch.Hears(bookmark)) return HeldGateWatch.Heard(context, bookmark);
        if (stimulus is LabWithdrawn) return inputs.RecheckWhenLabsExpire ? ClearanceExpiry.Withdrawn(context) : AskAgain(context, inputs);
        var completion = (TaskCompleted)stimulus;
        TaskInputs.JournalCompletion(context, completion, inputs.Kind);
        if (completion.Outcome == Outcomes.Approved) context.Course.Approve(completion.CompletedBy, completion.Reason);
        else if (completion.Outcome == Outcomes.Overridden) context.Course.Override(completion.CompletedBy, completion.Reason, context.Activity.Id, context.Now);
        return ActivityResult.Done(completion.Outcome);
    }

    /// <summary>
    /// Without a way back to its gate, an approval whose evidence stood on a lab entered in error is asked again (H11):
    /// the open task is cancelled (by the runner, as for any task a withdrawal resumes) and a new one shows the evidence
    /// as it is now (the lab gone, the clearance withdrawn), so nobody decides, or overrides, looking at a value nobody
    /// can vouch for.
    /// </summary>
    private ActivityResult AskAgain(ActivityContext context, Inputs inputs) => Execute(context, inputs);

    private static JsonObject? GateEvidence(GateEvaluation? gate) => gate is null ? null : new JsonObject
    {
        ["gate"] = gate.Gate,
        ["passed"] = gate.Passed,
        ["at"] = gate.At,
        ["rules"] = new JsonArray([.. gate.Rules.Select(r => (JsonNode)new JsonObject { ["label"] = r.Label, ["passed"] = r.Passed, ["explanation"] = r.Explanation })]),
    };

    private static JsonArray LabEvidence(ActivityContext context, IReadOnlyList<string> labs) =>
    [
        .. labs.Select(code =>
        {
            var latest = context.Scope.LatestLab(code);
            var calculated = context.Patient.LatestLab(code)?.Working;
            var baseline = context.State.Baselines.GetValueOrDefault(code);
            // In the unit the latest value and the baseline are in, so a molar result does not sit on a mass-unit trend.
            var history = context.Patient.Labs.Where(l => LabCatalog.Answers(l.Code, code)).OrderBy(l => l.ObservedAt)
                .Select(l =>
                {
                    var (value, unit) = LabCatalog.ReadAs(code, l.Code, l.Value, l.Unit);
                    return (JsonNode)new JsonObject { ["value"] = value, ["unit"] = unit, ["observedAt"] = l.ObservedAt };
                });
            return (JsonNode)new JsonObject
            {
                ["code"] = code,
                ["name"] = LabCatalog.NameOf(code),
                ["value"] = latest.IsNull ? null : latest.AsDecimal(),
                ["unit"] = latest.Unit,
                ["observedAt"] = context.Patient.LatestLab(code)?.ObservedAt,
                ["calculated"] = calculated,
                ["baseline"] = baseline is null ? null : new JsonObject { ["value"] = baseline.Value, ["unit"] = baseline.Unit, ["observedAt"] = baseline.ObservedAt },
                ["changePercent"] = baseline is null || latest.IsNull || baseline.Unit != latest.Unit || baseline.Value == 0m
                    ? null
                    : Math.Round((latest.AsDecimal() - baseline.Value) / baseline.Value * 100m, 1, MidpointRounding.AwayFromZero),
                ["history"] = new JsonArray([.. history]),
                ["thresholds"] = ThresholdEvidence(context, code),
            };
        }),
    ];

    /// <summary>
    /// The limits the gates since the last dose held this lab to, once each (two gates checking the same limit draw
    /// one line, under the latest gate's rule): the approver's trend draws them and flags the results beyond them.
    /// </summary>
    private static JsonArray ThresholdEvidence(ActivityContext context, string code) =>
    [
        .. context.Course.GatesSinceLastDose
            .SelectMany(g => g.Rules)
            .SelectMany(r => (r.Thresholds ?? []).Where(t => LabCatalog.Answers(t.Code, code)).Select(t => (Rule: r.Label, Limit: (t.Operator, t.Value, t.Unit))))
            .GroupBy(t => t.Limit)
            .Select(g => (JsonNode)new JsonObject { ["rule"] = g.Last().Rule, ["operator"] = g.Key.Operator, ["value"] = g.Key.Value, ["unit"] = g.Key.Unit }),
    ];

    /// <summary>The plan, its caps and totals; <paramref name="givenThisCycle"/> tells a mid-cycle approver which day they decide.</summary>
    private static JsonObject DoseEvidence(DosePlan plan, List<AdministrationRecord> givenThisCycle)
    {
        var totalMg = plan.DayDoses.Sum();
        // The annual cap in mg and what stays free after this cycle, so the approver reads them rather than works them out.
        var annualCapMg = plan.AnnualCapMgPerKg * plan.WeightKg;
        return new JsonObject
        {
            ["drug"] = plan.Drug,
            ["cycle"] = plan.Cycle,
            ["weightKg"] = plan.WeightKg,
            ["mgPerKg"] = plan.MgPerKg,
            ["doses"] = new JsonArray([.. plan.DayDoses.Select(d => (JsonNode)JsonValue.Create(d))]),
            ["totalMg"] = totalMg,
            ["dosesGivenThisCycle"] = givenThisCycle.Count,
            ["givenThisCycleMg"] = givenThisCycle.Sum(a => a.DoseMg),
            ["outcome"] = plan.Outcome,
            ["perDoseCapMg"] = plan.PerDoseCapMg,
            ["cappedPerDose"] = plan.CappedPerDose,
            ["annualCapMgPerKg"] = plan.AnnualCapMgPerKg,
            ["annualCapMg"] = Rounded(annualCapMg),
            ["administeredMg365Before"] = Rounded(plan.AdministeredMgBefore),
            ["cumulativeMgPerKg365Before"] = Rounded(plan.CumulativeMgPerKgBefore),
            ["cumulativeMgPerKg365After"] = Rounded(plan.CumulativeMgPerKgAfter),
            ["remainingMgPerKg365After"] = Rounded(plan.AnnualCapMgPerKg - plan.CumulativeMgPerKgAfter),
            ["remainingMg365After"] = Rounded(annualCapMg - plan.AdministeredMgBefore - totalMg),
            ["infusionMinutes"] = plan.InfusionMinutes,
            ["infusionExplanation"] = plan.InfusionExplanation,
            ["explanation"] = plan.Explanation,
        };
    }

    private static decimal? Rounded(decimal? value) => value is { } v ? Math.Round(v, 2, MidpointRounding.AwayFromZero) : null;
}
