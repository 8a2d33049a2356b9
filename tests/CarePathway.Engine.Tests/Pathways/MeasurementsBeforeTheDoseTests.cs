using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;
using static CarePathway.Engine.Tests.Pathways.ShippedScenario;

namespace CarePathway.Engine.Tests.Pathways;

/// <summary>
/// Hazard 7 (rest), version 4 of the four pathways: weight (and height, where bedside Schwartz applies) older than
/// measurementMaxAge is asked for again before a cycle or dose, and the dose waits for it; hydration in every infusion
/// step; a dental review before a CRPS course.
/// </summary>
public class MeasurementsBeforeTheDoseTests
{
    /// <summary>A scenario per pathway with a later dose more than measurementMaxAge (7 days) after the start's weight.</summary>
    public static TheoryData<string> LaterDoses =>
    [
        "crmo-pamidronate.vertebral.json",
        "paeds-osteoporosis-zoledronate.first-infusion.json",
        "adult-osteoporosis-iv.worked-example-5.json",
        "crps-bisphosphonate.neridronate.json",
    ];

    private static void WeightAnswer(JsonObject scenario, decimal kg, int afterDays) =>
        scenario["answers"]!["measurements"] = new JsonObject
        {
            ["weight"] = new JsonArray(new JsonObject { ["value"] = kg, ["afterDays"] = afterDays }),
        };

    [Theory]
    [MemberData(nameof(LaterDoses))]
    public void A_weight_older_than_the_maximum_age_is_asked_for_again_and_the_dose_waits_for_it(string file)
    {
        var start = Run(file).Scenario.Patient.WeightKg!.Value;
        var run = Run(file, json => WeightAnswer(json, start, afterDays: 3));

        Assert.Equal(4, run.Definition.Version);
        var asked = run.Reminders("measurements");
        Assert.NotEmpty(asked);
        Assert.All(run.Result.CreatedTasks.Where(t => t.Kind == "measurements"), t => Assert.Equal(("coordinator", true), (t.Role, t.DueIsDeadline)));
        // The first dose stands on the start's weight; a later one is asked for.
        Assert.True(Day(asked[0]) > Day(run.Administered[0]));
        var recorded = run.Entries("measurement.recorded").First(m => Field(m, "kind") == "weight" && Day(m) >= Day(asked[0]));
        Assert.Equal(Day(asked[0]) + 3, Day(recorded));
        Assert.DoesNotContain(run.Administered, a => Day(a) >= Day(asked[0]) && Day(a) < Day(recorded));
        Assert.Contains(run.Administered, a => Day(a) >= Day(recorded));
        // Nothing recorded within measurementRequestWithin (1 day): asked again.
        Assert.Contains(asked, r => Day(r) == Day(asked[0]) + run.Days("measurementRequestWithin"));
        Assert.NotEqual(InstanceStatus.Faulted, run.Result.Status);
    }

    [Fact]
    public void The_crmo_cycle_is_planned_on_the_weight_taken_for_it()
    {
        var run = Run("crmo-pamidronate.vertebral.json", json => WeightAnswer(json, 40m, afterDays: 0));

        var cycle2 = run.Administered.Where(a => a["cycle"]!.GetValue<int>() == 2).ToList();
        Assert.Equal([40m, 40m, 40m], cycle2.Select(a => Dec(a, "doseMg")));
    }

    [Theory]
    [MemberData(nameof(LaterDoses))]
    public void Measured_at_once_the_doses_fall_on_the_days_of_version_3_and_a_long_maximum_age_asks_nothing(string file)
    {
        var v4 = Run(file);
        var v3 = Run(file, json => json["version"] = 3);
        var never = Run(file, new { measurementMaxAge = "520w" });

        Assert.Equal(v3.Administered.Select(Day), v4.Administered.Select(Day));
        Assert.NotEmpty(v4.Reminders("measurements"));
        Assert.Empty(never.Reminders("measurements"));
        Assert.Equal(v3.Administered.Select(Day), never.Administered.Select(Day));
    }

    [Fact]
    public void Height_is_asked_for_where_bedside_Schwartz_uses_it_and_not_for_an_adult_on_Cockcroft_Gault()
    {
        bool AsksHeight(string file) => Run(file).Entries("measurement.requested").Exists(r => Field(r, "kind") == "height");

        Assert.True(AsksHeight("crmo-pamidronate.vertebral.json"));
        Assert.True(AsksHeight("paeds-osteoporosis-zoledronate.first-infusion.json"));
        Assert.False(AsksHeight("adult-osteoporosis-iv.worked-example-5.json"));
        Assert.False(AsksHeight("crps-bisphosphonate.neridronate.json"));
    }

    [Theory]
    [MemberData(nameof(LaterDoses))]
    public void Every_infusion_task_asks_for_hydration(string file)
    {
        var infusions = Run(file).Result.CreatedTasks.Where(t => t.Kind == "administer-infusion").ToList();

        Assert.NotEmpty(infusions);
        Assert.All(infusions, t => Assert.StartsWith("Ensure the patient is well hydrated", t.Instructions, StringComparison.Ordinal));
    }

    [Fact]
    public void A_crps_course_starts_after_a_dental_review_and_a_review_that_stops_it_stops_it_before_any_dose()
    {
        var cleared = Run("crps-bisphosphonate.pamidronate.json");
        var stopped = Run("crps-bisphosphonate.pamidronate.json", json =>
            json["answers"]!["tasks"] = new JsonObject { ["dental-review"] = new JsonArray("stop") });

        var review = Assert.Single(cleared.Tasks("dental-review"));
        Assert.Equal("clinician", Field(review, "role"));
        Assert.True(Day(cleared.Administered[0]) >= Day(review));
        Assert.Empty(stopped.Administered);
        Assert.True(stopped.Result.Status.IsFinished());
        Assert.NotEqual(InstanceStatus.Faulted, stopped.Result.Status);
    }
}
