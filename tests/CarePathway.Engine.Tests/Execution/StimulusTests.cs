using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Tests.Testing;

namespace CarePathway.Engine.Tests.Execution;

public class StimulusTests
{
    [Fact]
    public void The_same_timer_delivered_twice_resumes_once()
    {
        var run = new RunHarness(PathwayBuilder.Create()
            .Activity("start", "Start").Activity("wait", "Delay", new { duration = "1d" }).Activity("end", "End")
            .Chain("start", "wait", "end").Compile());
        run.Start();
        var timer = Assert.Single(run.PendingTimers.Values);

        var first = run.FireTimer(timer);
        var journalLength = run.Journal.Count;
        var second = run.Resume(new TimerFired(timer.BookmarkId));

        Assert.True(first.Applied);
        Assert.False(second.Applied);
        Assert.Empty(second.Journal);
        Assert.Equal(journalLength, run.Journal.Count);
        Assert.Single(run.Records(JournalTypes.PathwayCompleted));
    }

    [Fact]
    public void The_same_task_completion_delivered_twice_resumes_once()
    {
        var run = new RunHarness(PathwayBuilder.Create()
            .Variable("n", "number", 0)
            .Activity("start", "Start")
            .Activity("review", "HumanTask", new { kind = "review", role = "clinician", title = "Review", outcomes = new[] { "again", "stop" } })
            .Activity("count", "SetVariable", new { variable = "n", value = "var.n + 1" })
            .Activity("end", "End")
            .Chain("start", "review")
            .Connect("review", "again", "count").Chain("count", "review")
            .Connect("review", "stop", "end")
            .Compile());
        run.Start();
        var completion = new TaskCompleted(run.Task("review").Id, "again", "dr.jones", null, null);

        var first = run.Resume(completion);
        var second = run.Resume(completion);

        Assert.True(first.Applied);
        Assert.False(second.Applied);
        Assert.Equal("nothing in this instance waits for it", second.NotAppliedReason);
        Assert.Equal(1m, run.State.Variables["n"]!.GetValue<decimal>());
        Assert.Equal(2, run.Records(JournalTypes.TaskCreated).Count());
        Assert.Single(run.Records(JournalTypes.TaskCompleted));
    }

    private static PathwayBuilder LabWait(object inputs) => PathwayBuilder.Create()
        .Variable("creatinine", "any")
        .Activity("start", "Start")
        .Activity("await-lab", "WaitForEvent", inputs)
        .Activity("got-it", "End")
        .Activity("gave-up", "End")
        .Chain("start", "await-lab")
        .Connect("await-lab", "received", "got-it");

    [Fact]
    public void An_event_resumes_only_the_bookmarks_of_its_type_and_key()
    {
        var run = new RunHarness(LabWait(new { eventType = "lab", key = "2160-0", variable = "creatinine" }).Compile());
        run.Start();

        Assert.False(run.Lab("17861-6", 2.3m, "mmol/L").Applied);
        Assert.False(run.Resume(new EventReceived("assessment", "2160-0", new JsonObject { ["value"] = "x" }, "nurse")).Applied);
        Assert.Equal(InstanceStatus.Running, run.State.Status);

        var result = run.Lab("2160-0", 0.62m, "mg/dL");

        Assert.True(result.Applied);
        Assert.Equal(InstanceStatus.Completed, run.State.Status);
        var creatinine = run.State.Variables["creatinine"]!;
        Assert.Equal((0.62m, "mg/dL"), (creatinine["value"]!.GetValue<decimal>(), creatinine["unit"]!.GetValue<string>()));
        var received = Assert.Single(run.Records(JournalTypes.EventReceived));
        Assert.Equal("2160-0", received.Data["key"]!.GetValue<string>());
        Assert.Equal(CauseKind.Event, received.Cause.Kind);
    }

    [Fact]
    public void A_wait_for_event_takes_the_timeout_path_when_its_timer_fires_first()
    {
        var run = new RunHarness(LabWait(new { eventType = "lab", key = "2160-0", timeout = "3d" }).Connect("await-lab", "timeout", "gave-up").Compile());
        run.Start();
        var timer = Assert.Single(run.PendingTimers.Values);
        Assert.Equal(RunHarness.T0.AddDays(3), timer.DueAt);

        run.FireTimer(timer);

        Assert.Equal("gave-up", run.Executed[^1]);
        Assert.Equal(InstanceStatus.Completed, run.State.Status);
        Assert.False(run.Lab("2160-0", 0.62m, "mg/dL").Applied);
    }

    [Fact]
    public void A_wait_for_event_that_receives_its_event_cancels_its_timeout()
    {
        var run = new RunHarness(LabWait(new { eventType = "lab", key = "2160-0", timeout = "3d" }).Connect("await-lab", "timeout", "gave-up").Compile());
        run.Start();
        var timer = Assert.Single(run.PendingTimers.Values);

        var result = run.Lab("2160-0", 0.62m, "mg/dL");

        Assert.Equal([timer.BookmarkId], result.CancelledTimers);
        Assert.Equal("got-it", run.Executed[^1]);
        Assert.False(run.Resume(new TimerFired(timer.BookmarkId)).Applied);
    }

    [Fact]
    public void Capturing_a_baseline_keeps_the_first_lab_and_not_a_later_one()
    {
        var run = new RunHarness(PathwayBuilder.Create()
            .Variable("creatinine", "any")
            .Variable("rounds", "number", 0)
            .Activity("start", "Start")
            .Activity("await-lab", "WaitForEvent", new { eventType = "lab", key = "2160-0", variable = "creatinine", captureBaseline = true })
            .Activity("count", "SetVariable", new { variable = "rounds", value = "var.rounds + 1" })
            .Activity("again", "Decision", new { condition = "var.rounds < 2" })
            .Activity("end", "End")
            .Chain("start", "await-lab")
            .Connect("await-lab", "received", "count")
            .Chain("count", "again")
            .Connect("again", "true", "await-lab")
            .Connect("again", "false", "end")
            .Compile());
        run.Start();

        run.Lab("2160-0", 0.60m, "mg/dL");
        run.Advance(TimeSpan.FromDays(30));
        run.Lab("2160-0", 0.78m, "mg/dL");

        Assert.Equal(InstanceStatus.Completed, run.State.Status);
        var baseline = run.State.Baselines["2160-0"];
        Assert.Equal((0.60m, "mg/dL", RunHarness.T0), (baseline.Value, baseline.Unit, baseline.ObservedAt));
        Assert.Equal(0.78m, run.State.Variables["creatinine"]!["value"]!.GetValue<decimal>());
    }
}
