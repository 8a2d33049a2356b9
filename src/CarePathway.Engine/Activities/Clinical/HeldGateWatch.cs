using System.Text.Json.Nodes;
using CarePathway.Engine.Activities.BuiltIn;
using CarePathway.Engine.Execution;

namespace CarePathway.Engine.Activities.Clinical;

/// <summary>
/// A clinician asked to override a held gate is asked only while the gate holds (hazard 5). A gate whose held route is
/// an approval (CRMO's renal resume after its rechecks) has left its wait, so it cannot recheck and close its own
/// escalation as an escalated gate does (<see cref="GateEscalations"/>): the approval listens for the held gate's labs
/// instead. A result that leaves every rule of the gate holding on fresh labs passes the gate (journaled
/// <c>gate.passed</c>, the task cancelled), and the approval takes <c>labsExpired</c> back to the gates, which pass on
/// it: no override for a patient who recovered. A result that still holds changes nothing; the clinician decides.
/// Only with a way back (<c>recheckWhenLabsExpire</c>); nothing is ordered, the recheck schedule stays the gate's.
/// </summary>
internal static class HeldGateWatch
{
    /// <summary>Listens for the held gate's labs when the decision being asked for is whether to go past it.</summary>
    public static void Arm(ActivityContext context)
    {
        if (context.Course.LastGate is not { Passed: false } held || LabGateActivity.CodesOf(context, held.ActivityId) is not { } codes) return;
        foreach (var code in LabGateActivity.Answering(codes)) Listen(context, code);
    }

    public static bool Hears(Bookmark bookmark) => bookmark.Kind == BookmarkKind.Event && bookmark.Watches;

    /// <summary>A result came in: the gate passes and the decision is withdrawn, or the approval goes on listening.</summary>
    public static ActivityResult Heard(ActivityContext context, Bookmark bookmark)
    {
        if (context.Course.LastGate is not { Passed: false } held || LabGateActivity.PassingNow(context, held.ActivityId) is not { } passing)
        {
            Listen(context, bookmark.EventKey!);
            return ActivityResult.Wait;
        }

        context.ReleaseBookmarks($"the {held.Gate} gate's rules hold on fresh results: no override is needed, the gates run again");
        context.Course.PassGate(passing);
        context.Journal(JournalTypes.GatePassed, Outcomes.Passed, new JsonObject
        {
            ["gate"] = passing.Gate,
            ["explanation"] = string.Join("; ", passing.Rules.Select(r => $"{r.Label}: {r.Explanation}")),
            ["closed"] = "the clinician's decision on the held gate is no longer needed",
        });
        return ActivityResult.Done(Outcomes.LabsExpired);
    }

    private static void Listen(ActivityContext context, string code) =>
        context.AddBookmark(BookmarkKind.Event, eventType: EventTypes.Lab, eventKey: code, tag: Bookmark.WatchTag);
}
