using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Simulation;
using CarePathway.Engine.Tests.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace CarePathway.Engine.Tests.Properties;

public class ClinicalCoursePropertyTests
{
    private static readonly CompiledDefinition Pamidronate = ClinicalPathways.Valid(ClinicalPathways.Pamidronate());
    private static readonly CompiledDefinition Ibandronate = ClinicalPathways.Valid(ClinicalPathways.Ibandronate());

    /// <summary>Both settings of the disagreements (per-dose 60 or 90 mg, annual 11.5 or 9 mg/kg, reduced first dose) and random intervals.</summary>
    private static readonly Gen<Dictionary<string, JsonNode?>> PamidronateParameters =
        from maxDose in Gen.Elements(60m, 90m)
        from annualCap in Gen.Elements(11.5m, 9m)
        from reduced in Gen.Elements(true, false)
        from intervalDays in Gen.Choose(28, 98)
        from minDays in Gen.Choose(7, 28)
        from recheckDays in Gen.Choose(1, 7)
        select new Dictionary<string, JsonNode?>
        {
            ["maxDoseMg"] = maxDose,
            ["annualCapMgPerKg"] = annualCap,
            ["useReducedFirstDose"] = reduced,
            ["cycleInterval"] = $"{intervalDays}d",
            ["minInterval"] = $"{minDays}d",
            ["recheckAfter"] = $"{recheckDays}d",
        };

    // 400 random courses: with 150, about one run in fifteen had no course past three doses and failed the exercise check.
    private static void Holds(CompiledDefinition definition, Gen<Scenario> scenarios, Func<Scenario, IReadOnlyList<CourseLimits>> limits, int runs = 400)
    {
        var mostDoses = 0;
        Prop.ForAll(scenarios.ToArbitrary(), scenario =>
        {
            var result = Simulator.Run(scenario, definition);
            mostDoses = Math.Max(mostDoses, result.FinalState.Course.Administered.Count);
            var violations = CourseInvariants.Violations(scenario, result, limits(scenario)).ToList();
            Assert.True(violations.Count == 0, string.Join("\n", violations));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(runs));
        Assert.True(mostDoses >= 4, $"the random courses never got past {mostDoses} doses: the invariants were hardly exercised");
    }

    private static CourseLimits PamidronateLimits(Scenario scenario) => new(
        "pamidronate",
        PerDoseCapMg: scenario.Parameters["maxDoseMg"]!.GetValue<decimal>(),
        AnnualCapMgPerKg: scenario.Parameters["annualCapMgPerKg"]!.GetValue<decimal>());

    [Fact]
    public void Pamidronate_courses_keep_every_dose_within_its_caps_and_behind_a_gate_or_an_override()
    {
        Holds(Pamidronate, CourseScenarios.For("pamidronate-course", PamidronateParameters, Gen.Choose(5, 95).Select(mg => (decimal)mg)),
            scenario => [PamidronateLimits(scenario)]);
    }

    [Fact]
    public void Ibandronate_doses_are_never_less_than_3_calendar_months_apart_whatever_start_is_recorded()
    {
        var parameters = Gen.Choose(1, 7).Select(days => new Dictionary<string, JsonNode?> { ["recheckAfter"] = $"{days}d" });
        Holds(Ibandronate, CourseScenarios.For("ibandronate-course", parameters, Gen.Elements(1m, 2m, 3m, 3.5m)),
            _ => [new CourseLimits("ibandronate", PerDoseCapMg: 3m, MinMonthsBetweenDoses: 3)]);
    }

    /// <summary>A scenario and an instance for a hand-made timeline: a 10 kg patient, nothing given yet.</summary>
    private static (Scenario Scenario, InstanceState State) HandMade() => (
        new Scenario
        {
            Pathway = "x", Start = CourseScenarios.Start, UntilDays = 10,
            Patient = new ScenarioPatient { BirthDate = new DateOnly(2014, 1, 5), Sex = "female", WeightKg = 10m },
        },
        new InstanceState { InstanceId = Guid.Empty, DefinitionId = "x", Version = 1, PatientId = Guid.Empty });

    [Fact]
    public void The_invariants_can_fail_a_dose_above_the_cap_a_short_interval_and_an_ungated_infusion()
    {
        // The checker itself, on a hand-made timeline: a harness that cannot fail proves nothing.
        var (scenario, state) = HandMade();
        var at = CourseScenarios.Start;
        // The course itself keeps its rules (each dose gated and approved); the timeline below is what breaks them.
        Assert.Equal(new AdministrationRecord("ibandronate", 4m, at, 1, 1, 15, "n"), state.Course.GiveCycle("ibandronate", 4m, at));
        Assert.Equal(new AdministrationRecord("ibandronate", 3m, at.AddMonths(3).AddDays(-1), 2, 1, 15, "n"), state.Course.GiveCycle("ibandronate", 3m, at.AddMonths(3).AddDays(-1)));
        var timeline = new Timeline(at);
        timeline.Add(at, "gate.passed", new JsonObject { ["gate"] = "g" });
        timeline.Add(at, "dose.calculated", new JsonObject { ["drug"] = "ibandronate", ["cycle"] = 1 });
        timeline.Add(at, "infusion.administered", new JsonObject { ["drug"] = "ibandronate" });
        timeline.Add(at.AddMonths(3), "infusion.administered", new JsonObject { ["drug"] = "ibandronate" });
        var result = new SimulationResult("x", 1, InstanceStatus.Running, timeline.Entries, state);

        var violations = CourseInvariants.Violations(scenario, result, [new CourseLimits("ibandronate", 3m, 0.5m, 3)]).ToList();

        Assert.Contains(violations, v => v.Contains("above the per-dose cap 3 mg", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("less than 3 months apart", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("infusion 2", StringComparison.Ordinal) && v.Contains("no passed gate", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("above 0.5 mg/kg x 10 kg", StringComparison.Ordinal));
    }

    [Fact]
    public void The_fresh_labs_invariant_fails_a_dose_on_an_old_creatinine_and_a_cycle_without_calcium()
    {
        var (_, state) = HandMade();
        var at = CourseScenarios.Start;
        state.Course.GiveCycle("pamidronate", 10m, at.AddDays(2));
        var timeline = new Timeline(at);
        timeline.Add(at, "lab.resulted", new JsonObject { ["code"] = "2160-0", ["value"] = 0.5m, ["unit"] = "mg/dL" });
        var result = new SimulationResult("x", 1, InstanceStatus.Running, timeline.Entries, state);

        var violations = CourseInvariants.FreshLabs(result, state.Course.Administered,
            new CourseLimits("pamidronate", CreatinineWithin: TimeSpan.FromDays(1), CalciumWithin: TimeSpan.FromDays(1))).ToList();

        Assert.Equal(2, violations.Count);
        Assert.Contains(violations, v => v.Contains("no creatinine in the 1.00:00:00 before", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("no calcium in the 1.00:00:00 before", StringComparison.Ordinal));
        Assert.Empty(CourseInvariants.FreshLabs(result, state.Course.Administered, new CourseLimits("pamidronate", CreatinineWithin: TimeSpan.FromDays(2))));
    }
}
