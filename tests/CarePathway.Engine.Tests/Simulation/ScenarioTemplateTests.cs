using System.Text.Json.Nodes;
using CarePathway.Engine.Activities;
using CarePathway.Engine.Clinical;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Simulation;
using CarePathway.Engine.Tests.Testing;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Tests.Simulation;

/// <summary>The designer's prefilled scenario runs every shipped pathway to an end, with nothing refused on the way.</summary>
public sealed class ScenarioTemplateTests
{
    public static TheoryData<string> ShippedFiles() => [.. Directory.GetFiles(RepoPaths.Workflows, "*.json").Select(f => Path.GetFileName(f)).Order()];

    private static CompiledDefinition Load(string file)
    {
        var read = new DefinitionValidator(ActivityCatalog.Default).ValidateJson(File.ReadAllText(Path.Combine(RepoPaths.Workflows, file)));
        return new CompiledDefinition(read.Definition!, ActivityCatalog.Default);
    }

    [Theory]
    [MemberData(nameof(ShippedFiles))]
    public void The_template_runs_every_shipped_pathway_to_an_end(string file)
    {
        var definition = Load(file);

        var template = ScenarioTemplate.For(definition).Scenario;
        var result = Simulator.Run(ScenarioReader.Read(template.ToJsonString()), definition);

        var types = result.Timeline.Select(e => e!["type"]!.GetValue<string>()).ToList();
        Assert.True(result.Status == InstanceStatus.Completed,
            $"{file} ends {result.Status} after {types.Count} entries, waiting on {string.Join(", ", result.WaitingOn)}; last: {result.Timeline.LastOrDefault()?.ToJsonString()}");
        Assert.DoesNotContain("answer.refused", types);
        Assert.DoesNotContain("lab.rejected", types);
        Assert.DoesNotContain("incident", types);
        Assert.Null(result.StoppedBy);
    }

    [Fact]
    public void A_gate_is_given_its_labs_and_each_task_an_outcome_of_its_own()
    {
        var (template, tasks) = ScenarioTemplate.For(Load("crps-bisphosphonate.v3.json"));

        var labs = template["answers"]!["labs"]!.AsObject();
        Assert.Equal(["2160-0", "29265-6"], labs.Select(l => l.Key));
        Assert.Equal("mg/dL", labs["2160-0"]![0]!["unit"]!.GetValue<string>());
        var activities = template["answers"]!["activities"]!.AsObject();
        // The approval's task is answered by its own outcome, not by another task of its kind.
        Assert.Equal("approved", activities["approve"]![0]!.GetValue<string>());
        Assert.Equal("ordered", activities["baseline"]![0]!.GetValue<string>());
        // The form offers each task's own outcomes: the gate's order task is not its activity's passed/held.
        var order = tasks.Single(t => t.Activity == "baseline");
        Assert.Equal("order-labs", order.Kind);
        Assert.Equal(["ordered"], order.Outcomes);
    }

    [Fact]
    public void Every_catalog_lab_has_a_usual_result() =>
        Assert.All(LabCatalog.Tests, t => Assert.NotNull(ScenarioTemplate.UsualResult(t.Code)));

    [Fact]
    public void A_run_that_ends_waiting_says_on_what_and_since_when()
    {
        var definition = Load("crps-bisphosphonate.v3.json");
        var template = ScenarioTemplate.For(definition).Scenario;
        // No labs: the baseline gate orders creatinine and waits for it.
        template["answers"]!["labs"] = new JsonObject();
        template["until"] = 20;

        var result = Simulator.Run(ScenarioReader.Read(template.ToJsonString()), definition);

        Assert.Equal(InstanceStatus.Running, result.Status);
        var lab = Assert.Single(result.WaitingOn, w => w.Kind == "lab");
        Assert.Equal(("baseline", "2160-0", 0), (lab.Activity, lab.What, lab.SinceDay));
        Assert.Equal("lab", result.ToJson()["waitingOn"]![0]!["kind"]!.GetValue<string>());
    }
}
