using System.Text.Json.Nodes;
using CarePathway.Engine.Activities;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Simulation;
using CarePathway.Engine.Tests.Properties;
using CarePathway.Engine.Tests.Testing;
using static CarePathway.Engine.Tests.Pathways.ShippedScenario;

namespace CarePathway.Engine.Tests.Pathways;

/// <summary>
/// The controls of hazards 5, 7 and 8 (deploy/clinical-safety.md) in version 3 of the shipped pathways, through the
/// simulator: every clinician's and nurse's task is dated, the dental review and the adult vitamin D gate hold the
/// first dose, and CRMO's albuminuria check runs on a clock that ends with the course.
/// </summary>
public class CareAroundTheCourseTests
{
    private static void Labs(JsonObject scenario, string code, decimal value, string unit) =>
        scenario["answers"]!["labs"]![code] = new JsonArray(new JsonObject { ["value"] = value, ["unit"] = unit });

    private static void Answer(JsonObject scenario, string kind, string outcome) =>
        scenario["answers"]!["tasks"]![kind] = new JsonArray(JsonValue.Create(outcome));

    [Theory]
    [MemberData(nameof(ClinicalSafetyScenarioTests.FirstDoseScenarios), MemberType = typeof(ClinicalSafetyScenarioTests))]
    public void Every_clinician_and_nursing_task_has_a_due_date(string file)
    {
        var run = Run(file);

        Assert.NotEmpty(run.Administered);
        Assert.Empty(CourseInvariants.DatedClinicalTasks(run.Result));
    }

    [Fact]
    public void Version_2_left_approvals_undated_which_the_invariant_catches()
    {
        var run = Run("crmo-pamidronate.vertebral.json", json => json["version"] = 2);

        Assert.Contains(CourseInvariants.DatedClinicalTasks(run.Result), v => v.Contains("infusion-approval", StringComparison.Ordinal));
    }

    [Fact]
    public void A_course_that_ends_on_a_silent_branch_is_what_the_explicit_end_invariant_catches()
    {
        var definition = new CompiledDefinition(PathwayBuilder.Create()
            .Activity("start", "Start")
            .Activity("light", "Decision", new { condition = "patient.weightKg < 50" })
            .Activity("end", "End")
            .Chain("start", "light").Connect("light", "true", "end").Connect("light", "false", "end")
            .Build(), ActivityCatalog.Default);
        var scenario = ScenarioReader.Read(File.ReadAllText(Path.Combine(RepoPaths.Scenarios, "crps-bisphosphonate.pamidronate.json")));

        Assert.Single(CourseInvariants.ExplicitEnd(Simulator.Run(scenario, definition)));
        Assert.Empty(CourseInvariants.ExplicitEnd(Run("crps-bisphosphonate.pamidronate.json").Result));
    }

    [Fact]
    public void An_approval_is_due_a_day_after_it_is_asked_for()
    {
        var run = Run("crmo-pamidronate.vertebral.json");

        var approval = run.Tasks("infusion-approval")[0];
        Assert.Equal(Day(approval) + 1, DueDay(approval));
    }

    [Fact]
    public void An_adult_with_low_vitamin_d_gets_no_first_dose_and_the_level_is_asked_for_again()
    {
        var run = Run("adult-osteoporosis-iv.worked-example-5.json", json => Labs(json, "14635-7", 30m, "nmol/L"));

        Assert.Empty(run.Administered);
        // Held, and held again on each recheck while the level stays low (the scenario answers 30 every time).
        var held = run.Held("vitamin D")[0];
        Assert.Contains("25-OH vitamin D 30 nmol/L < 50", held["reasons"]!.AsArray().Single()!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(run.Reminders("vitamin-d"), r => DueDay(r) == Day(r) + 56);
    }

    [Fact]
    public void The_adult_vitamin_d_threshold_is_a_parameter_a_service_may_set_to_40()
    {
        var run = Run("adult-osteoporosis-iv.worked-example-5.json", json => Labs(json, "14635-7", 45m, "nmol/L"), new { vitaminDMin = 40 });

        Assert.NotEmpty(run.Administered);
        Assert.Empty(run.Held("vitamin D"));
    }

    [Fact]
    public void A_crmo_dental_review_that_stops_the_course_stops_it_before_any_dose()
    {
        var run = Run("crmo-pamidronate.vertebral.json", json => Answer(json, "dental-review", "stop"));

        Assert.Empty(run.Administered);
        Assert.Empty(run.Tasks("infusion-approval"));
        Assert.Equal(InstanceStatus.Completed, run.Result.Status);
    }

    [Fact]
    public void A_vitamin_d_gate_still_low_after_its_rechecks_asks_a_clinician_and_passes_by_itself_when_the_level_recovers()
    {
        // Low at the start and on two rechecks 8 weeks apart (days 0, 56, 112), repleted by day 150; the clinician has
        // not answered by then.
        var run = Run("paeds-osteoporosis-zoledronate.vitamin-d-repletion.json", json =>
        {
            json["answers"]!["labs"]!["14635-7"] = JsonNode.Parse("""[ { "fromDay": 0, "value": 19, "unit": "ng/mL" }, { "fromDay": 150, "value": 30, "unit": "ng/mL" } ]""");
            json["answers"]!["tasks"]!["gate-escalation"] = JsonNode.Parse("""[ { "outcome": "stop", "reason": "too late", "afterDays": 90 } ]""");
            json["until"] = 300;
        });

        Assert.Equal([0, 56, 112], run.Held("vitamin D").Select(Day));
        var escalation = Assert.Single(run.Tasks("gate-escalation"));
        Assert.Equal((112, 113, "clinician"), (Day(escalation), DueDay(escalation), Field(escalation, "role")));
        var closed = Assert.Single(run.Entries("task.cancelled"), e => e["taskId"]!.ToJsonString() == escalation["taskId"]!.ToJsonString());
        Assert.Equal(168, Day(closed));
        Assert.Equal("the gate passed on fresh results: the escalation is closed", Field(closed, "reason"));
        Assert.NotEmpty(run.Administered);
    }

    [Fact]
    public void The_albuminuria_clock_ends_with_the_course()
    {
        var run = Run("crmo-pamidronate.two-year.json");

        Assert.Equal(InstanceStatus.Completed, run.Result.Status);
        Assert.Empty(run.Result.FinalState.Bookmarks);
        Assert.Empty(run.Result.FinalState.Tokens);
    }
}
