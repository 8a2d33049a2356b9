using CarePathway.Engine.Execution;
using CarePathway.Engine.Tests.Testing;

namespace CarePathway.Engine.Tests.Execution;

public class FlowTests
{
    [Fact]
    public void Starting_runs_until_the_first_wait()
    {
        var run = new RunHarness(PathwayBuilder.Create()
            .Variable("n", "number", 0)
            .Activity("start", "Start")
            .Activity("count", "SetVariable", new { variable = "n", value = "var.n + 1" })
            .Activity("wait", "Delay", new { duration = "2d" })
            .Activity("end", "End")
            .Chain("start", "count", "wait", "end")
            .Compile());

        var result = run.Start();

        Assert.Equal(InstanceStatus.Running, result.State.Status);
        Assert.Equal(1m, result.State.Variables["n"]!.GetValue<decimal>());
        var timer = Assert.Single(result.ScheduledTimers);
        Assert.Equal(RunHarness.T0.AddDays(2), timer.DueAt);
        var token = Assert.Single(result.State.Tokens);
        Assert.Equal(("wait", TokenStatus.Waiting), (token.ActivityId, token.Status));
        Assert.Equal(["start", "count", "wait"], run.Executed);
        Assert.Equal(JournalTypes.PathwayStarted, run.Journal[0].Type);
        Assert.DoesNotContain(run.Journal, r => r.Type == JournalTypes.PathwayCompleted);
    }

    [Fact]
    public void A_pathway_with_nothing_to_wait_for_completes_at_once()
    {
        var run = new RunHarness(PathwayBuilder.Create().Activity("start", "Start").Activity("end", "End").Chain("start", "end").Compile());
        var result = run.Start();
        Assert.Equal(InstanceStatus.Completed, result.State.Status);
        Assert.Equal(RunHarness.T0, result.State.EndedAt);
        Assert.Empty(result.State.Tokens);
        Assert.Equal(JournalTypes.PathwayCompleted, run.Journal[^1].Type);
    }

    private static CompiledDefinition WeightDecision() => PathwayBuilder.Create()
        .Parameter("heavy", "number", 30, unit: "kg")
        .Activity("start", "Start")
        .Activity("check", "Decision", new { condition = "patient.weightKg > param.heavy" })
        .Activity("big", "End")
        .Activity("small", "End")
        .Chain("start", "check")
        .Connect("check", "true", "big")
        .Connect("check", "false", "small")
        .Compile();

    [Theory]
    [InlineData(40, "true", "big")]
    [InlineData(25, "false", "small")]
    public void A_decision_takes_the_path_of_its_condition_and_journals_the_explanation(int weightKg, string outcome, string end)
    {
        var run = new RunHarness(WeightDecision(), RunHarness.NewPatient(weightKg));
        run.Start();

        var decision = Assert.Single(run.Records(JournalTypes.Decision));
        Assert.Equal(("check", outcome), (decision.ActivityId, decision.Outcome));
        var explanation = decision.Data["explanation"]!.GetValue<string>();
        Assert.Contains($"{weightKg} kg", explanation, StringComparison.Ordinal);
        Assert.Contains("30 kg", explanation, StringComparison.Ordinal);
        Assert.Equal(end, run.Executed[^1]);
        Assert.Equal(InstanceStatus.Completed, run.State.Status);
    }

    [Theory]
    [InlineData(20, "high")]
    [InlineData(7, "mid")]
    [InlineData(1, "default")]
    public void A_switch_takes_the_first_case_that_holds_or_default(int n, string outcome)
    {
        var run = new RunHarness(PathwayBuilder.Create()
            .Variable("n", "number", n)
            .Activity("start", "Start")
            .Activity("choose", "Switch", new
            {
                cases = new[] { new { outcome = "high", condition = "var.n > 10" }, new { outcome = "mid", condition = "var.n > 5" } },
            })
            .Activity("end-high", "End").Activity("end-mid", "End").Activity("end-default", "End")
            .Chain("start", "choose")
            .Connect("choose", "high", "end-high").Connect("choose", "mid", "end-mid").Connect("choose", "default", "end-default")
            .Compile());

        run.Start();

        var decision = Assert.Single(run.Records(JournalTypes.Decision));
        Assert.Equal(outcome, decision.Outcome);
        Assert.Equal($"end-{outcome}", run.Executed[^1]);
    }

