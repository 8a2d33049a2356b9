using CarePathway.Engine.Activities;
using CarePathway.Engine.Activities.BuiltIn;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Patients;
using CarePathway.Engine.Tests.Testing;
using CarePathway.Engine.Validation;
using static CarePathway.Engine.Tests.Testing.ClinicalPathways;

namespace CarePathway.Engine.Tests.Clinical.Activities;

public class LabGateTests
{
    private static readonly DateTimeOffset T0 = RunHarness.T0;

    private static readonly object CreatinineBelowLimit = new { label = "Creatinine at most the limit", expression = "lab(\"2160-0\") <= param.maxCreatinine" };
    private static readonly object CalciumAboveLimit = new { label = "Calcium at least the limit", expression = "lab(\"17861-6\") >= param.minCalcium" };

    /// <summary>start -> gate -> one End per outcome the gate has; <paramref name="extra"/> adds or replaces gate inputs.</summary>
    private static PathwayBuilder OneGate(object[] rules, string[]? codes = null, params (string Name, object? Value)[] extra)
    {
        var inputs = Inputs(("gate", "pre-infusion renal"), ("codes", codes ?? [Creatinine]), ("freshness", "param.freshness"), ("rules", rules));
        foreach (var (name, value) in extra.Where(e => e.Value is not null)) inputs[name] = value!;
        var builder = PathwayBuilder.Create()
            .Parameter("freshness", "duration", "30d")
            .Parameter("maxCreatinine", "number", 1.0, unit: "mg/dL")
            .Parameter("minCalcium", "number", 8.5, unit: "mg/dL")
            .Activity("start", "Start")
            .Activity("gate", "LabGate", inputs)
            .Activity("passed", "End")
            .Chain("start", "gate").Connect("gate", "passed", "passed");
        if (!inputs.ContainsKey("recheckAfter") || inputs.ContainsKey("maxRechecks")) builder.Activity("held", "End").Connect("gate", "held", "held");
        if (inputs.ContainsKey("missingAfter")) builder.Activity("missing", "End").Connect("gate", "missing", "missing");
        return builder;
    }

    /// <summary>A baseline gate (captures creatinine), 20 days, then the checking gate with the renal rule and a calcium rule.</summary>
    private static PathwayBuilder BaselineThenCheck(params (string Name, object? Value)[] checkInputs)
    {
        var inputs = Inputs(("gate", "pre-infusion renal"), ("codes", new[] { Creatinine, Calcium }), ("freshness", "1d"),
            ("rules", new[] { RenalRule, CalciumAboveLimit }));
        foreach (var (name, value) in checkInputs.Where(e => e.Value is not null)) inputs[name] = value!;
        var builder = PathwayBuilder.Create()
            .Parameter("minCalcium", "number", 8.5, unit: "mg/dL")
            .Activity("start", "Start")
            .Activity("baseline", "LabGate", new { gate = "baseline renal", codes = new[] { Creatinine }, freshness = "30d", captureBaseline = true, rules = new[] { CreatinineRecorded } })
            .Activity("wait", "Delay", new { duration = "20d" })
            .Activity("check", "LabGate", inputs)
            .Activity("passed", "End")
            .Activity("no-baseline", "End")
            .Chain("start", "baseline").Connect("baseline", "passed", "wait").Connect("baseline", "held", "no-baseline")
            .Chain("wait", "check").Connect("check", "passed", "passed");
        if (!inputs.ContainsKey("recheckAfter") || inputs.ContainsKey("maxRechecks")) builder.Activity("held", "End").Connect("check", "held", "held");
        return builder;
    }

    private static RunHarness Run(PathwayBuilder builder, params LabObservation[] labs)
    {
        var patient = RunHarness.NewPatient();
        patient.Labs.AddRange(labs);
        var run = new RunHarness(Valid(builder), patient);
        run.Start();
        return run;
    }

    private static LabObservation Lab(string code, decimal value, string unit, DateTimeOffset at) => new(code, value, unit, at);

