using System.Text.Json.Nodes;
using CarePathway.Engine.Activities;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Tests.Testing;

namespace CarePathway.Engine.Tests.Execution;

public class TaskTests
{
    [Fact]
    public void A_human_task_waits_for_its_outcome_and_stores_form_answers_in_variables()
    {
        var run = new RunHarness(PathwayBuilder.Create()
            .Variable("painScore", "number")
            .Variable("swelling", "boolean")
            .Activity("start", "Start")
            .Activity("assess", "HumanTask", new
            {
                kind = "pain-assessment", role = "coordinator", title = "Assess pain", dueIn = "2d",
                outcomes = new[] { "better", "worse" }, defaultOutcome = "better",
                formFields = new object[]
                {
                    new { name = "painScore", label = "Pain (0-10)", type = "number", required = true },
                    new { name = "swelling", label = "Swelling", type = "boolean" },
                },
            })
            .Activity("end-better", "End").Activity("end-worse", "End")
            .Chain("start", "assess")
            .Connect("assess", "better", "end-better").Connect("assess", "worse", "end-worse")
            .Compile());
        run.Start();
        var task = run.Task("pain-assessment");
        Assert.Equal(("coordinator", "Assess pain", "better", RunHarness.T0.AddDays(2)), (task.Role, task.Title, task.DefaultOutcome, task.DueAt));
        Assert.Equal(["better", "worse"], task.Outcomes);
        Assert.Equal(2, task.Form.Count);
        Assert.NotNull(task.BookmarkId);

        run.Complete(task, "worse", data: new JsonObject { ["painScore"] = 7, ["swelling"] = true });

        Assert.Equal(7m, run.State.Variables["painScore"]!.GetValue<decimal>());
        Assert.True(run.State.Variables["swelling"]!.GetValue<bool>());
        Assert.Equal("end-worse", run.Executed[^1]);
        var completed = Assert.Single(run.Records(JournalTypes.TaskCompleted));
        Assert.Equal(("worse", "dr.jones"), (completed.Data["outcome"]!.GetValue<string>(), completed.Data["by"]!.GetValue<string>()));
        Assert.Equal(CauseKind.User, completed.Cause.Kind);
    }

    private static RunHarness ApprovalRun(decimal weightKg)
    {
        var run = new RunHarness(PathwayBuilder.Create()
            .Parameter("minWeight", "number", 30, unit: "kg")
            .Activity("start", "Start")
            .Activity("approve", "Approval", new
            {
                kind = "dose-approval", title = "Approve the dose", dueIn = "3d",
                evidence = new object[]
                {
                    new { label = "Weight", expression = "patient.weightKg" },
                    new { label = "Heavy enough", expression = "patient.weightKg >= param.minWeight", check = true },
                },
            })
            .Activity("go", "End").Activity("stop", "End")
            .Chain("start", "approve")
            .Connect("approve", "approved", "go").Connect("approve", "overridden", "go").Connect("approve", "rejected", "stop")
            .Compile(), RunHarness.NewPatient(weightKg));
        run.Start();
        return run;
    }