    private static PathwayBuilder ForkOfTaskAndTimer(string joinMode) => PathwayBuilder.Create()
        .Activity("start", "Start")
        .Activity("fork", "Fork", new { branches = new[] { "ask", "wait", "later" } })
        .Activity("task", "HumanTask", new { kind = "check", role = "clinician", title = "Check" })
        .Activity("short", "Delay", new { duration = "1d" })
        .Activity("long", "Delay", new { duration = "30d" })
        .Activity("join", "Join", new { mode = joinMode })
        .Activity("end", "End")
        .Chain("start", "fork")
        .Connect("fork", "ask", "task").Connect("fork", "wait", "short").Connect("fork", "later", "long")
        .Chain("task", "join").Chain("short", "join").Chain("long", "join").Chain("join", "end");

    [Fact]
    public void A_join_of_all_waits_for_every_branch()
    {
        var run = new RunHarness(ForkOfTaskAndTimer("all").Compile());
        run.Start();
        Assert.Equal(3, run.State.Tokens.Count);
        Assert.Equal(2, run.PendingTimers.Count);

        run.FireNextTimer();
        run.Complete(run.Task("check"), "done");
        Assert.Equal(InstanceStatus.Running, run.State.Status);
        Assert.DoesNotContain("end", run.Executed);

        run.FireNextTimer();
        Assert.Equal(InstanceStatus.Completed, run.State.Status);
        Assert.Single(run.Executed, "join");
        Assert.Equal("end", run.Executed[^1]);
        Assert.Equal(RunHarness.T0.AddDays(30), run.State.EndedAt);
    }

    [Fact]
    public void A_join_of_any_goes_on_with_the_first_branch_and_ends_the_others_cancelling_their_task_and_timer()
    {
        var run = new RunHarness(ForkOfTaskAndTimer("any").Compile());
        run.Start();
        var task = run.Task("check");
        var longTimer = run.PendingTimers.Values.Single(t => t.DueAt == RunHarness.T0.AddDays(30));

        var result = run.FireNextTimer();

        Assert.Equal(InstanceStatus.Completed, result.State.Status);
        Assert.Equal([task.Id], result.CancelledTasks);
        Assert.Equal([longTimer.BookmarkId], result.CancelledTimers);
        var cancelled = Assert.Single(run.Records(JournalTypes.TaskCancelled));
        Assert.Equal(task.Id, cancelled.Data["taskId"]!.GetValue<Guid>());
        Assert.Equal("another branch reached the join first", cancelled.Data["reason"]!.GetValue<string>());
        Assert.Empty(result.State.Bookmarks);
        Assert.False(run.Complete(task, "done").Applied);
    }

    /// <summary>A course on one branch, a monitoring clock looping on the other: only an End that ends the pathway stops the clock.</summary>
    private static CompiledDefinition CourseBesideAClock(bool endsPathway) => PathwayBuilder.Create()
        .Activity("start", "Start")
        .Activity("fork", "Fork", new { branches = new[] { "course", "clock" } })
        .Activity("dose", "HumanTask", new { kind = "dose", role = "clinician", title = "Give the dose" })
        .Activity("course-end", "End", new { endsPathway })
        .Activity("every-3-months", "Delay", new { duration = "90d" })
        .Activity("urine", "Reminder", new { kind = "urine-check", role = "coordinator", title = "Urine albumin", reminderKind = "albuminuria" })
        .Chain("start", "fork")
        .Connect("fork", "course", "dose").Chain("dose", "course-end")
        .Connect("fork", "clock", "every-3-months").Chain("every-3-months", "urine", "every-3-months")
        .Compile();

