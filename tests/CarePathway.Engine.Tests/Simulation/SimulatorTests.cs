using System.Globalization;
using System.Text.Json.Nodes;
using CarePathway.Engine.Activities;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Simulation;
using CarePathway.Engine.Tests.Testing;

namespace CarePathway.Engine.Tests.Simulation;

public class SimulatorTests
{
    private static SimulationResult Simulate(PathwayBuilder pathway, string scenarioBody) =>
        Simulator.Run(ScenarioReader.Read(Scenario(scenarioBody)), pathway.Compile());

    /// <summary>A scenario for the test pathway with a standard patient; <paramref name="body"/> adds events, answers, until.</summary>
    private static string Scenario(string body) => $$"""
        {
          "pathway": "test-pathway",
          "start": "2026-01-05T09:00:00Z",
          "patient": { "birthDate": "2014-01-05", "sex": "female", "weightKg": 40, "heightCm": 150, "diagnosis": "CRMO" }
          {{(body.Length == 0 ? "" : "," + body)}}
        }
        """;

    private static List<JsonObject> Entries(SimulationResult result, string type) =>
        [.. result.Timeline.Select(e => e!.AsObject()).Where(e => e["type"]!.GetValue<string>() == type)];

    private static int Day(JsonObject entry) => entry["day"]!.GetValue<int>();

    private static string Text(JsonObject entry, string field) => entry[field]!.GetValue<string>();

    /// <summary>A pathway that never ends: a 1 s delay back to itself.</summary>
    private static PathwayBuilder TicksForever() => PathwayBuilder.Create()
        .Activity("start", "Start")
        .Activity("tick", "Delay", new { duration = "1s" })
        .Activity("again", "Decision", new { condition = "true" })
        .Activity("end", "End")
        .Chain("start", "tick")
        .Chain("tick", "again")
        .Connect("again", "true", "tick")
        .Connect("again", "false", "end");

    [Fact]
    public void A_looping_pathway_stops_at_the_step_limit_keeping_what_it_did_and_saying_which_limit()
    {
        var result = Simulator.Run(ScenarioReader.Read(Scenario("\"until\": 4")), TicksForever().Compile(), new SimulationLimits(MaxSteps: 50, MaxTimelineEntries: 100_000), CancellationToken.None);

        Assert.Equal("steps: the simulation stopped after 50 steps (its step limit)", result.StoppedBy);
        Assert.Equal(50, Entries(result, "timer.fired").Count);
        Assert.Equal(InstanceStatus.Running, result.Status);
        Assert.Equal("steps: the simulation stopped after 50 steps (its step limit)", result.ToJson()["stoppedBy"]!.GetValue<string>());
    }

    /// <summary>A review whose "again" asks it again at once: with that answer repeating, time never passes.</summary>
    private static PathwayBuilder ReviewedAgainAndAgain() => PathwayBuilder.Create()
        .Activity("start", "Start")
        .Activity("review", "HumanTask", new { kind = "review", role = "clinician", title = "Review", dueIn = "1d", outcomes = new[] { "again", "stop" } })
        .Activity("end", "End")
        .Chain("start", "review")
        .Connect("review", "again", "review").Connect("review", "stop", "end");

    [Fact]
    public void Answers_that_keep_answering_the_pathway_without_time_passing_stop_as_stalled_long_before_the_step_limit()
    {
        var result = Simulator.Run(ScenarioReader.Read(Scenario(""" "answers": { "tasks": { "review": [ { "outcome": "again" } ] } } """)),
            ReviewedAgainAndAgain().Compile(), SimulationLimits.Default with { MaxStepsWithoutTimePassing = 40 }, CancellationToken.None);

        Assert.StartsWith("stalled: the simulation stopped after 40 steps within one second", result.StoppedBy);
        Assert.Equal(40, Entries(result, "task.completed").Count);
        Assert.Equal(InstanceStatus.Running, result.Status);
    }

