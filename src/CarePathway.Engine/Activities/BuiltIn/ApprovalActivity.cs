using System.Text.Json;
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
public sealed class ApprovalActivity : Activity
{
    internal static readonly IReadOnlyList<string> ApprovalOutcomes = [Outcomes.Approved, Outcomes.Rejected, Outcomes.Overridden];
    internal static readonly IReadOnlyList<string> NeedReason = [Outcomes.Rejected, Outcomes.Overridden];

    /// <summary>Marks the wait of an approval whose evidence has a check that does not hold: approving it is refused.</summary>
    private const string ChecksFailedTag = "checks-failed";

    /// <summary>The evidence items an approval shows; shared with the infusion approval.</summary>
    internal static readonly InputDescriptor EvidenceInput = new()
    {
        Name = "evidence", Kind = InputKind.ObjectList, Description = "What the clinician sees; items marked as checks must hold for approval without override.",
        Fields =
        [
            new InputDescriptor { Name = "label", Kind = InputKind.Text, Required = true, Description = "e.g. Creatinine within 10% of baseline" },
            new InputDescriptor { Name = "expression", Kind = InputKind.Expression, Required = true, Description = "The value or rule shown." },
            new InputDescriptor { Name = "check", Kind = InputKind.Boolean, Description = "True when the expression is a rule that must hold." },
        ],
    };

    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "Approval",
        DisplayName = "Clinician approval",
        Category = "People",
        Description = "Asks a clinician to approve, reject or override, showing the evidence. Reject and override need a reason.",
        Inputs =
        [
            TaskInputs.Kind, TaskInputs.Title, TaskInputs.Instructions, TaskInputs.DueIn,
            EvidenceInput,
        ],
        Outcomes = ApprovalOutcomes,
        Blocking = true,
    };

    public override ActivityResult Execute(ActivityContext context)
    {
        var evidence = CollectEvidence(context);
        var passed = evidence["passed"]!.GetValue<bool>();
        // With failing evidence nobody may approve by default: it stays open until a clinician acts.
        TaskInputs.Create(context, TaskRoles.Clinician, ApprovalOutcomes, blocking: true, reasonRequiredFor: NeedReason,
            defaultOutcome: passed ? Outcomes.Approved : null, evidence: evidence, bookmarkTag: passed ? null : ChecksFailedTag);
        return ActivityResult.Wait;
    }

    /// <summary>
    /// Reject and override need a reason; approving is refused while a check in the evidence does not hold
    /// (the descriptor's promise: checks must hold for approval without override), so going past a failed
    /// check is always an override with its reason journaled.
    /// </summary>
    public override IReadOnlyList<ValidationProblem> Refuses(ActivityDefinition activity, InstanceState state, Stimulus stimulus, DateTimeOffset now)
    {
        if (stimulus is not TaskCompleted completion) return [];
        var problems = TaskCompletionRules.Check(ApprovalOutcomes, NeedReason, completion.Outcome, completion.Reason);
        if (problems.Count == 0 && completion.Outcome == Outcomes.Approved
            && state.Bookmarks.Any(b => b.TaskId == completion.TaskId && b.Tag == ChecksFailedTag))
            return [new ValidationProblem(null, "outcome", "a check in the evidence does not hold: override with a reason, or reject")];
        return problems;
    }

    public override ActivityResult Resume(ActivityContext context, Bookmark bookmark, Stimulus stimulus)
    {
        var completion = (TaskCompleted)stimulus;
        TaskInputs.JournalCompletion(context, completion);
        return ActivityResult.Done(completion.Outcome);
    }

    /// <summary>Evaluates the evidence items; "passed" is false when any item marked as a check does not hold.</summary>
    internal static JsonObject CollectEvidence(ActivityContext context)
    {
        var items = new JsonArray();
        var passed = true;
        var index = 0;
        foreach (var item in context.ObjectList("evidence"))
        {
            var label = item.GetProperty("label").GetString()!;
            var evaluation = context.EvaluateExpression(item.GetProperty("expression").GetString()!, $"evidence[{index++}]");
            var isCheck = item.TryGetProperty("check", out var c) && c.ValueKind == JsonValueKind.True;
            var entry = new JsonObject
            {
                ["label"] = label,
                ["value"] = evaluation.Result.ToJsonNode(),
                ["explanation"] = evaluation.Explanation,
            };
            if (isCheck)
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
