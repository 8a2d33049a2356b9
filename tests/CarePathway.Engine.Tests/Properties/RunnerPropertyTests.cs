using CarePathway.Engine.Activities;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Tests.Testing;
using CarePathway.Engine.Validation;
using FsCheck;
using FsCheck.Fluent;

namespace CarePathway.Engine.Tests.Properties;

public class RunnerPropertyTests
{
    private static readonly CompiledDefinition TaskAndTwoTimers = PathwayBuilder.Create()
        .Activity("start", "Start")
        .Activity("fork", "Fork", new { branches = new[] { "ask", "soon", "later" } })
        .Activity("task", "HumanTask", new { kind = "check", role = "clinician", title = "Check" })
        .Activity("soon", "Delay", new { duration = "1d" })
        .Activity("later", "Delay", new { duration = "2d" })
        .Activity("join", "Join")
        .Activity("end", "End")
        .Chain("start", "fork")
        .Connect("fork", "ask", "task").Connect("fork", "soon", "soon").Connect("fork", "later", "later")
        .Chain("task", "join").Chain("soon", "join").Chain("later", "join").Chain("join", "end")
        .Compile();

    [Fact]
    public void Any_order_of_repeated_stimuli_resumes_each_bookmark_once_and_keeps_the_journal_in_sequence()
    {
        var deliveries = Gen.Choose(0, 3).ListOf().Select(l => l.ToArray()).ToArbitrary();
        Prop.ForAll(deliveries, picks =>
        {
            var run = new RunHarness(TaskAndTwoTimers);
            run.Start();
            var task = run.Task("check");
            var timers = run.PendingTimers.Keys.Order(StringComparer.Ordinal).ToList();
            Stimulus[] stimuli =
            [
                new TaskCompleted(task.Id, "done", "dr.jones", null, null),
                new TimerFired(timers[0]),
                new TimerFired(timers[1]),
                new TimerFired("no-such-bookmark"),
            ];

            var applied = picks.Count(pick => run.Resume(stimuli[pick]).Applied);

            var sequences = run.Journal.Select(r => r.Sequence).ToList();
            var distinctReal = picks.Where(p => p < 3).Distinct().Count();
            var firedTimers = run.Records(JournalTypes.TimerFired).Select(r => r.Data["bookmarkId"]!.GetValue<string>()).ToList();
            return sequences.SequenceEqual(Enumerable.Range(1, sequences.Count))
                && applied == distinctReal
                && firedTimers.Distinct(StringComparer.Ordinal).Count() == firedTimers.Count
                && run.Records(JournalTypes.TaskCompleted).Count() <= 1
                && run.Records(JournalTypes.PathwayCompleted).Count() == (distinctReal == 3 ? 1 : 0)
                && run.State.Status == (distinctReal == 3 ? InstanceStatus.Completed : InstanceStatus.Running);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_chain_of_n_counting_steps_is_valid_and_completes_with_the_counter_at_n()
    {
        Prop.ForAll(Gen.Choose(0, 60).ToArbitrary(), n =>
        {
            var builder = PathwayBuilder.Create().Variable("counter", "number", 0).Activity("start", "Start");
            var ids = new List<string> { "start" };
            for (var i = 1; i <= n; i++)
            {
                builder.Activity($"step-{i}", "SetVariable", new { variable = "counter", value = "var.counter + 1" });
                ids.Add($"step-{i}");
            }

            builder.Activity("end", "End").Chain([.. ids, "end"]);
            var problems = new DefinitionValidator(ActivityCatalog.Default).ValidateJson(builder.Json()).Problems;

            var run = new RunHarness(builder.Compile());
            var result = run.Start();
            return problems.Count == 0
                && result.State.Status == InstanceStatus.Completed
                && result.State.Variables["counter"]!.GetValue<decimal>() == n
                && run.Records(JournalTypes.VariableSet).Count() == n
                && run.Executed.Count == n + 2;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_loop_of_k_cycles_around_a_delay_fires_k_timers_and_ends_k_intervals_later()
    {
        var cycles = Gen.Choose(1, 25).ToArbitrary();
        var days = Gen.Choose(1, 90).ToArbitrary();
        Prop.ForAll(cycles, days, (k, interval) =>
        {
            var run = new RunHarness(PathwayBuilder.Create()
                .Parameter("cycles", "number", k)
                .Parameter("interval", "duration", $"{interval}d")
                .Variable("cycle", "number", 0)
                .Activity("start", "Start")
                .Activity("count", "SetVariable", new { variable = "cycle", value = "var.cycle + 1" })
                .Activity("wait", "Delay", new { duration = "param.interval" })
                .Activity("again", "Decision", new { condition = "var.cycle < param.cycles" })
                .Activity("end", "End")
                .Chain("start", "count", "wait", "again")
                .Connect("again", "true", "count").Connect("again", "false", "end")
                .Compile());
            run.Start();
            while (run.PendingTimers.Count > 0) run.FireNextTimer();

            return run.State.Status == InstanceStatus.Completed
                && run.Records(JournalTypes.TimerFired).Count() == k
                && run.State.EndedAt == RunHarness.T0.AddDays(k * interval)
                && run.State.Variables["cycle"]!.GetValue<decimal>() == k;
        }).QuickCheckThrowOnFailure();
    }
}