    [Fact]
    public void Answers_a_day_apart_are_not_a_stall_however_many_there_are()
    {
        var result = Simulator.Run(ScenarioReader.Read(Scenario(""" "until": 60, "answers": { "tasks": { "review": [ { "outcome": "again", "afterDays": 1 } ] } } """)),
            ReviewedAgainAndAgain().Compile(), SimulationLimits.Default with { MaxStepsWithoutTimePassing = 40 }, CancellationToken.None);

        Assert.Null(result.StoppedBy);
        Assert.Equal(60, Entries(result, "task.completed").Count);
    }

    [Fact]
    public void The_same_scenario_run_twice_gets_the_same_answers_in_the_same_order()
    {
        var scenario = ScenarioReader.Read(Scenario(""" "answers": { "assessments": { "response": [ "none", "partial", "full" ] } } """));
        var pathway = AskRepeatedly(new { eventType = "assessment", key = "response", variable = "answer" }, 3, "10d").Compile();

        var first = Simulator.Run(scenario, pathway);
        var second = Simulator.Run(scenario, pathway);

        Assert.Equal(["none", "partial", "full"], Entries(first, "assessment.recorded").Select(e => Text(e, "value")));
        Assert.Equal(first.Timeline.ToJsonString(), second.Timeline.ToJsonString());
    }

    [Fact]
    public void A_simulation_that_runs_to_its_end_says_nothing_stopped_it_and_a_cancelled_one_stops()
    {
        var finished = Simulator.Run(ScenarioReader.Read(Scenario("\"until\": 1")), AskRepeatedly(new { eventType = "lab", key = "2160-0" }, 1, "1d").Compile());
        Assert.Null(finished.StoppedBy);
        Assert.False(finished.ToJson().ContainsKey("stoppedBy"));

        using var gone = new CancellationTokenSource();
        gone.Cancel();
        Assert.Throws<OperationCanceledException>(() =>
            Simulator.Run(ScenarioReader.Read(Scenario("\"until\": 4")), TicksForever().Compile(), SimulationLimits.Default, gone.Token));
    }

    /// <summary>Asks for something <paramref name="rounds"/> times, <paramref name="gap"/> apart, counting in var.n.</summary>
    private static PathwayBuilder AskRepeatedly(object waitInputs, int rounds, string gap) => PathwayBuilder.Create()
        .Variable("n", "number", 0)
        .Variable("answer", "any")
        .Activity("start", "Start")
        .Activity("ask", "WaitForEvent", waitInputs)
        .Activity("count", "SetVariable", new { variable = "n", value = "var.n + 1" })
        .Activity("more", "Decision", new { condition = $"var.n < {rounds}" })
        .Activity("gap", "Delay", new { duration = gap })
        .Activity("end", "End")
        .Chain("start", "ask")
        .Connect("ask", "received", "count")
        .Chain("count", "more")
        .Connect("more", "true", "gap").Chain("gap", "ask")
        .Connect("more", "false", "end");

    [Fact]
    public void Plain_answers_are_used_in_order_and_the_last_one_repeats()
    {
        var result = Simulate(AskRepeatedly(new { eventType = "assessment", key = "response", variable = "answer" }, 4, "10d"),
            """ "answers": { "assessments": { "response": [ "none", "partial" ] } } """);

        Assert.Equal(InstanceStatus.Completed, result.Status);
        var recorded = Entries(result, "assessment.recorded");
        Assert.Equal(["none", "partial", "partial", "partial"], recorded.Select(e => Text(e, "value")));
        Assert.Equal([0, 10, 20, 30], recorded.Select(Day));
        Assert.Equal("partial", result.FinalState.Variables["answer"]!.GetValue<string>());
    }

    [Fact]
    public void Answers_with_a_from_day_are_chosen_by_the_day_of_the_request()
    {
        var result = Simulate(AskRepeatedly(new { eventType = "lab", key = "2160-0", variable = "answer" }, 4, "100d"), """
            "answers": { "labs": { "2160-0": [
              { "fromDay": 150, "value": 1.20, "unit": "mg/dL" },
              { "fromDay": 0, "value": 0.60, "unit": "mg/dL" } ] } }
            """);

        var labs = Entries(result, "lab.resulted");
        Assert.Equal([0, 100, 200, 300], labs.Select(Day));
        Assert.Equal([0.60m, 0.60m, 1.20m, 1.20m], labs.Select(e => e["value"]!.GetValue<decimal>()));
        Assert.All(labs, e => Assert.Equal(("2160-0", "mg/dL"), (Text(e, "code"), Text(e, "unit"))));
        Assert.Equal(4, Entries(result, "lab.requested").Count);
    }

