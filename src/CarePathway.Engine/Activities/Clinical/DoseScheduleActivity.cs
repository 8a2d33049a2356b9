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
public sealed class DoseScheduleActivity : Activity<DoseScheduleActivity.Inputs>
{
    public sealed record Inputs
    {
        [Input("e.g. ibandronate.")]
        public required string Drug { get; init; }

        [Input("When the next dose is due, e.g. if(has(course.lastDoseAt), addMonths(course.lastDoseAt, 3), now()).", ExpressionType = ExpressionType.DateTime)]
        public required ExpressionInput DueAt { get; init; }

        [Input("The earliest it may be given; a recorded infusion before this is refused.", ExpressionType = ExpressionType.DateTime)]
        public ExpressionInput? NotBefore { get; init; }
    }

    protected override ActivityDescriptor About { get; } = new()
    {
        Type = "DoseSchedule",
        DisplayName = "Dose schedule",
        Category = "Clinical",
        Description = "Waits until the next dose or cycle is due (counted from the last dose given) and enforces the earliest allowed time.",
        Outcomes = [Outcomes.Due],
        Blocking = true,
    };

    public override ActivityResult Execute(ActivityContext context, Inputs inputs)
    {
        var due = context.Evaluate(inputs.DueAt).Result;
        var notBefore = inputs.NotBefore is { } given ? context.Evaluate(given).Result : Expressions.Value.Null;
        var earliest = notBefore.IsNull ? (DateTimeOffset?)null : notBefore.AsDateTime();
        context.Course.ScheduleNextDose(earliest);

        var at = due.IsNull ? context.Now : due.AsDateTime();
        if (earliest is { } e && e > at) at = e;
        if (at < context.Now) at = context.Now;
        context.Journal(JournalTypes.DoseScheduled, null, new JsonObject
        {
            ["drug"] = inputs.Drug,
            ["dueAt"] = at,
            ["notBefore"] = earliest,
        });
        context.AddBookmark(BookmarkKind.Timer, dueAt: at);
        return ActivityResult.Wait;
    }

    public override ActivityResult Resume(ActivityContext context, Inputs inputs, Bookmark bookmark, Stimulus stimulus) => ActivityResult.Done(Outcomes.Due);
}