    /// <summary>Runs the baseline gate on creatinine 0.50 mg/dL and moves to the checking gate, which asks for today's labs.</summary>
    private static RunHarness AtTheCheck(params (string Name, object? Value)[] checkInputs)
    {
        var run = Run(BaselineThenCheck(checkInputs), Lab(Creatinine, 0.50m, "mg/dL", T0.AddDays(-3)));
        run.FireNextTimer();
        return run;
    }

    private static string Text(JournalRecord record, string field) => record.Data[field]!.GetValue<string>();

    [Fact]
    public void Fresh_labs_pass_at_once_without_a_request_and_give_the_clearance()
    {
        var run = Run(OneGate([CreatinineBelowLimit]), Lab(Creatinine, 0.62m, "mg/dL", T0.AddDays(-29)));

        Assert.Empty(run.Records(JournalTypes.LabRequested));
        Assert.Empty(run.OpenTasks);
        var passed = Assert.Single(run.Records(JournalTypes.GatePassed));
        Assert.Equal("pre-infusion renal", Text(passed, "gate"));
        Assert.StartsWith("Creatinine at most the limit: ", Text(passed, "explanation"), StringComparison.Ordinal);
        Assert.Contains("0.62 mg/dL", Text(passed, "explanation"), StringComparison.Ordinal);
        Assert.Equal("passed", run.Executed[^1]);
        Assert.Equal((GateClearanceKind.Passed, "gate", T0), (run.State.Course.Clearance!.Kind, run.State.Course.Clearance.ActivityId, run.State.Course.Clearance.At));
        Assert.True(run.State.Course.LastGate!.Passed);
    }

