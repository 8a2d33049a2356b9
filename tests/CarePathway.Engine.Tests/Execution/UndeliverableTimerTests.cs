using CarePathway.Engine.Execution;
using CarePathway.Engine.Tests.Testing;

namespace CarePathway.Engine.Tests.Execution;

/// <summary>A timer whose host kept failing to deliver it becomes an incident, and retrying it delivers the timer.</summary>
public class UndeliverableTimerTests
{
    private static CompiledDefinition OneDelay() => PathwayBuilder.Create()
        .Activity("start", "Start")
        .Activity("wait", "Delay", new { duration = "1d" })
        .Activity("end", "End")
        .Chain("start", "wait", "end")
        .Compile();

    [Fact]
    public void A_timer_that_could_not_be_delivered_faults_its_path_and_the_retry_fires_it()
    {
        var run = new RunHarness(OneDelay());
        run.Start();
        var timer = Assert.Single(run.PendingTimers.Values);
        run.Advance(TimeSpan.FromDays(1));

        var failed = run.TimerUndeliverable(timer.BookmarkId, "the timer could not be delivered: database unavailable");

        Assert.True(failed.Applied);
        Assert.Equal(InstanceStatus.Faulted, run.State.Status);
        var incident = Assert.Single(run.State.Incidents);
        Assert.Equal(("wait", "the timer could not be delivered: database unavailable"), (incident.ActivityId, incident.Message));
        Assert.Single(run.Records(JournalTypes.Incident));
        Assert.Empty(run.Records(JournalTypes.TimerFired));
        Assert.False(run.TimerUndeliverable(timer.BookmarkId, "again").Applied);

        var retried = run.RetryIncident(incident.Id, "admin");

        Assert.Equal(InstanceStatus.Running, run.State.Status);
        Assert.Equal(TokenStatus.Waiting, Assert.Single(run.State.Tokens).Status);
        var handedBack = Assert.Single(retried.ScheduledTimers);
        Assert.Equal((timer.BookmarkId, timer.DueAt, true), (handedBack.BookmarkId, handedBack.DueAt, handedBack.Reissued));
        run.FireTimer(handedBack);
        Assert.Equal(InstanceStatus.Completed, run.State.Status);
        Assert.Single(run.Records(JournalTypes.TimerFired));
    }

    [Fact]
    public void A_timer_nothing_waits_on_any_more_raises_nothing()
    {
        var run = new RunHarness(OneDelay());
        run.Start();
        var timer = Assert.Single(run.PendingTimers.Values);
        run.FireTimer(timer);

        Assert.False(run.TimerUndeliverable(timer.BookmarkId, "late failure").Applied);
        Assert.Empty(run.State.Incidents);
    }
}
