using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;
using static CarePathway.Engine.Tests.Pathways.ShippedScenario;

namespace CarePathway.Engine.Tests.Pathways;

/// <summary>
/// Hazard 6 (rest): the review after a cycle or dose says which doses were not given (cycle, day, when, by whom, why),
/// on every pathway with such a review, while a dose not given counts nowhere as given.
/// </summary>
public class MissedDosesReviewTests
{
    private const string Reason = "patient unwell on the day";

    private static JsonObject NotGiven() => new() { ["outcome"] = "not-given", ["reason"] = Reason };

    private static void Answer(JsonObject scenario, string kind, params JsonNode[] answers)
    {
        var all = scenario["answers"]!.AsObject();
        if (all["tasks"] is not JsonObject tasks) all["tasks"] = tasks = [];
        tasks[kind] = new JsonArray(answers);
    }

    private static List<JsonObject> Reviews(ShippedScenario run, string kind = "response-review") =>
        [.. run.Result.CreatedTasks.Where(t => t.Kind == kind).Select(t => t.Evidence)];

    [Fact]
    public void A_crmo_cycle_ended_with_a_dose_not_given_is_reviewed_naming_that_dose_and_why()
    {
        var run = Run("crmo-pamidronate.vertebral.json", json =>
        {
            Answer(json, "administer-infusion", "given", NotGiven(), "given");
            Answer(json, "missed-dose-review", "end-cycle");
        });

        var missedAt = run.Result.Tasks("administer-infusion", "task.completed").First(t => Field(t, "outcome") == "not-given");
        var review = Reviews(run)[0];
        Assert.Equal("Cycle 1: 1 dose recorded not given, 1 dose given.", Field(review, "missedDosesSummary"));
        var missed = Assert.Single(review["missedDoses"]!.AsArray())!.AsObject();
        Assert.Equal((1, 2, Reason), (missed["cycle"]!.GetValue<int>(), missed["cycleDay"]!.GetValue<int>(), Field(missed, "reason")));
        Assert.Equal(run.Scenario.Start.AddDays(Day(missedAt)).Date, missed["recordedAt"]!.GetValue<DateTimeOffset>().Date);
        Assert.StartsWith("Cycle 1, day 2: pamidronate 36 mg not given, recorded ", Field(missed, "text"), StringComparison.Ordinal);
        // The next cycle was given whole: its review names nothing missed.
        Assert.True(Reviews(run).Count > 1);
        Assert.Null(Reviews(run)[1]["missedDoses"]);
    }

    [Fact]
    public void The_clinicians_decision_on_a_missed_dose_already_shows_it()
    {
        var run = Run("crmo-pamidronate.vertebral.json", json => Answer(json, "administer-infusion", "given", NotGiven(), "given"));

        var decision = Assert.Single(Reviews(run, "missed-dose-review"));
        Assert.Equal(2, decision["missedDoses"]![0]!["cycleDay"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("paeds-osteoporosis-zoledronate.first-infusion.json")]
    [InlineData("adult-osteoporosis-iv.worked-example-5.json")]
    public void A_dose_given_after_a_missed_attempt_is_reviewed_naming_the_attempt(string file)
    {
        var run = Run(file, json => Answer(json, "administer-infusion", NotGiven(), "given"));

        var review = Reviews(run)[0];
        var missed = Assert.Single(review["missedDoses"]!.AsArray())!.AsObject();
        Assert.Equal((1, 1, Reason), (missed["cycle"]!.GetValue<int>(), missed["cycleDay"]!.GetValue<int>(), Field(missed, "reason")));
        Assert.Contains("1 dose given", Field(review, "missedDosesSummary"), StringComparison.Ordinal);
    }

    /// <summary>
    /// A dose that is never given, its review left to its default ("give later", taken at once): the simulated world and
    /// the pathway answer each other at one instant. It once ran the simulator to tens of gigabytes (each review lists
    /// every missed dose of its cycle); it now stops as stalled, keeping what it did.
    /// </summary>
    [Theory]
    [InlineData("crmo-pamidronate.vertebral.json")]
    [InlineData("paeds-osteoporosis-zoledronate.first-infusion.json")]
    [InlineData("adult-osteoporosis-iv.worked-example-5.json")]
    [InlineData("crps-bisphosphonate.pamidronate.json")]
    public void A_dose_never_given_and_given_later_at_once_stops_the_simulation_as_stalled(string file)
    {
        var run = Run(file, json =>
        {
            Answer(json, "administer-infusion", NotGiven());
            if (json["answers"]!["tasks"] is JsonObject tasks) tasks.Remove("missed-dose-review");
        });

        Assert.StartsWith("stalled:", run.Result.StoppedBy, StringComparison.Ordinal);
        Assert.Empty(run.Result.FinalState.Course.Administered);
        var reviews = run.Result.Tasks("missed-dose-review", "task.completed");
        Assert.InRange(reviews.Count, 2, 1_000);
        Assert.All(reviews, r => Assert.Equal("give-later", Field(r, "outcome")));
    }

    [Fact]
    public void A_dose_not_given_counts_nowhere_as_given_and_is_kept_with_the_course()
    {
        var missing = Run("crmo-pamidronate.vertebral.json", json =>
        {
            Answer(json, "administer-infusion", "given", NotGiven(), "given");
            Answer(json, "missed-dose-review", "end-cycle");
        });

        var course = missing.Result.FinalState.Course;
        var notGiven = Assert.Single(course.NotGiven);
        Assert.DoesNotContain(course.Administered, a => (a.Cycle, a.CycleDay) == (notGiven.Cycle, notGiven.CycleDay));
        Assert.Equal(missing.Administered.Count, course.Administered.Count);
        // Stored with the instance and read back as it was; a course without one stores nothing new.
        Assert.Equal(course.NotGiven, InstanceState.FromJson(missing.Result.FinalState.ToJson()).Course.NotGiven);
        Assert.DoesNotContain("\"notGiven\"", Run("crmo-pamidronate.vertebral.json").Result.FinalState.ToJson(), StringComparison.Ordinal);
    }
}