    private static PathwayBuilder Review(string? defaultOutcome, string? respondWithin = null) => PathwayBuilder.Create()
        .Activity("start", "Start")
        .Activity("review", "HumanTask", respondWithin is null
            ? new { kind = "review", role = "clinician", title = "Review the trial", dueIn = "5d", outcomes = new[] { "continue", "stop" }, defaultOutcome }
            : (object)new { kind = "review", role = "clinician", title = "Review the trial", respondWithin, outcomes = new[] { "continue", "stop" }, defaultOutcome })
        .Activity("continued", "End").Activity("stopped", "End")
        .Chain("start", "review")
        .Connect("review", "continue", "continued").Connect("review", "stop", "stopped");

    [Fact]
    public void A_task_without_an_answer_takes_its_default_outcome_on_its_due_day()
    {
        var result = Simulate(Review("continue"), "");

        Assert.Equal(InstanceStatus.Completed, result.Status);
        var completed = Assert.Single(Entries(result, "task.completed"));
        Assert.Equal((5, "continue", Simulator.SimulatedUser), (Day(completed), Text(completed, "outcome"), Text(completed, "by")));
        Assert.Equal(5, Day(Assert.Single(Entries(result, "pathway.completed"))));
    }

    [Fact]
    public void A_task_with_a_deadline_and_no_answer_takes_its_default_at_once_and_is_shown_due_at_its_deadline()
    {
        var result = Simulate(Review("continue", respondWithin: "2d"), "");

        var created = Assert.Single(Entries(result, "task.created"));
        Assert.Equal(2, created["dueDay"]!.GetValue<int>());
        var completed = Assert.Single(Entries(result, "task.completed"));
        Assert.Equal((0, "continue"), (Day(completed), Text(completed, "outcome")));
    }

    [Fact]
    public void A_task_answer_is_given_after_its_delay_by_its_author()
    {
        var result = Simulate(Review("continue"), """ "answers": { "tasks": { "review": [ { "outcome": "stop", "afterDays": 2, "by": "dr.lee" } ] } } """);

        var completed = Assert.Single(Entries(result, "task.completed"));
        Assert.Equal((2, "stop", "dr.lee"), (Day(completed), Text(completed, "outcome"), Text(completed, "by")));
        Assert.Empty(result.FinalState.Bookmarks);
        Assert.Equal(InstanceStatus.Completed, result.Status);
    }

    [Fact]
    public void A_task_with_neither_answer_nor_default_stays_open()
    {
        var result = Simulate(Review(null), """ "until": 60 """);

        Assert.Equal(InstanceStatus.Running, result.Status);
        Assert.Single(Entries(result, "task.created"));
        Assert.Empty(Entries(result, "task.completed"));
    }

    private static PathwayBuilder Approval() => PathwayBuilder.Create()
        .Parameter("minWeight", "number", 30, unit: "kg")
        .Activity("start", "Start")
        .Activity("approve", "Approval", new
        {
            kind = "dose-approval", title = "Approve the dose", dueIn = "3d",
            evidence = new[] { new { label = "Heavy enough", expression = "patient.weightKg >= param.minWeight", check = true } },
        })
        .Activity("go", "End").Activity("stop", "End")
        .Chain("start", "approve")
        .Connect("approve", "approved", "go").Connect("approve", "overridden", "go").Connect("approve", "rejected", "stop");

    [Fact]
    public void An_approval_whose_evidence_passes_is_approved_by_default_on_its_due_day()
    {
        var result = Simulate(Approval(), "");
        var completed = Assert.Single(Entries(result, "task.completed"));
        Assert.Equal((3, "approved"), (Day(completed), Text(completed, "outcome")));
        Assert.Equal(InstanceStatus.Completed, result.Status);
    }