    [Fact]
    public void Missing_labs_are_requested_with_an_order_labs_task_and_the_gate_waits_for_them()
    {
        var run = Run(OneGate([CreatinineBelowLimit], extra: [("orderDueIn", "2d")]));

        var requested = Assert.Single(run.Records(JournalTypes.LabRequested));
        Assert.Equal([Creatinine], requested.Data["codes"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("missing", Text(requested, "reason"));
        var order = run.Task(TaskKinds.OrderLabs);
        Assert.Equal((TaskRoles.Coordinator, T0.AddDays(2)), (order.Role, order.DueAt));
        Assert.Contains("creatinine (2160-0)", order.Title, StringComparison.Ordinal);
        Assert.Equal(InstanceStatus.Running, run.State.Status);
        Assert.Empty(run.Records(JournalTypes.GatePassed));
        Assert.Null(run.State.Course.Clearance);

        run.Advance(TimeSpan.FromHours(5));
        run.Lab(Creatinine, 0.70m, "mg/dL");

        Assert.Single(run.Records(JournalTypes.GatePassed));
        Assert.Contains(order.Id, run.CancelledTasks);
        Assert.Equal(InstanceStatus.Completed, run.State.Status);
        Assert.Equal("passed", run.Executed[^1]);
    }

    [Fact]
    public void Ordering_the_labs_is_recorded_and_the_gate_still_waits_for_the_results()
    {
        var run = Run(OneGate([CreatinineBelowLimit]));

        run.Complete(run.Task(TaskKinds.OrderLabs), "ordered", by: "coordinator.kim");

        Assert.Equal(TaskKinds.OrderLabs, Text(Assert.Single(run.Records(JournalTypes.TaskCompleted)), "kind"));
        Assert.Equal(InstanceStatus.Running, run.State.Status);
        Assert.Empty(run.Records(JournalTypes.GatePassed));
        run.Lab(Creatinine, 0.70m, "mg/dL");
        Assert.Equal(InstanceStatus.Completed, run.State.Status);
    }

    [Fact]
    public void Labs_older_than_the_freshness_window_are_requested_again()
    {
        var run = Run(OneGate([CreatinineBelowLimit]), Lab(Creatinine, 0.62m, "mg/dL", T0.AddDays(-31)));

        var requested = Assert.Single(run.Records(JournalTypes.LabRequested));
        Assert.Equal("stale", Text(requested, "reason"));
        Assert.Single(run.OpenTasks.Values, t => t.Kind == TaskKinds.OrderLabs);
        Assert.Empty(run.Records(JournalTypes.GatePassed));
    }

    [Fact]
    public void An_order_labs_task_says_whether_the_labs_are_missing_or_the_gate_held_on_them()
    {
        var missing = Run(OneGate([CreatinineBelowLimit]));
        var stale = Run(OneGate([CreatinineBelowLimit]), Lab(Creatinine, 0.62m, "mg/dL", T0.AddDays(-31)));
        var held = AtTheCheck(("recheckAfter", "7d"));
        held.Lab(Creatinine, 0.56m, "mg/dL");
        held.Lab(Calcium, 9.0m, "mg/dL");

        Assert.Equal(LabHold.Missing, missing.Task(TaskKinds.OrderLabs).LabHold);
        Assert.Equal(LabHold.Missing, stale.Task(TaskKinds.OrderLabs).LabHold);
        Assert.Equal(LabHold.Held, held.Task(TaskKinds.OrderLabs).LabHold);
    }

    [Fact]
    public void Tasks_that_are_not_a_lab_gate_s_order_carry_no_lab_hold()
    {
        var run = Run(PathwayBuilder.Create()
            .Activity("start", "Start")
            .Activity("remind", "Reminder", new { kind = TaskKinds.OrderLabs, role = TaskRoles.Coordinator, title = "Recheck creatinine" })
            .Activity("end", "End")
            .Chain("start", "remind", "end"));

        Assert.Null(run.Task(TaskKinds.OrderLabs).LabHold);
    }

    [Fact]
    public void Only_the_labs_that_are_not_fresh_are_requested()
    {
        var run = Run(OneGate([CreatinineBelowLimit, CalciumAboveLimit], [Creatinine, Calcium]), Lab(Creatinine, 0.62m, "mg/dL", T0.AddDays(-1)));

        var requested = Assert.Single(run.Records(JournalTypes.LabRequested));
        Assert.Equal([Calcium], requested.Data["codes"]!.AsArray().Select(c => c!.GetValue<string>()));
        run.Lab(Calcium, 9.1m, "mg/dL");
        Assert.Single(run.Records(JournalTypes.GatePassed));
    }

    [Fact]
    public void A_lab_that_went_stale_while_the_gate_waited_for_another_is_requested_before_the_rules_run()
    {
        var run = Run(OneGate([CreatinineBelowLimit, CalciumAboveLimit], [Creatinine, Calcium]), Lab(Calcium, 9.1m, "mg/dL", T0.AddDays(-25)));
        Assert.Equal([Creatinine], Assert.Single(run.Records(JournalTypes.LabRequested)).Data["codes"]!.AsArray().Select(c => c!.GetValue<string>()));

        run.Advance(TimeSpan.FromDays(10));
        run.Lab(Creatinine, 0.70m, "mg/dL");

        Assert.Empty(run.Records(JournalTypes.GatePassed));
        var again = run.Records(JournalTypes.LabRequested).Last();
        Assert.Equal([Calcium], again.Data["codes"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("stale", Text(again, "reason"));
        run.Lab(Calcium, 9.0m, "mg/dL");
        Assert.Single(run.Records(JournalTypes.GatePassed));
    }

    [Fact]
    public void A_result_under_the_other_creatinine_code_answers_the_wait_and_is_compared_converted()
    {
        var run = Run(OneGate([CreatinineBelowLimit]));

        run.Lab(CreatinineMolar, 97.26m, "umol/L");   // 97.26 / 88.42 = 1.1 mg/dL

        var held = Assert.Single(run.Records(JournalTypes.GateHeld));
        var reason = Assert.Single(held.Data["reasons"]!.AsArray())!.GetValue<string>();
        Assert.StartsWith("Creatinine at most the limit: ", reason, StringComparison.Ordinal);
        // Compared in the rule's unit, with the result as the laboratory reported it beside it.
        Assert.Matches(@"creatinine \(reported 97\.26 umol/L\) 1\.10* mg/dL > 1 mg/dL$", reason);
        Assert.Equal("held", run.Executed[^1]);
    }

    [Fact]
    public void A_held_gate_explains_every_failing_rule_and_withdraws_the_clearance()
    {
        var run = AtTheCheck(("recheckAfter", "7d"));
        Assert.NotNull(run.State.Course.Clearance);   // from the baseline gate
        run.Lab(Creatinine, 0.56m, "mg/dL");
        run.Lab(Calcium, 8.0m, "mg/dL");

        var held = Assert.Single(run.Records(JournalTypes.GateHeld));
        Assert.Equal("pre-infusion renal", Text(held, "gate"));
        var reasons = held.Data["reasons"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
        Assert.Equal(2, reasons.Count);
        Assert.StartsWith(RenalRuleLabel + ": ", reasons[0], StringComparison.Ordinal);
        Assert.Contains("0.56 mg/dL", reasons[0], StringComparison.Ordinal);
        Assert.Contains("baseline 0.50 mg/dL", reasons[0], StringComparison.Ordinal);
        Assert.StartsWith("Calcium at least the limit: ", reasons[1], StringComparison.Ordinal);
        Assert.Contains("8 mg/dL", reasons[1], StringComparison.Ordinal);
        Assert.Contains("8.5 mg/dL", reasons[1], StringComparison.Ordinal);
        Assert.Null(run.State.Course.Clearance);
        Assert.False(run.State.Course.LastGate!.Passed);
        Assert.Equal([false, false], run.State.Course.LastGate.Rules.Select(r => r.Passed));
    }

    [Fact]
    public void Only_the_failing_rules_are_reasons_for_the_hold()
    {
        var run = AtTheCheck(("recheckAfter", "7d"));
        run.Lab(Creatinine, 0.56m, "mg/dL");
        run.Lab(Calcium, 9.0m, "mg/dL");

        var reason = Assert.Single(Assert.Single(run.Records(JournalTypes.GateHeld)).Data["reasons"]!.AsArray())!.GetValue<string>();
        Assert.StartsWith(RenalRuleLabel, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_held_gate_reminds_now_requests_again_at_the_recheck_and_passes_when_back_within_the_rule()
    {
        var run = AtTheCheck(("recheckAfter", "7d"));
        var heldAt = run.Clock.GetUtcNow();
        run.Lab(Creatinine, 0.56m, "mg/dL");
        run.Lab(Calcium, 9.0m, "mg/dL");

        var reminder = Assert.Single(run.Records(JournalTypes.ReminderCreated));
        Assert.Equal((ReminderKinds.Renal, heldAt.AddDays(7)), (Text(reminder, "kind"), reminder.Data["dueAt"]!.GetValue<DateTimeOffset>()));
        var order = run.Task(TaskKinds.OrderLabs);
        Assert.Equal(heldAt.AddDays(7), order.DueAt);
        Assert.Contains("held: " + RenalRuleLabel, order.Instructions, StringComparison.Ordinal);
        var requestsBefore = run.Records(JournalTypes.LabRequested).Count();

        // A result before the recheck is not what the gate waits for.
        run.Advance(TimeSpan.FromDays(2));
        Assert.False(run.Lab(Creatinine, 0.54m, "mg/dL").Applied);

        var recheck = Assert.Single(run.PendingTimers.Values);
        Assert.Equal(heldAt.AddDays(7), recheck.DueAt);
        run.FireNextTimer();
        var again = run.Records(JournalTypes.LabRequested).Last();
        Assert.Equal(requestsBefore + 1, run.Records(JournalTypes.LabRequested).Count());
        Assert.Equal(("recheck", heldAt.AddDays(7)), (Text(again, "reason"), again.At));
        Assert.Equal([Creatinine, Calcium], again.Data["codes"]!.AsArray().Select(c => c!.GetValue<string>()));

        run.Lab(Creatinine, 0.54m, "mg/dL");
        run.Lab(Calcium, 9.0m, "mg/dL");

        var passed = Assert.Single(run.Records(JournalTypes.GatePassed), r => r.ActivityId == "check");
        Assert.Contains("0.54 mg/dL", Text(passed, "explanation"), StringComparison.Ordinal);
        Assert.Equal(GateClearanceKind.Passed, run.State.Course.Clearance!.Kind);
        Assert.DoesNotContain("check", run.State.Course.HeldCounts.Keys);
        Assert.Contains(order.Id, run.CancelledTasks);
        Assert.Equal("passed", run.Executed[^1]);
    }

    [Fact]
    public void The_recheck_reminder_takes_its_kind_from_the_gate()
    {
        var run = AtTheCheck(("recheckAfter", "7d"), ("reminderKind", ReminderKinds.Calcium));
        run.Lab(Creatinine, 0.50m, "mg/dL");
        run.Lab(Calcium, 8.0m, "mg/dL");

        Assert.Equal(ReminderKinds.Calcium, Text(Assert.Single(run.Records(JournalTypes.ReminderCreated)), "kind"));
    }


    /// <summary>At the checking gate with one recheck and an escalation, after two holds: the escalation is open and the gate rechecks.</summary>
    private static RunHarness Escalated(bool workUp = false)
    {
        var builder = BaselineThenCheck(("recheckAfter", "7d"), ("maxRechecks", "1"), ("escalationTitle", "Creatinine still raised: decide the course"), ("escalationRespondWithin", "1d"), ("keepFreshUntilDose", workUp ? false : null));
        if (workUp) builder.Activity("overridden", "End").Connect("check", "overridden", "overridden");
        var run = Run(builder, Lab(Creatinine, 0.50m, "mg/dL", T0.AddDays(-3)));
        run.FireNextTimer();
        for (var hold = 1; hold <= 2; hold++)
        {
            if (hold > 1) run.FireNextTimer();
            run.Lab(Creatinine, 0.60m, "mg/dL");
            run.Lab(Calcium, 9.0m, "mg/dL");
        }

        return run;
    }

    [Fact]
    public void An_escalated_gate_asks_a_clinician_keeps_rechecking_and_passes_by_itself_on_results_that_pass()
    {
        var run = Escalated();
        var escalation = run.Task(TaskKinds.GateEscalation);
        Assert.Equal(("clinician", T0.AddDays(20 + 7 + 1)), (escalation.Role, escalation.DueAt));
        Assert.Equal(["keep-rechecking", "stop"], escalation.Outcomes);
        Assert.Equal(InstanceStatus.Running, run.State.Status);
        Assert.Contains(run.PendingTimers.Values, t => t.DueAt == T0.AddDays(20 + 7 + 7));

        run.FireNextTimer();
        run.Lab(Creatinine, 0.52m, "mg/dL");
        run.Lab(Calcium, 9.0m, "mg/dL");

        Assert.Equal("passed", run.Executed[^1]);
        Assert.Contains(escalation.Id, run.CancelledTasks);
        var closed = run.Records(JournalTypes.TaskCancelled).Single(r => r.Data["taskId"]!.GetValue<Guid>() == escalation.Id);
        Assert.Equal("the gate passed on fresh results: the escalation is closed", Text(closed, "reason"));
        Assert.Equal(GateClearanceKind.Passed, run.State.Course.Clearance!.Kind);
    }

    [Fact]
    public void A_clinician_who_keeps_the_gate_rechecking_is_asked_again_only_when_the_next_rechecks_run_out()
    {
        var run = Escalated();
        run.Complete(run.Task(TaskKinds.GateEscalation), "keep-rechecking");
        Assert.DoesNotContain(run.OpenTasks.Values, t => t.Kind == TaskKinds.GateEscalation);

        run.FireNextTimer();
        run.Lab(Creatinine, 0.60m, "mg/dL");
        run.Lab(Calcium, 9.0m, "mg/dL");
        Assert.DoesNotContain(run.OpenTasks.Values, t => t.Kind == TaskKinds.GateEscalation);
        run.FireNextTimer();
        run.Lab(Creatinine, 0.60m, "mg/dL");
        run.Lab(Calcium, 9.0m, "mg/dL");
        Assert.Single(run.OpenTasks.Values, t => t.Kind == TaskKinds.GateEscalation);
    }

    [Fact]
    public void A_clinician_stops_the_wait_with_a_reason_and_the_gate_takes_its_held_outcome()
    {
        var run = Escalated();
        var escalation = run.Task(TaskKinds.GateEscalation);

        var refused = Assert.Throws<StimulusRefusedException>(() => run.Complete(escalation, "stop"));
        Assert.Equal("reason", Assert.Single(refused.Problems).Field);
        Assert.Throws<StimulusRefusedException>(() => run.Complete(escalation, "override", "recovered clinically"));

        run.Complete(escalation, "stop", "renal team advise no further bisphosphonate");
        Assert.Equal("held", run.Executed[^1]);
        Assert.Equal(InstanceStatus.Completed, run.State.Status);
        Assert.Empty(run.PendingTimers);
    }

    [Fact]
    public void A_work_up_gate_can_be_overridden_from_its_escalation_with_a_reason()
    {
        var run = Escalated(workUp: true);
        var escalation = run.Task(TaskKinds.GateEscalation);
        Assert.Equal(["keep-rechecking", "override", "stop"], escalation.Outcomes);

        run.Complete(escalation, "override", "repletion under way; the pre-dose gates still apply");
        Assert.Equal("overridden", run.Executed[^1]);
        var decided = Assert.Single(run.Records(JournalTypes.TaskCompleted), r => r.Data["kind"]!.GetValue<string>() == TaskKinds.GateEscalation);
        Assert.Equal(("override", "dr.jones"), (decided.Outcome, decided.Data["by"]!.GetValue<string>()));
    }

    [Fact]
    public void An_escalation_needs_max_rechecks()
    {
        var problems = new DefinitionValidator(ActivityCatalog.Default).Validate(OneGate([CreatinineBelowLimit], null, ("recheckAfter", "7d"), ("escalationTitle", "Decide")).Build());
        Assert.Contains(problems, p => p.Field == "inputs.escalationTitle" && p.Message.Contains("maxRechecks", StringComparison.Ordinal));
    }

    [Fact]
    public void When_the_labs_still_fail_after_max_rechecks_the_gate_takes_the_held_outcome_and_its_count_starts_again()
    {
        var run = AtTheCheck(("recheckAfter", "7d"), ("maxRechecks", "2"));
        for (var evaluation = 1; evaluation <= 3; evaluation++)
        {
            if (evaluation > 1) run.FireNextTimer();
            run.Lab(Creatinine, 0.60m, "mg/dL");
            run.Lab(Calcium, 9.0m, "mg/dL");
            Assert.Equal(evaluation, run.Records(JournalTypes.GateHeld).Count());
            if (evaluation < 3) Assert.Equal(evaluation, run.State.Course.HeldCounts["check"]);
            else Assert.DoesNotContain("check", run.State.Course.HeldCounts.Keys);
            Assert.Equal(evaluation < 3 ? InstanceStatus.Running : InstanceStatus.Completed, run.State.Status);
        }

        Assert.Equal(2, run.Records(JournalTypes.ReminderCreated).Count());
        Assert.Equal("held", run.Executed[^1]);
        Assert.Empty(run.PendingTimers);
    }

    [Fact]
    public void Without_a_recheck_a_failing_gate_takes_the_held_outcome_at_once()
    {
        var run = AtTheCheck();
        run.Lab(Creatinine, 0.60m, "mg/dL");
        run.Lab(Calcium, 9.0m, "mg/dL");

        Assert.Single(run.Records(JournalTypes.GateHeld));
        Assert.Empty(run.Records(JournalTypes.ReminderCreated));
        Assert.Equal("held", run.Executed[^1]);
    }

    [Fact]
    public void Labs_still_missing_after_missing_after_take_the_missing_outcome()
    {
        var run = Run(OneGate([CreatinineBelowLimit], extra: [("missingAfter", "3d")]));
        var order = run.Task(TaskKinds.OrderLabs);

        var timer = Assert.Single(run.PendingTimers.Values);
        Assert.Equal(T0.AddDays(3), timer.DueAt);
        run.FireNextTimer();

        Assert.Equal("missing", run.Executed[^1]);
        Assert.Contains(order.Id, run.CancelledTasks);
        Assert.Empty(run.Records(JournalTypes.GatePassed));
        Assert.Empty(run.Records(JournalTypes.GateHeld));
        Assert.False(run.Lab(Creatinine, 0.70m, "mg/dL").Applied);
    }

    [Fact]
    public void Results_in_time_cancel_the_missing_timer()
    {
        var run = Run(OneGate([CreatinineBelowLimit], extra: [("missingAfter", "3d")]));
        var timer = Assert.Single(run.PendingTimers.Values);

        run.Lab(Creatinine, 0.70m, "mg/dL");

        Assert.Contains(timer.BookmarkId, run.CancelledTimers);
        Assert.Equal("passed", run.Executed[^1]);
    }

    [Fact]
    public void The_baseline_is_captured_once_and_a_later_capturing_gate_does_not_overwrite_it()
    {
        var builder = PathwayBuilder.Create()
            .Activity("start", "Start")
            .Activity("first", "LabGate", new { gate = "baseline", codes = new[] { Creatinine }, freshness = "30d", captureBaseline = true, rules = new[] { CreatinineRecorded } })
            .Activity("wait", "Delay", new { duration = "60d" })
            .Activity("second", "LabGate", new { gate = "again", codes = new[] { Creatinine }, freshness = "1d", captureBaseline = true, rules = new[] { CreatinineRecorded } })
            .Activity("end", "End")
            .Activity("stopped", "End")
            .Chain("start", "first").Connect("first", "passed", "wait").Connect("first", "held", "stopped")
            .Chain("wait", "second").Connect("second", "passed", "end").Connect("second", "held", "stopped");
        var run = Run(builder, Lab(Creatinine, 0.50m, "mg/dL", T0.AddDays(-2)));
        Assert.Equal(new LabValue(0.50m, "mg/dL", T0.AddDays(-2)), run.State.Baselines[Creatinine]);

        run.FireNextTimer();
        run.Lab(CreatinineMolar, 70m, "umol/L");

        Assert.Equal(2, run.Records(JournalTypes.GatePassed).Count());
        Assert.Equal(new LabValue(0.50m, "mg/dL", T0.AddDays(-2)), Assert.Single(run.State.Baselines).Value);
    }

    [Fact]
    public void A_baseline_from_a_result_in_the_other_unit_is_stored_converted()
    {
        var builder = OneGate([CreatinineRecorded], extra: [("captureBaseline", true)]);
        var run = Run(builder);
        run.Lab(CreatinineMolar, 44.21m, "umol/L");

        var baseline = run.State.Baselines[Creatinine];
        Assert.Equal((0.5m, "mg/dL"), (baseline.Value, baseline.Unit));
    }

    [Fact]
    public void The_validator_refuses_a_gate_without_codes_or_rules_and_max_rechecks_without_a_recheck()
    {
        var builder = PathwayBuilder.Create()
            .Activity("start", "Start")
            .Activity("gate", "LabGate", new { gate = "g", codes = Array.Empty<string>(), freshness = "1d", rules = Array.Empty<object>(), maxRechecks = "2" })
            .Activity("passed", "End").Activity("held", "End")
            .Chain("start", "gate").Connect("gate", "passed", "passed").Connect("gate", "held", "held");

        var problems = new DefinitionValidator(ActivityCatalog.Default).Validate(builder.Build());

        Assert.Contains(problems, p => p is { ActivityId: "gate", Field: "inputs.codes" } && p.Message.Contains("at least one lab code", StringComparison.Ordinal));
        Assert.Contains(problems, p => p is { ActivityId: "gate", Field: "inputs.rules" } && p.Message.Contains("at least one rule", StringComparison.Ordinal));
        Assert.Contains(problems, p => p is { ActivityId: "gate", Field: "inputs.maxRechecks" } && p.Message.Contains("give recheckAfter too", StringComparison.Ordinal));
    }

    [Fact]
    public void The_gate_offers_held_only_when_it_can_stop_on_it_and_missing_only_with_missing_after()
    {
        static IReadOnlyList<string> OutcomesOf(PathwayBuilder pathway) => pathway.Compile().Bound("gate").OutcomesOf();
        Assert.Equal([Outcomes.Passed, Outcomes.Held], OutcomesOf(OneGate([CreatinineBelowLimit])));
        Assert.Equal([Outcomes.Passed], OutcomesOf(OneGate([CreatinineBelowLimit], extra: [("recheckAfter", "2d")])));
        Assert.Equal([Outcomes.Passed, Outcomes.Held, Outcomes.Missing],
            OutcomesOf(OneGate([CreatinineBelowLimit], extra: [("recheckAfter", "2d"), ("maxRechecks", "1"), ("missingAfter", "2d")])));
    }
}
