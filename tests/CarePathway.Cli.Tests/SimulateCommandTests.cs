using System.Text.Json.Nodes;

namespace CarePathway.Cli.Tests;

public class SimulateCommandTests
{
    private static readonly string Workflows = Path.Combine(CliRunner.RepoRoot, "workflows");
    private static readonly string EscalateScenario = Path.Combine(CliRunner.RepoRoot, "tests", "scenarios", "sample-nsaid-review.escalate.json");

    [Fact]
    public void Simulating_a_scenario_prints_the_timeline_as_json_and_exits_0()
    {
        var result = CliRunner.Run("simulate", "--scenario", EscalateScenario, "--workflows", Workflows);

        Assert.Equal(0, result.ExitCode);
        var json = JsonNode.Parse(result.Output)!.AsObject();
        Assert.Equal(["pathway", "version", "status", "timeline"], json.Select(p => p.Key));
        Assert.Equal(("sample-nsaid-review", 1, "completed"),
            (json["pathway"]!.GetValue<string>(), json["version"]!.GetValue<int>(), json["status"]!.GetValue<string>()));
        var timeline = json["timeline"]!.AsArray();
        Assert.Equal("pathway.started", timeline[0]!["type"]!.GetValue<string>());
        Assert.Equal("pathway.completed", timeline[^1]!["type"]!.GetValue<string>());
        Assert.All(timeline, e => Assert.True(e!["day"] is not null && e["at"] is not null && e["type"] is not null));
        Assert.Contains(timeline, e => e!["type"]!.GetValue<string>() == "task.completed"
            && e["kind"]!.GetValue<string>() == "escalation-approval" && e["outcome"]!.GetValue<string>() == "approved");
    }

    [Fact]
    public void Without_a_workflows_option_the_nearest_workflows_folder_is_used()
    {
        var result = CliRunner.Run("simulate", "--scenario", EscalateScenario);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("completed", JsonNode.Parse(result.Output)!["status"]!.GetValue<string>());
    }

    [Fact]
    public void A_broken_scenario_exits_1_naming_the_field()
    {
        using var folder = new TempFolder();
        var scenario = folder.Write("broken.json", """{ "pathway": "sample-nsaid-review", "patient": { "sex": "female" } }""");

        var result = CliRunner.Run("simulate", "--scenario", scenario, "--workflows", Workflows);

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.Contains($"{scenario}: patient.birthDate: is required", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scenario_for_an_unknown_pathway_exits_1_naming_the_pathway_field()
    {
        using var folder = new TempFolder();
        var scenario = folder.Write("unknown.json", """{ "pathway": "no-such-pathway", "patient": { "birthDate": "2014-01-05", "sex": "female" } }""");

        var result = CliRunner.Run("simulate", "--scenario", scenario, "--workflows", Workflows);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{scenario}: pathway: no valid definition 'no-such-pathway'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scenario_overriding_a_parameter_with_the_wrong_type_exits_1_naming_the_parameter()
    {
        using var folder = new TempFolder();
        var scenario = folder.Write("bad-parameter.json", """
            { "pathway": "sample-nsaid-review", "parameters": { "nsaidTrialLength": 12 },
              "patient": { "birthDate": "2014-01-05", "sex": "female" } }
            """);

        var result = CliRunner.Run("simulate", "--scenario", scenario, "--workflows", Workflows);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("parameters.nsaidTrialLength", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_scenario_file_exits_1()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-scenario.json");
        var result = CliRunner.Run("simulate", "--scenario", missing, "--workflows", Workflows);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(missing, result.Error, StringComparison.Ordinal);
    }
}