    [Fact]
    public void An_approval_whose_evidence_does_not_pass_stays_open_without_an_answer()
    {
        var result = Simulate(Approval(), """ "parameters": { "minWeight": 50 }, "until": 100 """);

        Assert.Equal(InstanceStatus.Running, result.Status);
        Assert.Single(Entries(result, "task.created"));
        Assert.Empty(Entries(result, "task.completed"));
    }

    [Fact]
    public void An_answer_the_product_would_refuse_is_shown_and_the_task_stays_open()
    {
        var result = Simulate(Approval(), """ "parameters": { "minWeight": 50 }, "answers": { "tasks": { "dose-approval": [ "rejected" ] } } """);

        Assert.Equal(InstanceStatus.Running, result.Status);
        var refused = Assert.Single(Entries(result, "answer.refused"));
        Assert.Contains("a reason is required to choose 'rejected'", Text(refused, "message"), StringComparison.Ordinal);
        Assert.Empty(Entries(result, "task.completed"));
    }

    [Fact]
    public void A_request_with_no_answer_stays_open_and_the_timeline_shows_it()
    {
        var result = Simulate(AskRepeatedly(new { eventType = "lab", key = "2160-0" }, 1, "1d"), """ "until": 30 """);

        Assert.Equal(InstanceStatus.Running, result.Status);
        var requested = Assert.Single(Entries(result, "lab.requested"));
        Assert.Equal((0, "2160-0"), (Day(requested), requested["codes"]![0]!.GetValue<string>()));
        Assert.Empty(Entries(result, "lab.resulted"));
        Assert.Contains(result.FinalState.Bookmarks, b => b.Kind == BookmarkKind.Event && b.EventKey == "2160-0");
    }

    [Fact]
    public void Events_happen_on_their_day_and_reach_the_pathway()
    {
        var result = Simulate(AskRepeatedly(new { eventType = "lab", key = "2160-0", variable = "answer" }, 1, "1d"), """
            "events": [
              { "day": 12, "lab": { "code": "2160-0", "value": 0.71, "unit": "mg/dL" } },
              { "day": 3, "measurement": { "weightKg": 41 } },
              { "day": 5, "assessment": { "name": "pain", "value": "mild" } }
            ]
            """);

        Assert.Equal(3, Day(Assert.Single(Entries(result, "measurement.recorded"))));
        Assert.Equal(5, Day(Assert.Single(Entries(result, "assessment.recorded"))));
        Assert.Equal(12, Day(Assert.Single(Entries(result, "lab.resulted"))));
        Assert.Equal(12, Day(Assert.Single(Entries(result, "pathway.completed"))));
        Assert.Equal(0.71m, result.FinalState.Variables["answer"]!["value"]!.GetValue<decimal>());
    }

    [Fact]
    public void Until_stops_the_run_before_later_timers()
    {
        var pathway = PathwayBuilder.Create()
            .Activity("start", "Start").Activity("first", "Delay", new { duration = "30d" }).Activity("second", "Delay", new { duration = "100d" })
            .Activity("end", "End").Chain("start", "first", "second", "end");

        var result = Simulate(pathway, """ "until": 50 """);

        Assert.Equal(InstanceStatus.Running, result.Status);
        Assert.Equal(["first"], Entries(result, "timer.fired").Select(e => Text(e, "activity")));
        Assert.All(result.Timeline, e => Assert.True(Day(e!.AsObject()) <= 50));
    }

    [Fact]
    public void An_incident_appears_in_the_timeline_with_its_activity_and_message()
    {
        var pathway = PathwayBuilder.Create()
            .Parameter("limit", "number", 1.2, unit: "mg/dL")
            .Activity("start", "Start")
            .Activity("gate", "Decision", new { condition = "lab(\"2160-0\") > param.limit" })
            .Activity("end", "End")
            .Chain("start", "gate").Connect("gate", "true", "end").Connect("gate", "false", "end");

        var result = Simulate(pathway, "");

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        var incident = Assert.Single(Entries(result, "incident"));
        Assert.Equal(["day", "at", "type", "activity", "message"], incident.Select(p => p.Key));
        Assert.Equal("gate", Text(incident, "activity"));
        Assert.Contains("lab 2160-0 has no value", Text(incident, "message"), StringComparison.Ordinal);
    }

