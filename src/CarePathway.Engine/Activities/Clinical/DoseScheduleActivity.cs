using System.Text.Json.Nodes;
using CarePathway.Engine.Activities.BuiltIn;
using CarePathway.Engine.Execution;

namespace CarePathway.Engine.Activities.Clinical;

/// <summary>
/// Interval rules between doses or cycles (R2, R4-R6): waits until the next dose is due, computed from
/// when the last one was actually given, so a late dose moves the schedule with it. An optional
/// earliest time is remembered and enforced when the administration is recorded (ibandronate is never
/// given sooner than 3 months after the previous dose).
/// </summary>
public sealed class DoseScheduleActivity : Activity
{
    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "DoseSchedule",
        DisplayName = "Dose schedule",
        Category = "Clinical",
        Description = "Waits until the next dose or cycle is due (counted from the last dose given) and enforces the earliest allowed time.",
        Inputs =
        [
            new InputDescriptor { Name = "drug", Kind = InputKind.Text, Required = true, Description = "e.g. ibandronate." },
            new InputDescriptor
            {
                Name = "dueAt", Kind = InputKind.Expression, ExpressionType = ExpressionType.DateTime, Required = true,
                Description = "When the next dose is due, e.g. if(has(course.lastDoseAt), addMonths(course.lastDoseAt, 3), now()).",
            },
            new InputDescriptor
            {
                Name = "notBefore", Kind = InputKind.Expression, ExpressionType = ExpressionType.DateTime,
                Description = "The earliest it may be given; a recorded infusion before this is refused.",
            },
        ],
        Outcomes = [Outcomes.Due],
        Blocking = true,
    };

    public override ActivityResult Execute(ActivityContext context)
    {
        var due = context.Evaluate("dueAt").Result;
        var notBefore = context.HasInput("notBefore") ? context.Evaluate("notBefore").Result : Expressions.Value.Null;
        var earliest = notBefore.IsNull ? (DateTimeOffset?)null : notBefore.AsDateTime();
        context.Course.ScheduleNextDose(earliest);

        var at = due.IsNull ? context.Now : due.AsDateTime();
        if (earliest is { } e && e > at) at = e;
        if (at < context.Now) at = context.Now;
        context.Journal(JournalTypes.DoseScheduled, null, new JsonObject
        {
            ["drug"] = context.RequiredText("drug"),
            ["dueAt"] = at,
            ["notBefore"] = earliest,
        });
        context.AddBookmark(BookmarkKind.Timer, dueAt: at);
        return ActivityResult.Wait;
    }

    public override ActivityResult Resume(ActivityContext context, Bookmark bookmark, Stimulus stimulus) => ActivityResult.Done(Outcomes.Due);
}
