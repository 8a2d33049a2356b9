namespace CarePathway.Cli.Tests;

public class ValidateCommandTests
{
    private static string Definition(string id, int version, string activities, string connections) => $$"""
        {
          "definitionId": "{{id}}", "version": {{version}}, "name": "{{id}}",
          "activities": [ {{activities}} ],
          "connections": [ {{connections}} ]
        }
        """;

    private const string StartToEnd = """{ "id": "start", "type": "Start" }, { "id": "end", "type": "End" }""";
    private const string StartConnection = """{ "from": "start", "outcome": "done", "to": "end" }""";

    [Fact]
    public void Validating_the_shipped_workflows_exits_0_and_prints_no_problem()
    {
        var result = CliRunner.Run("validate", Path.Combine(CliRunner.RepoRoot, "workflows"));

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.Matches(@"(?m)^\d+ definition file\(s\), 0 invalid, \d+ warning\(s\)$", result.Error);
        // Earlier versions, kept for the patients on them, are advised about their undated waits; the latest have none.
        var warnings = result.Error.Split('\n').Where(l => l.Contains(": warning: ", StringComparison.Ordinal)).ToList();
        Assert.Contains(warnings, w => w.Contains("crmo-pamidronate.v2.json: warning: approve: inputs.respondWithin: ", StringComparison.Ordinal));
        Assert.DoesNotContain(warnings, w => (w.Contains(".v3.json", StringComparison.Ordinal) || w.Contains(".v4.json", StringComparison.Ordinal))
            && !w.Contains(": inputs.infusionTime: ", StringComparison.Ordinal));
        // Every version is advised on a drug planned with no minimum infusion time, which no source names (hazard 9).
        Assert.Contains(warnings, w => w.Contains("crps-bisphosphonate.v4.json: warning: dose-neridronate: inputs.infusionTime: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Validating_broken_files_exits_1_with_one_line_per_problem_naming_file_and_activity()
    {
        using var folder = new TempFolder();
        var valid = folder.Write("a-valid.json", Definition("fine", 1, StartToEnd, StartConnection));
        var unknownType = folder.Write("b-unknown-type.json", Definition("broken", 1,
            StartToEnd + """, { "id": "teleport", "type": "Teleport" }""",
            StartConnection + """, { "from": "teleport", "outcome": "done", "to": "end" }"""));
        var notJson = folder.Write("c-not-json.json", "{ \"definitionId\": ");
        var noEnd = folder.Write("d-no-end.json", Definition("endless", 1, """{ "id": "start", "type": "Start" }""", ""));

        var result = CliRunner.Run("validate", folder.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain(result.OutputLines, l => l.StartsWith(valid, StringComparison.Ordinal));
        Assert.Contains($"{unknownType}: teleport: type: unknown activity type 'Teleport'", result.OutputLines);
        Assert.Contains($"{unknownType}: teleport: connections: cannot be reached from Start", result.OutputLines);
        Assert.Single(result.OutputLines, l => l.StartsWith($"{notJson}: definition: $: not valid JSON", StringComparison.Ordinal));
        Assert.Contains($"{noEnd}: definition: activities: there is no End activity", result.OutputLines);
        Assert.Contains($"{noEnd}: start: connections: outcome 'done' has no connection", result.OutputLines);
        Assert.All(result.OutputLines, l => Assert.Matches(@"^.+\.json: [^:]+: .+$", l));
        Assert.Contains("4 definition file(s), 3 invalid", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_files_claiming_the_same_id_and_version_are_a_problem()
    {
        using var folder = new TempFolder();
        folder.Write("one.json", Definition("twin", 1, StartToEnd, StartConnection));
        var second = folder.Write("two.json", Definition("twin", 1, StartToEnd, StartConnection));

        var result = CliRunner.Run("validate", folder.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal([$"{second}: definition: version: twin version 1 is also defined in one.json"], result.OutputLines);
    }

    [Fact]
    public void Validating_a_single_file_works_too()
    {
        using var folder = new TempFolder();
        var file = folder.Write("single.json", Definition("single", 1, StartToEnd, StartConnection));
        Assert.Equal(0, CliRunner.Run("validate", file).ExitCode);
    }

    [Fact]
    public void A_missing_path_exits_2()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-carepathway-folder");
        var result = CliRunner.Run("validate", missing);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"no file or folder '{missing}'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_folder_exits_1()
    {
        using var folder = new TempFolder();
        var result = CliRunner.Run("validate", folder.Path);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no .json definition files", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("validate")]
    [InlineData("publish", "workflows")]
    [InlineData("simulate", "--scenario")]
    [InlineData("simulate", "--colour", "red")]
    public void A_command_line_it_does_not_understand_prints_usage_and_exits_2(params string[] args)
    {
        var result = CliRunner.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("usage:", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }
}
