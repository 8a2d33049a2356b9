using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Patients;
using CarePathway.Engine.Tests.Testing;

namespace CarePathway.Engine.Tests.Execution;

public class LifecycleTests
{
    /// <summary>Counts, then decides on the latest creatinine against a limit: fails while no creatinine is recorded.</summary>
    private static CompiledDefinition CreatinineGate() => PathwayBuilder.Create()
        .Parameter("limit", "number", 1.2, unit: "mg/dL")
        .Variable("n", "number", 0)
        .Activity("start", "Start")
        .Activity("count", "SetVariable", new { variable = "n", value = "var.n + 1" })
        .Activity("gate", "Decision", new { condition = "lab(\"2160-0\") > param.limit" })
        .Activity("high", "End").Activity("normal", "End")
        .Chain("start", "count", "gate")
        .Connect("gate", "true", "high").Connect("gate", "false", "normal")
        .Compile();

    [Fact]
    public void A_failing_activity_raises_an_incident_and_keeps_the_state()
    {
        var run = new RunHarness(CreatinineGate());

        var result = run.Start();

        Assert.Equal(InstanceStatus.Faulted, result.State.Status);
        var incident = Assert.Single(result.State.Incidents);
        Assert.Equal("gate", incident.ActivityId);
        Assert.StartsWith("condition: lab 2160-0 has no value", incident.Message, StringComparison.Ordinal);
        Assert.Null(incident.ResolvedAt);
        Assert.Equal(1m, result.State.Variables["n"]!.GetValue<decimal>());
        Assert.Equal(("gate", TokenStatus.Faulted), (result.State.Tokens[0].ActivityId, result.State.Tokens[0].Status));
        var journaled = Assert.Single(run.Records(JournalTypes.Incident));
        Assert.Equal(incident.Message, journaled.Data["message"]!.GetValue<string>());
    }

    [Fact]
    public void Retrying_an_incident_after_the_missing_lab_arrives_continues_the_run()
    {
        var run = new RunHarness(CreatinineGate());
        var incident = Assert.Single(run.Start().Incidents);
        run.Advance(TimeSpan.FromHours(4));
        run.Patient.Labs.Add(new LabObservation("2160-0", 1.5m, "mg/dL", run.Clock.GetUtcNow()));

        run.RetryIncident(incident.Id, "admin");

        Assert.Equal(InstanceStatus.Completed, run.State.Status);
        Assert.Equal("high", run.Executed[^1]);
        Assert.Equal(1m, run.State.Variables["n"]!.GetValue<decimal>());
        Assert.Equal((run.Clock.GetUtcNow(), "admin"), (incident.ResolvedAt, incident.ResolvedBy));
        Assert.Single(run.Records(JournalTypes.IncidentResolved));
        Assert.Throws<InvalidInstanceTransitionException>(() => run.RetryIncident(incident.Id, "admin"));
    }

    [Fact]
    public void Retrying_an_incident_of_a_cancelled_instance_does_not_bring_it_back()
    {
        var run = new RunHarness(CreatinineGate());
        var incident = Assert.Single(run.Start().Incidents);
        run.Cancel("coordinator", "not needed");

        var error = Assert.Throws<IllegalTransitionException>(() => run.RetryIncident(incident.Id, "admin"));

        Assert.Equal($"instance {run.State.InstanceId} is cancelled and cannot become running", error.Message);
        Assert.Equal(InstanceStatus.Cancelled, run.State.Status);
    }

    private static CompiledDefinition TaskAndTimer() => PathwayBuilder.Create()
        .Activity("start", "Start")
        .Activity("fork", "Fork", new { branches = new[] { "ask", "wait" } })
        .Activity("task", "HumanTask", new { kind = "check", role = "clinician", title = "Check" })
        .Activity("wait", "Delay", new { duration = "2d" })
        .Activity("join", "Join")
        .Activity("end", "End")
        .Chain("start", "fork")
        .Connect("fork", "ask", "task").Connect("fork", "wait", "wait")
        .Chain("task", "join").Chain("wait", "join").Chain("join", "end")
        .Compile();

    [Fact]
    public void A_suspended_instance_refuses_stimuli_and_unsuspending_reissues_its_timers()
    {
        var run = new RunHarness(TaskAndTimer());
        run.Start();
        var timer = Assert.Single(run.PendingTimers.Values);
        var task = run.Task("check");

        run.Suspend("coordinator", "patient admitted elsewhere");
        Assert.Equal(InstanceStatus.Suspended, run.State.Status);
        var refusedTimer = run.FireTimer(timer);
        var refusedTask = run.Complete(task, "done");
        Assert.False(refusedTimer.Applied);
        Assert.False(refusedTask.Applied);
        Assert.Equal("the instance is suspended", refusedTimer.NotAppliedReason);
        Assert.Throws<InvalidInstanceTransitionException>(() => run.Suspend("coordinator", null));

        var resumed = run.Unsuspend("coordinator");

        Assert.Equal(InstanceStatus.Running, run.State.Status);
        Assert.Equal([timer.BookmarkId], resumed.ScheduledTimers.Select(t => t.BookmarkId));
        Assert.Equal(timer.DueAt, resumed.ScheduledTimers[0].DueAt);
        Assert.True(run.FireTimer(timer).Applied);
        Assert.True(run.Complete(task, "done").Applied);
        Assert.Equal(InstanceStatus.Completed, run.State.Status);
    }

