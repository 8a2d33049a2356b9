extern alias cli;

using System.Text.Json.Nodes;
using cli::CarePathway.Cli.Commands;
using CarePathway.Engine.Definitions;
using CarePathway.Server.Security;
using CarePathway.Server.Tests.Fhir;

namespace CarePathway.Server.Tests.Features;

/// <summary>
/// <c>carepathway export-definition</c> and <c>import-definition</c> against a real server on Kestrel (issue 15 item 5):
/// a shipped pathway exported is the file in <c>workflows/</c> (as the engine writes definitions); imported, it is a new draft; exported again, the same
/// document under the draft's version. Refusals name what the server named, and change nothing.
/// </summary>
[Collection(CommandLineAgainstAServer.Name)]
public sealed class DefinitionFileCommandTests(KestrelServer host) : IClassFixture<KestrelServer>, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("definition-files-").FullName;

    [Fact]
    public void A_shipped_pathway_exported_is_its_workflows_file_and_imported_again_is_a_new_draft_with_the_same_document()
    {
        // The shipped file as the engine reads and writes definitions (its canonical form: what the server stores).
        var shipped = Canonical(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "workflows", "sample-nsaid-review.v1.json")));
        var exported = Path.Combine(folder, "exported.json");

        var export = Run(ExportDefinitionCommand.Run, "sample-nsaid-review", "--out", exported);
        Assert.Equal((0, "sample-nsaid-review version 1 (published) written to " + exported), (export.Exit, export.Output.Trim()));
        var file = JsonNode.Parse(File.ReadAllText(exported));
        Assert.True(JsonNode.DeepEquals(shipped, file), $"the export is the shipped file; they differ in {Differences(shipped, file)}");

        var import = Run(ImportDefinitionCommand.Run, exported);
        Assert.Equal((0, $"sample-nsaid-review: draft version 2 created from {exported}; it validates"), (import.Exit, import.Output.Trim()));

        var again = Run(ExportDefinitionCommand.Run, "sample-nsaid-review", "--version", "2");
        Assert.Equal(0, again.Exit);
        var draft = JsonNode.Parse(again.Output)!.AsObject();
        Assert.Equal(2, draft["version"]!.GetValue<int>());
        draft["version"] = 1;
        Assert.True(JsonNode.DeepEquals(shipped, draft), $"the draft holds the imported document; they differ in {Differences(shipped, draft)}");

        // A second import while that draft is open is the server's 409, said as it said it; nothing new is made.
        var refused = Run(ImportDefinitionCommand.Run, exported);
        Assert.Equal(1, refused.Exit);
        Assert.Contains("409", refused.Error, StringComparison.Ordinal);
        Assert.Contains("already has a draft (version 2)", refused.Error, StringComparison.Ordinal);
        Assert.Equal(1, Run(ExportDefinitionCommand.Run, "sample-nsaid-review", "--version", "3").Exit);
    }

    [Fact]
    public void A_file_the_server_refuses_is_named_with_its_field_and_a_pathway_it_does_not_hold_is_not_found()
    {
        var bad = Path.Combine(folder, "bad.json");
        File.WriteAllText(bad, """{"definitionId": "Not An Id!", "version": 1}""");

        var refused = Run(ImportDefinitionCommand.Run, bad);
        Assert.Equal(1, refused.Exit);
        Assert.Matches(@"import-definition: .*bad\.json: 400 .*definitionId", refused.Error);

        var missing = Run(ExportDefinitionCommand.Run, "no-such-pathway");
        Assert.Equal(1, missing.Exit);
        Assert.Contains("no-such-pathway: 404", missing.Error, StringComparison.Ordinal);

        Assert.Equal(2, Run(ExportDefinitionCommand.Run, "sample-nsaid-review", "--version", "two").Exit);
        Assert.Equal(2, Run(ImportDefinitionCommand.Run, Path.Combine(folder, "absent.json")).Exit);
    }

    private (int Exit, string Output, string Error) Run(Func<string[], TextWriter, TextWriter, int> command, string argument, params string[] options)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        Environment.SetEnvironmentVariable("CAREPATHWAY_PASSWORD", SecuritySeeder.DemoPassword);
        try
        {
            var exit = command([argument, "--server", host.Address.ToString(), "--user", "admin", .. options], output, error);
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable("CAREPATHWAY_PASSWORD", null);
        }
    }

    private static JsonNode Canonical(string definitionFile) =>
        JsonNode.Parse(DefinitionJson.Write(DefinitionJson.Read(definitionFile).Definition ?? throw new InvalidOperationException("the shipped file does not read")))!;

    /// <summary>The top-level members two documents do not agree on, for a failure to name.</summary>
    private static string Differences(JsonNode? expected, JsonNode? actual)
    {
        var (a, b) = (expected!.AsObject(), actual!.AsObject());
        return string.Join(", ", a.Select(p => p.Key).Union(b.Select(p => p.Key)).Where(k => !JsonNode.DeepEquals(a[k], b[k])));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}

/// <summary>The command-line tests that sign in through <c>CAREPATHWAY_PASSWORD</c>, a process-wide variable: one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class CommandLineAgainstAServer
{
    public const string Name = "Command line against a server";
}
