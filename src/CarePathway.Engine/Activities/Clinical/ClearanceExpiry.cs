using System.Globalization;
using System.Text.Json.Nodes;
using CarePathway.Engine.Activities.BuiltIn;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Activities.Clinical;

/// <summary>
/// A clearance does not outlive its labs (hazard 3). An approval or an infusion that waits on a person, with
/// <c>recheckWhenLabsExpire</c>, watches when the labs its dose stands on leave their gate's freshness window: then its
/// task is cancelled and it takes <c>labsExpired</c>, which a pathway connects back to the gate, so the dose is decided
/// and given on fresh results. Without it, an answer after that time is still refused (<see cref="Refusal"/>).
/// </summary>
internal static class ClearanceExpiry
{
    public const string Tag = "labs-expire";
    public const string InputDescription =
        "When the labs the dose stands on go out of date before this is answered: cancel the task and take labsExpired (connect it back to the gate).";

    /// <summary>When the labs behind the dose leave their window: the clearance's, else (a held gate a clinician may override) the gates'.</summary>
    public static DateTimeOffset? ExpiresAt(CourseState course) => course.Clearance?.ExpiresAt ?? course.StalestGate()?.FreshUntil;

    /// <summary>True when the labs are already out of date; otherwise arms the timer that ends the wait when they go.</summary>
    public static bool ExpiredOrWatch(ActivityContext context)
    {
        if (ExpiresAt(context.Course) is not { } at) return false;
        if (context.Now >= at) return true;
        context.AddBookmark(BookmarkKind.Timer, dueAt: at, tag: Tag);
        return false;
    }

    /// <summary>The wait ends: the task is cancelled, the lapse journaled with the time the labs were fresh until.</summary>
    public static ActivityResult Lapse(ActivityContext context)
    {
        var at = ExpiresAt(context.Course);
        context.ReleaseBookmarks("the labs the dose stands on are out of date: the gate runs again on fresh results");
        context.Journal(JournalTypes.ClearanceExpired, Outcomes.LabsExpired, new JsonObject
        {
            ["gate"] = context.Course.StalestGate()?.Gate,
            ["freshUntil"] = at,
        });
        return ActivityResult.Done(Outcomes.LabsExpired);
    }

    /// <summary>A lab the dose stood on was entered in error (journaled <c>lab.withdrawn</c>): the task is cancelled and the gate runs again.</summary>
    public static ActivityResult Withdrawn(ActivityContext context)
    {
        context.ReleaseBookmarks("a lab the dose stood on was entered in error: the gate runs again without it");
        return ActivityResult.Done(Outcomes.LabsExpired);
    }

    /// <summary>An answer given at <paramref name="at"/> (a decision, or a dose started then) when the labs were out of date by then.</summary>
    public static ValidationProblem? Refusal(CourseState course, DateTimeOffset at, string field) =>
        ExpiresAt(course) is { } expires && at >= expires
            ? new ValidationProblem(null, field, string.Create(CultureInfo.InvariantCulture,
                $"the labs of the {course.StalestGate()?.Gate} gate were fresh until {expires.UtcDateTime:yyyy-MM-dd HH:mm} UTC: the gate must run again on fresh results first"))
            : null;
}