    [Fact]
    public void Cancelling_ends_every_path_and_cancels_its_tasks_and_timers()
    {
        var run = new RunHarness(TaskAndTimer());
        run.Start();
        var timer = Assert.Single(run.PendingTimers.Values);
        var task = run.Task("check");

        var result = run.Cancel("coordinator", "family declined");

        Assert.Equal(InstanceStatus.Cancelled, result.State.Status);
        Assert.Empty(result.State.Tokens);
        Assert.Empty(result.State.Bookmarks);
        Assert.Equal([task.Id], result.CancelledTasks);
        Assert.Equal([timer.BookmarkId], result.CancelledTimers);
        var cancelled = Assert.Single(run.Records(JournalTypes.PathwayCancelled));
        Assert.Equal("family declined", cancelled.Data["reason"]!.GetValue<string>());
        Assert.False(run.Resume(new TimerFired(timer.BookmarkId)).Applied);
        Assert.Throws<InvalidInstanceTransitionException>(() => run.Cancel("coordinator", null));
    }

    private static CompiledDefinition WithParameters() => PathwayBuilder.Create()
        .Parameter("trial", "duration", "12w")
        .Parameter("rule", "string", "relative", allowed: ["relative", "absolute"])
        .Activity("start", "Start").Activity("wait", "Delay", new { duration = "param.trial" }).Activity("end", "End")
        .Chain("start", "wait", "end")
        .Compile();

    [Fact]
    public void Parameter_overrides_at_start_replace_the_defaults()
    {
        var run = new RunHarness(WithParameters());
        var result = run.Start(new Dictionary<string, JsonNode?> { ["trial"] = "6w", ["rule"] = "absolute" });
        Assert.Equal(RunHarness.T0.AddDays(42), Assert.Single(result.ScheduledTimers).DueAt);
        Assert.Equal("absolute", result.State.Parameters["rule"]!.GetValue<string>());
    }

    [Fact]
    public void Parameter_overrides_that_do_not_fit_refuse_the_start_naming_each_field()
    {
        var run = new RunHarness(WithParameters());
        var refused = Assert.Throws<InvalidStartException>(() =>
            run.Start(new Dictionary<string, JsonNode?> { ["trail"] = "6w", ["trial"] = 6, ["rule"] = "sometimes" }));

        Assert.Equal(["parameters.rule", "parameters.trail", "parameters.trial"], refused.Problems.Select(p => p.Field).Order(StringComparer.Ordinal));
        Assert.Contains(refused.Problems, p => p.Field == "parameters.trail" && p.Message == "is not a parameter of this pathway");
        Assert.Contains(refused.Problems, p => p.Field == "parameters.trial" && p.Message == "is not a valid duration");
        Assert.Contains("parameters.trail", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Instance_state_survives_a_json_round_trip_and_the_run_continues_identically()
    {
        var inMemory = new RunHarness(TaskAndTimer());
        var persisted = new RunHarness(TaskAndTimer());
        inMemory.Start();
        persisted.Start();

        void Reload()
        {
            var json = persisted.State.ToJson();
            var restored = InstanceState.FromJson(json);
            Assert.Equal(json, restored.ToJson());
            persisted.Restore(restored);
        }

        Reload();
        inMemory.FireNextTimer();
        persisted.FireNextTimer();
        Reload();
        inMemory.Complete(inMemory.Task("check"), "done");
        persisted.Complete(persisted.Task("check"), "done");

        Assert.Equal(InstanceStatus.Completed, persisted.State.Status);
        Assert.Equal(RunHarness.Serialize(inMemory.Journal), RunHarness.Serialize(persisted.Journal));
        Assert.Equal(inMemory.State.ToJson(), persisted.State.ToJson());
    }

    [Fact]
    public void Two_runs_with_the_same_inputs_and_clock_give_the_same_journal_and_task_ids()
    {
        static (string Journal, List<Guid> Tasks) RunOnce()
        {
            var run = new RunHarness(TaskAndTimer());
            var tasks = run.Start().CreatedTasks.Select(t => t.Id).ToList();
            run.FireNextTimer();
            run.Complete(run.Task("check"), "done");
            return (RunHarness.Serialize(run.Journal), tasks);
        }

        var first = RunOnce();
        var second = RunOnce();
        Assert.Equal(first.Journal, second.Journal);
        Assert.Equal(first.Tasks, second.Tasks);

        var other = new RunHarness(TaskAndTimer());
        var otherTasks = other.Start(instanceId: Guid.Parse("aaaaaaaa-2222-3333-4444-555555555555")).CreatedTasks.Select(t => t.Id);
        Assert.NotEqual(first.Tasks, otherTasks);
    }
}
