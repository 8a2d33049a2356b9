using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;

namespace CarePathway.Engine.Tests.Pathways;

/// <summary>
/// A value a RenalFunction step worked out is named wherever it is read (H10): a stored variable carries no label, so
/// the instance names it by how it was worked out ("creatinine clearance" by Cockcroft-Gault, "eGFR" by bedside
/// Schwartz), a rule holding it to a limit reads as the finding, and the working (formula, creatinine, weight or height,
/// age) follows. Through the shipped pathways and the simulator the CLI runs: the gate's reasons, the approver's
/// evidence, the infusion time.
/// </summary>
public class RenalFunctionExplanationTests
{
    // adult-osteoporosis-iv.low-clearance: a 72-year-old woman of 60 kg, creatinine 1.5 mg/dL on day 0, 1.2 mg/dL at the recheck.
    private const string Held = "Creatinine clearance at or above the drug's limit: creatinine clearance 32.1 mL/min is below the 35 mL/min minimum"
        + " (Cockcroft-Gault from creatinine 1.5 mg/dL, age 72 years, weight 60 kg, female: (140 - 72) x 60 kg / (72 x 1.5 mg/dL) x 0.85 = 32.1 mL/min)";

    private const string Passed = "Creatinine clearance at or above the drug's limit: creatinine clearance 40.1 mL/min is at or above the 35 mL/min minimum"
        + " (Cockcroft-Gault from creatinine 1.2 mg/dL, age 72 years, weight 60 kg, female: (140 - 72) x 60 kg / (72 x 1.2 mg/dL) x 0.85 = 40.1 mL/min)";

    [Fact]
    public void A_rule_on_a_creatinine_clearance_names_it_states_the_finding_and_shows_how_it_was_worked_out()
    {
        var run = ShippedScenario.Run("adult-osteoporosis-iv.low-clearance.json");

        var held = Assert.Single(run.Held("creatinine clearance"));
        Assert.Equal(Held, Assert.Single(held["reasons"]!.AsArray())!.GetValue<string>());
        var passed = Assert.Single(run.Result.Gates("gate.passed", "creatinine clearance"));
        Assert.Equal(Passed, passed.Text("explanation"));
    }

    [Fact]
    public void The_approver_reads_the_clearance_by_its_name_with_its_working()
    {
        var run = ShippedScenario.Run("adult-osteoporosis-iv.low-clearance.json");

        var item = Items(run).Single();
        Assert.Equal(("Cockcroft-Gault creatinine clearance",
                "creatinine clearance 40.1 mL/min (Cockcroft-Gault from creatinine 1.2 mg/dL, age 72 years, weight 60 kg, female: (140 - 72) x 60 kg / (72 x 1.2 mg/dL) x 0.85 = 40.1 mL/min)"),
            (item["label"]!.GetValue<string>(), item["explanation"]!.GetValue<string>()));
    }

    [Fact]
    public void A_childs_egfr_reads_as_eGFR_by_bedside_Schwartz_for_the_approver_and_in_the_infusion_time()
    {
        // crmo-pamidronate.low-clearance: 146 cm, creatinine 2.5 mg/dL: 0.413 x 146 / 2.5 = 24.1, below 30: 6 hours.
        var run = ShippedScenario.Run("crmo-pamidronate.low-clearance.json");

        var approval = Approvals(run).First();
        var item = Assert.Single(approval["items"]!.AsArray())!;
        Assert.Equal("eGFR 24.1 mL/min/1.73m2 (bedside Schwartz from creatinine 2.5 mg/dL, height 146 cm: 0.413 x 146 cm / 2.5 mg/dL = 24.1 mL/min/1.73m2)",
            item["explanation"]!.GetValue<string>());
        Assert.Equal("Infuse over at least 360 minutes: eGFR 24.1 mL/min/1.73m2 is below 30 mL/min/1.73m2.",
            approval["dose"]!["infusionExplanation"]!.GetValue<string>());
    }

    private static IEnumerable<JsonObject> Approvals(ShippedScenario run) =>
        run.Result.CreatedTasks.Where(t => t.Kind == "infusion-approval").Select(t => t.Evidence);

    private static IEnumerable<JsonObject> Items(ShippedScenario run) =>
        Approvals(run).SelectMany(e => e["items"]!.AsArray()).Select(i => i!.AsObject());
}
