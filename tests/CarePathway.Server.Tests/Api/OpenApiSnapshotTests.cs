using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Api;

/// <summary>
/// The web app's TypeScript types are generated from src/CarePathway.Web/openapi.json; this keeps
/// that snapshot equal to the document the server serves, so the two cannot drift apart.
/// </summary>
public sealed class OpenApiSnapshotTests(SqliteAppFactory factory) : IClassFixture<SqliteAppFactory>
{
    /// <summary>Set to 1 to rewrite the snapshot from the live document (then run `npm run gen` in src/CarePathway.Web).</summary>
    private const string UpdateVariable = "CAREPATHWAY_UPDATE_OPENAPI_SNAPSHOT";

    [Fact]
    public async Task The_web_apps_openapi_snapshot_matches_the_document_the_server_serves()
    {
        var live = WithoutServers(JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!);
        var snapshotPath = RepositoryPaths.Of("src", "CarePathway.Web", "openapi.json");

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(snapshotPath, live.ToJsonString(new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
        }

        var snapshot = WithoutServers(JsonNode.Parse(await File.ReadAllTextAsync(snapshotPath))!);
        Assert.True(JsonNode.DeepEquals(live, snapshot),
            $"The API changed: {snapshotPath} differs from GET /openapi/v1.json. Run the server tests with {UpdateVariable}=1 to rewrite it, " +
            "then `npm run gen` (or build) in src/CarePathway.Web and fix what the new types break.");
    }

    [Fact]
    public async Task The_document_describes_enums_by_their_names_so_generated_types_need_no_hand_kept_order()
    {
        var schemas = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!["components"]!["schemas"]!;

        Assert.Equal(["Text", "Expression", "Choice", "Number", "Boolean", "TextList", "ObjectList"], Names(schemas["InputKind"]));
        Assert.Contains("Duration", Names(schemas["ExpressionType"]));

        static IEnumerable<string> Names(JsonNode? schema) => schema!["enum"]!.AsArray().Select(v => v!.GetValue<string>());
    }

    /// <summary>"servers" names the host that served the document (it differs per machine and port), not the API.</summary>
    private static JsonNode WithoutServers(JsonNode document)
    {
        document.AsObject().Remove("servers");
        return document;
    }
}
