using CarePathway.Engine.Activities;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Tests.Testing;
using CarePathway.Engine.Validation;
using static CarePathway.Engine.Tests.Pathways.ShippedScenario;

namespace CarePathway.Engine.Tests.Pathways;

/// <summary>
/// Hazard 9 (rest): every drug is given over a minimum time above 0. No source names a neridronate infusion time, so
/// none is invented: the neridronate variant does not start until the service sets one (refused naming the parameter,
/// whatever a clinician's reason). Ibandronate's comes from its label (R6's source: 15 to 30 seconds) and a service
/// that sets it to 0 is refused the same way. The validator advises on any version that plans a drug with no minimum.
/// </summary>
public class InfusionTimeSetByTheServiceTests
{
    private const string Neridronate = "crps-bisphosphonate.neridronate.json";
    private const string Ibandronate = "adult-osteoporosis-iv.ibandronate-late-dose.json";
    private static readonly DefinitionValidator Validator = new(ActivityCatalog.Default);

    [Fact]
    public void The_neridronate_variant_without_its_minimum_infusion_time_does_not_start_and_the_refusal_names_the_parameter()
    {
        var refused = Assert.Throws<InvalidStartException>(() => Run(Neridronate, json => json["parameters"]!.AsObject().Remove("neridronateInfusionTime")));

        Assert.IsNotType<IneligibleStartException>(refused);
        var problem = Assert.Single(refused.Problems);
        Assert.Equal((null, "parameters.neridronateInfusionTime"), (problem.ActivityId, problem.Field));
        Assert.Contains("must be set by the service", problem.Message, StringComparison.Ordinal);
        Assert.EndsWith("it is 0min", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_by_the_service_each_neridronate_dose_runs_at_least_that_long()
    {
        var run = Run(Neridronate, new { neridronateInfusionTime = "90min" });

        Assert.Equal(4, run.Administered.Count);
        Assert.All(run.Administered, a => Assert.True(Dec(a, "infusionMinutes") >= 90));
    }

    [Fact]
    public void An_ibandronate_course_set_to_no_minimum_administration_time_does_not_start_and_the_refusal_names_the_parameter()
    {
        var refused = Assert.Throws<InvalidStartException>(() => Run(Ibandronate, new { ibandronateAdministrationTime = "0min" }));

        Assert.IsNotType<IneligibleStartException>(refused);
        var problem = Assert.Single(refused.Problems);
        Assert.Equal((null, "parameters.ibandronateAdministrationTime"), (problem.ActivityId, problem.Field));
        Assert.Contains("Boniva injection label", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_ibandronate_injection_runs_at_least_the_labels_15_seconds_by_default()
    {
        var run = Run(Ibandronate);

        Assert.Equal("15s", run.Text("ibandronateAdministrationTime"));
        Assert.NotEmpty(run.Administered);
        Assert.All(run.Administered, a => Assert.True(Dec(a, "infusionMinutes") >= 0.25m, $"{Dec(a, "infusionMinutes")} min is under 15 s"));
    }

    [Fact]
    public void The_validator_advises_on_a_drug_planned_with_no_minimum_infusion_time()
    {
        var crps = Validator.Advise(Find("crps-bisphosphonate"));
        var adult = Validator.Advise(Find("adult-osteoporosis-iv"));

        var neridronate = Assert.Single(crps, a => a.ActivityId == "dose-neridronate");
        Assert.Equal("inputs.infusionTime", neridronate.Field);
        Assert.Contains("neridronate is planned with no minimum infusion time (0)", neridronate.Message, StringComparison.Ordinal);
        Assert.Contains("neridronateInfusionTime", neridronate.Message, StringComparison.Ordinal);
        // Version 3 planned the ibandronate injection with none: the choice of drug that plans it is named.
        var ibandronate = Assert.Single(Validator.Advise(Find("adult-osteoporosis-iv", 3)), a => a.Field == "inputs.infusionTime");
        Assert.Equal("dose-ibandronate", ibandronate.ActivityId);
        Assert.DoesNotContain(adult, a => a.Field == "inputs.infusionTime");
        Assert.Empty(Validator.Advise(Find("crmo-pamidronate")));
        Assert.Empty(Validator.Advise(Find("paeds-osteoporosis-zoledronate")));
    }

    [Fact]
    public void A_required_setting_reads_the_parameters_only()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Workflows, "crps-bisphosphonate.v4.json"))
            .Replace("param.drug != \\\"neridronate\\\" or", "patient.ageYears > 0 and param.drug != \\\"neridronate\\\" or", StringComparison.Ordinal);

        var read = Validator.ValidateJson(text);

        var problem = Assert.Single(read.Problems);
        Assert.Equal(("start", "inputs.requires"), (problem.ActivityId, problem.Field));
        Assert.Contains("reads patient.ageYears", problem.Message, StringComparison.Ordinal);
    }
}
