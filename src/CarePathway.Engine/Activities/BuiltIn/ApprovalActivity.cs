using System.Text.Json.Nodes;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Activities.BuiltIn;

/// <summary>
/// A clinician's decision with the evidence in front of them. Rejecting or overriding needs a
/// reason; the evidence (each item's value, explanation and, for checks, whether it passed) is
/// frozen on the task when it is created, so what was approved is what was seen.
/// </summary>
public sealed class ApprovalActivity : Activity<ApprovalActivity.Inputs>
{
    internal static readonly IReadOnlyList<string> ApprovalOutcomes = [Outcomes.Approved, Outcomes.Rejected, Outcomes.Overridden];
    internal static readonly IReadOnlyList<string> NeedReason = [Outcomes.Rejected, Outcomes.Overridden];

    /// <summary>Marks the wait of an approval whose evidence has a check that does not hold: approving it is refused.</summary>
    private const string ChecksFailedTag = "checks-failed";

    /// <summary>The description of the evidence input; shared with the infusion approval.</summary>
    internal const string EvidenceDescription = "What the clinician sees; items marked as checks must hold for approval without override.";

    public sealed record Inputs : DecidedRoleTaskInputs
    {
        [Input(EvidenceDescription)]
        public IReadOnlyList<EvidenceItem> Evidence { get; init; } = [];
    }

    /// <summary>An item of evidence an approval shows; the infusion approval shows them too.</summary>
    public sealed record EvidenceItem
    {
        [Input("e.g. Creatinine within 10% of baseline")]
        public required string Label { get; init; }

        [Input("The value or rule shown.")]
        public required ExpressionInput Expression { get; init; }

        [Input("True when the expression is a rule that must hold.")]
        public bool Check { get; init; }
    }

    protected override ActivityDescriptor About { get; } = new()
    {
        Type = "Approval",
        DisplayName = "Clinician approval",
        Category = "People",
        Description = "Asks a clinician to approve, reject or override, showing the evidence. Reject and override need a reason.",
        Outcomes = ApprovalOutcomes,
        Blocking = true,
    };

    public override ActivityResult Execute(ActivityContext context, Inputs inputs)
    {
        var evidence = CollectEvidence(context, inputs.Evidence);
        var passed = evidence["passed"]!.GetValue<bool>();
        // With failing evidence nobody may approve by default: it stays open until a clinician acts.
        TaskInputs.Create(context, inputs, TaskRoles.Clinician, ApprovalOutcomes, blocking: true, reasonRequiredFor: NeedReason,
            defaultOutcome: passed ? Outcomes.Approved : null, evidence: evidence, bookmarkTag: passed ? null : ChecksFailedTag);
        return ActivityResult.Wait;
    }

    /// <summary>
    /// Reject and override need a reason; approving is refused while a check in the evidence does not hold
    /// (the descriptor's promise: checks must hold for approval without override), so going past a failed
    /// check is always an override with its reason journaled.
    /// </summary>
    public override IReadOnlyList<ValidationProblem> Refuses(Inputs inputs, InstanceState state, Stimulus stimulus, DateTimeOffset now)
    {
        if (stimulus is not TaskCompleted completion) return [];
        var problems = TaskCompletionRules.Check(ApprovalOutcomes, NeedReason, completion.Outcome, completion.Reason);
        if (problems.Count == 0 && completion.Outcome == Outcomes.Approved
            && state.Bookmarks.Any(b => b.TaskId == completion.TaskId && b.Tag == ChecksFailedTag))
            return [new ValidationProblem(null, "outcome", "a check in the evidence does not hold: override with a reason, or reject")];
        return problems;
    }

    public override ActivityResult Resume(ActivityContext context, Inputs inputs, Bookmark bookmark, Stimulus stimulus)
    {
        var completion = (TaskCompleted)stimulus;
        TaskInputs.JournalCompletion(context, completion, inputs.Kind);
        return ActivityResult.Done(completion.Outcome);
    }

    /// <summary>Evaluates the evidence items; "passed" is false when any item marked as a check does not hold.</summary>
    internal static JsonObject CollectEvidence(ActivityContext context, IReadOnlyList<EvidenceItem> evidence)
    {
        var items = new JsonArray();
        var passed = true;
        foreach (var item in evidence)
        {
            var evaluation = context.Evaluate(item.Expression);
            var entry = new JsonObject
            {
                ["label"] = item.Label,
                ["value"] = evaluation.Result.ToJsonNode(),
                ["explanation"] = evaluation.Explanation,
            };
            if (item.Check)
            {
                var holds = evaluation.Result.AsBoolean();
                entry["passed"] = holds;
                passed &= holds;
            }

            items.Add(entry);
        }

        return new JsonObject { ["items"] = items, ["passed"] = passed };
    }
}
