using CarePathway.Engine.Execution;
using CarePathway.Engine.Tests.Testing;
using static CarePathway.Engine.Tests.Clinical.Activities.CourseRun;
using static CarePathway.Engine.Tests.Testing.ClinicalPathways;

namespace CarePathway.Engine.Tests.Clinical.Activities;

public class DoseScheduleTests
{
    private static readonly DateTimeOffset T0 = RunHarness.T0;

    private static RunHarness IbandronateRun()
    {
        var run = new RunHarness(Valid(Ibandronate()), Child(weightKg: 60m));
        run.Start();
        return run;
    }

    /// <summary>Approves and gives the dose waiting for approval, starting at <paramref name="startedAt"/> (now when null).</summary>
    private static void GiveDose(RunHarness run, DateTimeOffset? startedAt = null)
    {
        run.Complete(Approval(run), "approved");
        run.Complete(Administration(run), "given", data: Given(run, Administration(run), startedAt: startedAt));
    }

    [Fact]
    public void The_next_dose_is_due_3_calendar_months_after_the_dose_given_and_not_before()
    {
        var run = IbandronateRun();
        run.Advance(TimeSpan.FromHours(3));
        GiveDose(run, startedAt: T0.AddHours(2));

        var scheduled = Assert.Single(run.Records(JournalTypes.DoseScheduled)).Data;
        Assert.Equal(T0.AddHours(2).AddMonths(3), scheduled["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(T0.AddHours(2).AddMonths(3), run.State.Course.NextDoseNotBefore);
        Assert.Equal(T0.AddHours(2).AddMonths(3), Assert.Single(run.PendingTimers.Values).DueAt);
        Assert.Equal(InstanceStatus.Running, run.State.Status);
    }

    [Fact]
    public void A_late_dose_moves_the_schedule_with_it()
    {
        var run = IbandronateRun();
        GiveDose(run);
        run.FireNextTimer();                                   // due: 5 April; the gate needs a fresh creatinine
        run.Advance(TimeSpan.FromDays(20));                    // the dose is given three weeks late
        run.Lab(Creatinine, 0.8m, "mg/dL");
        GiveDose(run);
        var secondDose = run.State.Course.LastAdministration()!.StartedAt;
        Assert.Equal(T0.AddMonths(3).AddDays(20), secondDose);

        var due = run.Records(JournalTypes.DoseScheduled).Last().Data["dueAt"]!.GetValue<DateTimeOffset>();

        Assert.Equal(secondDose.AddMonths(3), due);
        Assert.NotEqual(T0.AddMonths(6), due);
    }

    [Fact]
    public void An_earlier_start_than_3_months_after_the_last_dose_is_refused()
    {
        var run = IbandronateRun();
        GiveDose(run);
        run.FireNextTimer();
        run.Lab(Creatinine, 0.8m, "mg/dL");
        run.Complete(Approval(run), "approved");

        var refused = Assert.Throws<StimulusRefusedException>(() =>
            run.Complete(Administration(run), "given", data: Given(run, Administration(run), startedAt: T0.AddMonths(3).AddMinutes(-1))));

        var problem = Assert.Single(refused.Problems, p => p.Message.Contains("the earliest the interval rule allows", StringComparison.Ordinal));
        Assert.Equal("data.startedAt", problem.Field);
        Assert.Single(run.State.Course.Administered);
    }

    [Fact]
    public void Without_a_last_dose_the_first_is_due_now_and_has_no_earliest_time()
    {
        var builder = PathwayBuilder.Create()
            .Activity("start", "Start")
            .Activity("schedule", "DoseSchedule", new
            {
                drug = "ibandronate",
                dueAt = "if(has(course.lastDoseAt), addMonths(course.lastDoseAt, 3), now())",
                notBefore = "if(has(course.lastDoseAt), addMonths(course.lastDoseAt, 3), null)",
            })
            .Activity("end", "End")
            .Chain("start", "schedule").Connect("schedule", "due", "end");
        var run = new RunHarness(Valid(builder), Child());
        run.Advance(TimeSpan.FromHours(1));
        run.Start();

        var scheduled = Assert.Single(run.Records(JournalTypes.DoseScheduled)).Data;
        Assert.Equal(T0.AddHours(1), scheduled["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.Null(scheduled["notBefore"]);
        Assert.Null(run.State.Course.NextDoseNotBefore);
        Assert.Equal(T0.AddHours(1), Assert.Single(run.PendingTimers.Values).DueAt);
        run.FireNextTimer();
        Assert.Equal(InstanceStatus.Completed, run.State.Status);
    }

    [Fact]
    public void A_due_time_already_past_is_due_now_but_never_before_not_before()
    {
        var builder = PathwayBuilder.Create()
            .Activity("start", "Start")
            .Activity("schedule", "DoseSchedule", new { drug = "x", dueAt = "now() - 10d", notBefore = "now() + 5d" })
            .Activity("end", "End")
            .Chain("start", "schedule").Connect("schedule", "due", "end");
        var run = new RunHarness(Valid(builder), Child());
        run.Start();

        Assert.Equal(T0.AddDays(5), Assert.Single(run.PendingTimers.Values).DueAt);
        Assert.Equal(T0.AddDays(5), run.State.Course.NextDoseNotBefore);
    }
}