    [Fact]
    public void An_approval_whose_checks_pass_defaults_to_approved()
    {
        var task = ApprovalRun(40m).Task("dose-approval");
        Assert.Equal(TaskRoles.Clinician, task.Role);
        Assert.Equal(["approved", "rejected", "overridden"], task.Outcomes);
        Assert.Equal("approved", task.DefaultOutcome);
        Assert.True(task.Evidence["passed"]!.GetValue<bool>());
        var items = task.Evidence["items"]!.AsArray();
        Assert.Equal("Weight", items[0]!["label"]!.GetValue<string>());
        Assert.Null(items[0]!["passed"]);
        Assert.True(items[1]!["passed"]!.GetValue<bool>());
        Assert.Contains("30 kg", items[1]!["explanation"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_approval_whose_checks_fail_has_no_default_outcome()
    {
        var task = ApprovalRun(25m).Task("dose-approval");
        Assert.Null(task.DefaultOutcome);
        Assert.False(task.Evidence["passed"]!.GetValue<bool>());
        Assert.False(task.Evidence["items"]![1]!["passed"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("rejected")]
    [InlineData("overridden")]
    public void Rejecting_or_overriding_an_approval_without_a_reason_is_refused(string outcome)
    {
        var task = ApprovalRun(25m).Task("dose-approval");

        var refused = Assert.Single(TaskCompletionRules.Check(task.Outcomes, task.ReasonRequiredFor, outcome, "  "));
        Assert.Equal(("reason", $"a reason is required to choose '{outcome}'"), (refused.Field, refused.Message));
        Assert.Empty(TaskCompletionRules.Check(task.Outcomes, task.ReasonRequiredFor, outcome, "renal function reviewed by nephrology"));
        Assert.Empty(TaskCompletionRules.Check(task.Outcomes, task.ReasonRequiredFor, "approved", null));
    }

    [Fact]
    public void The_engine_itself_refuses_a_rejection_without_a_reason_and_changes_nothing()
    {
        var run = ApprovalRun(25m);
        var task = run.Task("dose-approval");
        var before = run.State.ToJson();

        var refused = Assert.Throws<StimulusRefusedException>(() => run.Resume(new TaskCompleted(task.Id, "rejected", "dr.jones", null, null)));

        Assert.Equal("reason", Assert.Single(refused.Problems).Field);
        Assert.Equal(before, run.State.ToJson());
        Assert.Equal(InstanceStatus.Running, run.State.Status);
        Assert.True(run.Complete(task, "rejected", reason: "parents declined").Applied);
    }

    [Fact]
    public void Approving_past_a_check_that_does_not_hold_is_refused_and_changes_nothing()
    {
        var run = ApprovalRun(25m);
        var task = run.Task("dose-approval");
        var before = run.State.ToJson();

        var refused = Assert.Throws<StimulusRefusedException>(() => run.Resume(new TaskCompleted(task.Id, "approved", "dr.jones", null, null)));

        Assert.Equal(("outcome", "a check in the evidence does not hold: override with a reason, or reject"),
            (Assert.Single(refused.Problems).Field, refused.Problems[0].Message));
        Assert.Equal(before, run.State.ToJson());
        Assert.True(run.Complete(task, "overridden", reason: "weighed again in clinic: 31 kg").Applied);
    }

    [Fact]
    public void Approving_when_every_check_holds_is_accepted()
    {
        var run = ApprovalRun(40m);
        Assert.True(run.Complete(run.Task("dose-approval"), "approved").Applied);
        Assert.Equal("go", run.Executed[^1]);
    }

    [Theory]
    [InlineData(null, "outcome", "is required: one of approved, rejected, overridden")]
    [InlineData("maybe", "outcome", "'maybe' is not an outcome of this task: one of approved, rejected, overridden")]
    public void A_completion_must_name_an_outcome_the_task_offers(string? outcome, string field, string message)
    {
        var task = ApprovalRun(40m).Task("dose-approval");
        var refused = Assert.Single(TaskCompletionRules.Check(task.Outcomes, task.ReasonRequiredFor, outcome, null));
        Assert.Equal((field, message), (refused.Field, refused.Message));
    }

    [Fact]
    public void An_override_with_a_reason_continues_and_journals_who_and_why()
    {
        var run = ApprovalRun(25m);
        run.Complete(run.Task("dose-approval"), "overridden", reason: "weighed again in clinic: 31 kg", by: "dr.khan");

        Assert.Equal(InstanceStatus.Completed, run.State.Status);
        Assert.Equal("go", run.Executed[^1]);
        var completed = Assert.Single(run.Records(JournalTypes.TaskCompleted));
        Assert.Equal(("dr.khan", "weighed again in clinic: 31 kg"), (completed.Data["by"]!.GetValue<string>(), completed.Data["reason"]!.GetValue<string>()));
    }
}