    [Fact]
    public void An_end_that_ends_the_pathway_ends_every_path_and_cancels_what_they_wait_on()
    {
        var run = new RunHarness(CourseBesideAClock(endsPathway: true));
        run.Start();
        run.FireNextTimer();
        Assert.Single(run.Records(JournalTypes.ReminderCreated));
        var clock = Assert.Single(run.PendingTimers.Values);

        var result = run.Complete(run.Task("dose"), "done");

        Assert.Equal(InstanceStatus.Completed, result.State.Status);
        Assert.Empty(result.State.Tokens);
        Assert.Empty(result.State.Bookmarks);
        Assert.Equal([clock.BookmarkId], result.CancelledTimers);
        Assert.Equal(JournalTypes.PathwayCompleted, run.Journal[^1].Type);
    }

    [Fact]
    public void A_plain_end_leaves_the_clock_running()
    {
        var run = new RunHarness(CourseBesideAClock(endsPathway: false));
        run.Start();

        var result = run.Complete(run.Task("dose"), "done");

        Assert.Equal(InstanceStatus.Running, result.State.Status);
        Assert.Equal(("every-3-months", TokenStatus.Waiting), (Assert.Single(result.State.Tokens).ActivityId, result.State.Tokens[0].Status));
    }

    [Fact]
    public void A_loop_repeats_around_a_delay_until_its_condition_ends_it()
    {
        var run = new RunHarness(PathwayBuilder.Create()
            .Variable("cycle", "number", 0)
            .Activity("start", "Start")
            .Activity("count", "SetVariable", new { variable = "cycle", value = "var.cycle + 1" })
            .Activity("interval", "Delay", new { duration = "7d" })
            .Activity("again", "Decision", new { condition = "var.cycle < 3" })
            .Activity("end", "End")
            .Chain("start", "count", "interval", "again")
            .Connect("again", "true", "count")
            .Connect("again", "false", "end")
            .Compile());

        run.Start();
        while (run.PendingTimers.Count > 0) run.FireNextTimer();

        Assert.Equal(InstanceStatus.Completed, run.State.Status);
        Assert.Equal(3m, run.State.Variables["cycle"]!.GetValue<decimal>());
        Assert.Equal(3, run.Records(JournalTypes.TimerFired).Count());
        Assert.Equal(RunHarness.T0.AddDays(21), run.State.EndedAt);
    }

    [Fact]
    public void A_loop_without_a_wait_becomes_an_incident_instead_of_hanging()
    {
        var run = new RunHarness(PathwayBuilder.Create()
            .Variable("n", "number", 0)
            .Activity("start", "Start")
            .Activity("count", "SetVariable", new { variable = "n", value = "var.n + 1" })
            .Activity("again", "Decision", new { condition = "var.n < 1000000" })
            .Activity("end", "End")
            .Chain("start", "count", "again")
            .Connect("again", "true", "count")
            .Connect("again", "false", "end")
            .Compile());

        var result = run.Start();

        Assert.Equal(InstanceStatus.Faulted, result.State.Status);
        var incident = Assert.Single(result.Incidents);
        Assert.Contains($"more than {WorkflowRunner.MaxStepsPerRun} steps", incident.Message, StringComparison.Ordinal);
        Assert.Equal(TokenStatus.Faulted, Assert.Single(result.State.Tokens).Status);
        Assert.True(result.State.Variables["n"]!.GetValue<decimal>() < 1000000m);
    }

