using System.Text.Json.Nodes;
using CarePathway.Engine.Activities.BuiltIn;
using CarePathway.Engine.Execution;

namespace CarePathway.Engine.Activities.Clinical;

/// <summary>
/// What a lab gate asks a clinician when its rechecks run out (hazard 5). The gate does not give up by itself: it raises
/// this task and keeps rechecking, so fresh results that pass close the escalation and the gate passes on its own (no
/// override for a patient who recovered). The clinician may keep it rechecking, stop the wait with a reason (the
/// gate's held outcome), or, for a work-up gate, override it with a reason (its overridden outcome; the pre-dose gates
/// still guard every dose). <see cref="LabGateActivity"/> decides when.
/// </summary>
internal static class GateEscalations
{
    public const string KeepRechecking = "keep-rechecking";
    public const string Override = "override";
    public const string Stop = "stop";
    private const string Tag = "escalation";
    private static readonly IReadOnlyList<string> NeedReason = [Override, Stop];

    /// <summary>A work-up gate (its labs are not kept fresh until the dose) may be overridden; a pre-dose gate may not.</summary>
    public static IReadOnlyList<string> Outcomes(bool workUp) => workUp ? [KeepRechecking, Override, Stop] : [KeepRechecking, Stop];

    public static bool IsEscalation(Bookmark bookmark) => bookmark.Kind == BookmarkKind.Task && bookmark.Tag == Tag;

    public static bool IsOpen(ActivityContext context) => context.OwnBookmarks.Any(IsEscalation);

    public static bool Answers(InstanceState state, TaskCompleted completion) =>
        state.Bookmarks.Any(b => IsEscalation(b) && b.TaskId == completion.TaskId);

    public static IReadOnlyList<Validation.ValidationProblem> Refuses(bool workUp, TaskCompleted completion) =>
        TaskCompletionRules.Check(Outcomes(workUp), NeedReason, completion.Outcome, completion.Reason);

    public static void Raise(ActivityContext context, string title, ExpressionInput? respondWithin, string gate, bool workUp, JsonArray reasons)
    {
        TaskInputs.CreateTask(context, new TaskSpec
        {
            Id = Guid.Empty,
            Kind = TaskKinds.GateEscalation,
            ActivityId = context.Activity.Id,
            Role = TaskRoles.Clinician,
            Title = title,
            Instructions = $"The {gate} gate still holds after its rechecks."
                + " The gate keeps rechecking: results that pass close this task by themselves."
                + (workUp ? " Keep rechecking, override with a reason, or stop with a reason." : " Keep rechecking, or stop with a reason."),
            Outcomes = Outcomes(workUp),
            ReasonRequiredFor = NeedReason,
            DefaultOutcome = KeepRechecking,
            DueAt = TaskInputs.DueAt(context, respondWithin),
            DueIsDeadline = respondWithin is not null,
            Evidence = new JsonObject { ["gate"] = gate, ["reasons"] = reasons.DeepClone() },
        }, blocking: true, bookmarkTag: Tag);
    }

    /// <summary>The clinician's answer: go on waiting (the gate's own bookmarks stay), or leave on held or overridden.</summary>
    public static ActivityResult Decide(ActivityContext context, TaskCompleted completion)
    {
        TaskInputs.JournalCompletion(context, completion, TaskKinds.GateEscalation);
        if (completion.Outcome == KeepRechecking) return ActivityResult.Wait;
        context.ReleaseBookmarks(completion.Outcome == Override ? "a clinician overrode the gate" : "a clinician stopped the wait");
        return ActivityResult.Done(completion.Outcome == Override ? BuiltIn.Outcomes.Overridden : BuiltIn.Outcomes.Held);
    }
}