    private static SimulationResult SimulateSampleFile(string scenarioFile)
    {
        var definition = DefinitionJson.Read(File.ReadAllText(Path.Combine(RepoPaths.Workflows, "sample-nsaid-review.v1.json"))).Definition!;
        var scenario = ScenarioReader.Read(File.ReadAllText(Path.Combine(RepoPaths.Scenarios, scenarioFile)));
        return Simulator.Run(scenario, new CompiledDefinition(definition, ActivityCatalog.Default));
    }

    [Fact]
    public void Timeline_entries_carry_day_at_type_and_the_fields_of_their_type()
    {
        var result = SimulateSampleFile("sample-nsaid-review.escalate.json");
        var json = result.ToJson();
        Assert.Equal(("sample-nsaid-review", 1, "completed"),
            (json["pathway"]!.GetValue<string>(), json["version"]!.GetValue<int>(), json["status"]!.GetValue<string>()));

        var expectedFields = new Dictionary<string, string[]>
        {
            ["pathway.started"] = [],
            ["pathway.completed"] = [],
            ["task.created"] = ["taskId", "kind", "activity", "role", "title", "dueDay"],
            ["task.completed"] = ["taskId", "kind", "outcome", "by", "reason"],
            ["decision"] = ["activity", "outcome", "explanation"],
            ["timer.fired"] = ["activity"],
        };
        var start = DateTimeOffset.Parse("2026-01-05T09:00:00Z", CultureInfo.InvariantCulture);
        foreach (var entry in result.Timeline.Select(e => e!.AsObject()))
        {
            var at = DateTimeOffset.Parse(Text(entry, "at"), CultureInfo.InvariantCulture);
            Assert.Equal((int)Math.Floor((at - start).TotalDays), Day(entry));
            if (expectedFields.TryGetValue(Text(entry, "type"), out var fields))
                Assert.Superset(fields.ToHashSet(), entry.Select(p => p.Key).ToHashSet());
        }

        foreach (var type in expectedFields.Keys) Assert.NotEmpty(Entries(result, type));
        var days = result.Timeline.Select(e => Day(e!.AsObject())).ToList();
        Assert.Equal(days.Order(), days);

        var review = Entries(result, "task.created").Single(e => Text(e, "kind") == "nsaid-review");
        Assert.Equal(("nsaid-review", "clinician", "Review the response to the NSAID trial"), (Text(review, "activity"), Text(review, "role"), Text(review, "title")));
        Assert.Equal(Day(review) + 7, review["dueDay"]!.GetValue<int>());
        var approval = Entries(result, "task.completed").Single(e => Text(e, "kind") == "escalation-approval");
        Assert.Equal(("approved", Simulator.SimulatedUser), (Text(approval, "outcome"), Text(approval, "by")));
        var created = Entries(result, "task.created").Single(e => Text(e, "kind") == "escalation-approval");
        Assert.Equal(created["taskId"]!.ToJsonString(), approval["taskId"]!.ToJsonString());
    }

    [Fact]
    public void The_sample_with_a_vertebral_lesion_escalates_at_once_and_is_approved_by_default()
    {
        var result = SimulateSampleFile("sample-nsaid-review.vertebral.json");

        Assert.Equal(InstanceStatus.Completed, result.Status);
        var decision = Assert.Single(Entries(result, "decision"));
        Assert.Equal(("vertebral", "true"), (Text(decision, "activity"), Text(decision, "outcome")));
        var approval = Assert.Single(Entries(result, "task.completed"), e => Text(e, "kind") == "escalation-approval");
        Assert.Equal((3, "approved"), (Day(approval), Text(approval, "outcome")));
        Assert.Equal(3 + 28, Day(Assert.Single(Entries(result, "pathway.completed"))));
        Assert.DoesNotContain(Entries(result, "task.created"), e => Text(e, "kind") == "nsaid-review");
    }

    [Fact]
    public void Simulating_the_same_scenario_twice_gives_the_same_timeline()
    {
        var first = SimulateSampleFile("sample-nsaid-review.escalate.json").ToJson().ToJsonString();
        var second = SimulateSampleFile("sample-nsaid-review.escalate.json").ToJson().ToJsonString();
        Assert.Equal(first, second);
    }
}