    [Fact]
    public void A_reminder_creates_a_task_without_blocking_the_path()
    {
        var run = new RunHarness(PathwayBuilder.Create()
            .Activity("start", "Start")
            .Activity("remind", "Reminder", new { kind = "book-scan", role = "coordinator", title = "Book the scan", dueIn = "5d" })
            .Activity("wait", "Delay", new { duration = "1d" })
            .Activity("end", "End")
            .Chain("start", "remind", "wait", "end")
            .Compile());

        var result = run.Start();

        var task = Assert.Single(result.CreatedTasks);
        Assert.Equal(("book-scan", "coordinator", (string?)null), (task.Kind, task.Role, task.BookmarkId));
        Assert.Equal(RunHarness.T0.AddDays(5), task.DueAt);
        Assert.DoesNotContain(result.State.Bookmarks, b => b.Kind == BookmarkKind.Task);
        Assert.Equal("wait", Assert.Single(result.State.Tokens).ActivityId);
        Assert.Single(run.Records(JournalTypes.ReminderCreated));
        Assert.False(run.Complete(task, "done").Applied);

        run.FireNextTimer();
        Assert.Equal(InstanceStatus.Completed, run.State.Status);
    }

    [Fact]
    public void A_variable_set_during_a_run_is_journaled_with_its_value()
    {
        var run = new RunHarness(PathwayBuilder.Create()
            .Variable("label", "string")
            .Activity("start", "Start")
            .Activity("set", "SetVariable", new { variable = "label", value = "\"cycle one\"" })
            .Activity("end", "End")
            .Chain("start", "set", "end")
            .Compile());
        run.Start();
        var record = Assert.Single(run.Records(JournalTypes.VariableSet));
        Assert.Equal(("label", "cycle one"), (record.Data["variable"]!.GetValue<string>(), record.Data["value"]!.GetValue<string>()));
        Assert.Equal("cycle one", run.State.Variables["label"]!.GetValue<string>());
    }

    [Fact]
    public void A_fork_and_join_inside_a_repeating_cycle_joins_each_round_separately()
    {
        var run = new RunHarness(PathwayBuilder.Create()
            .Variable("cycle", "number", 0)
            .Activity("start", "Start")
            .Activity("count", "SetVariable", new { variable = "cycle", value = "var.cycle + 1" })
            .Activity("fork", "Fork", new { branches = new[] { "wait", "ask" } })
            .Activity("wait", "Delay", new { duration = "1d" })
            .Activity("task", "HumanTask", new { kind = "dose", role = "clinician", title = "Give the dose" })
            .Activity("join", "Join")
            .Activity("again", "Decision", new { condition = "var.cycle < 3" })
            .Activity("end", "End")
            .Chain("start", "count", "fork")
            .Connect("fork", "wait", "wait").Connect("fork", "ask", "task")
            .Chain("wait", "join").Chain("task", "join").Chain("join", "again")
            .Connect("again", "true", "count").Connect("again", "false", "end")
            .Compile());
        run.Start();

        for (var round = 1; round <= 3; round++)
        {
            Assert.Equal(round, run.State.Variables["cycle"]!.GetValue<decimal>());
            run.FireNextTimer();
            Assert.Equal(round - 1, run.Executed.Count(a => a == "again"));
            run.Complete(run.Task("dose"), "done");
        }

        Assert.Equal(InstanceStatus.Completed, run.State.Status);
        Assert.Equal(3, run.Executed.Count(a => a == "join"));
        Assert.Equal(3, run.Records(JournalTypes.TaskCompleted).Count());
    }

    [Fact]
    public void A_delay_until_a_time_already_past_still_fires_through_its_timer()
    {
        var run = new RunHarness(PathwayBuilder.Create()
            .Variable("due", "date", "2025-12-01")
            .Activity("start", "Start")
            .Activity("wait", "Delay", new { until = "var.due" })
            .Activity("end", "End")
            .Chain("start", "wait", "end")
            .Compile());

        var timer = Assert.Single(run.Start().ScheduledTimers);

        Assert.Equal(RunHarness.T0, timer.DueAt);
        run.FireTimer(timer);
        Assert.Single(run.Records(JournalTypes.TimerFired));
        Assert.Equal(InstanceStatus.Completed, run.State.Status);
    }
}
