using System.Net;
using System.Text.Json.Nodes;
using CarePathway.Server.Features.Definitions;
using CarePathway.Server.Persistence;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Features;

/// <summary>The shipped <c>workflows/*.json</c> are imported at start-up once; a changed published version stops the start-up.</summary>
public abstract class WorkflowImportTests(DatabaseProvider provider, string connectionString) : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "carepathway-workflows-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    private static async Task<JsonNode> SampleVersionsAsync(CarePathwayAppFactory server)
    {
        var definitions = await (await CarePathwayApi.For(server).Coordinator).GetJsonAsync("/api/definitions");
        return definitions.AsArray().Single(d => d!.Str("definitionId") == CarePathwayApi.Sample)!;
    }

    [Fact]
    public async Task A_second_server_on_the_same_database_imports_nothing_and_a_changed_published_file_stops_start_up()
    {
        var first = await new ExistingDatabaseAppFactory(provider, connectionString).RunAsync(SampleVersionsAsync);

        var second = await new ExistingDatabaseAppFactory(provider, connectionString).RunAsync(SampleVersionsAsync);
        Assert.Equal(first.ToJsonString(), second.ToJsonString());
        var version = Assert.Single(second["versions"]!.AsArray())!;
        Assert.Equal((1, "published", DefinitionImporter.ImportUser), (version["version"]!.GetValue<int>(), version.Str("status"), version.Str("createdBy")));

        // The same version number with different content: refused, with the reason.
        Directory.CreateDirectory(folder);
        var shipped = Path.Combine(AppContext.BaseDirectory, "workflows", "sample-nsaid-review.v1.json");
        var changed = JsonNode.Parse(await File.ReadAllTextAsync(shipped))!.AsObject();
        changed.Remove("$schema");
        ((JsonObject)changed["parameters"]![0]!)["default"] = "8w";
        await File.WriteAllTextAsync(Path.Combine(folder, "sample-nsaid-review.v1.json"), changed.ToJsonString());

        var refused = new ExistingDatabaseAppFactory(provider, connectionString);
        refused.WithSetting("Workflows:Folder", folder);
        var error = await refused.RunAsync(server => Task.FromResult(Record.Exception(() => server.Server)));

        Assert.NotNull(error);
        var messages = string.Join(" | ", Chain(error).Select(e => e.Message));
        Assert.Contains("sample-nsaid-review version 1 differs from the stored one", messages, StringComparison.Ordinal);
        Assert.Contains(Chain(error), e => e is DefinitionImportException);

        // Nothing was changed by the refused start.
        var stored = await new ExistingDatabaseAppFactory(provider, connectionString).RunAsync(async after =>
        {
            Assert.Equal(first.ToJsonString(), (await SampleVersionsAsync(after)).ToJsonString());
            return await (await CarePathwayApi.For(after).Coordinator).GetJsonAsync($"/api/definitions/{CarePathwayApi.Sample}/versions/1");
        });
        Assert.Equal("12w", stored["definition"]!["parameters"]![0]!.Str("default"));
    }

    private static IEnumerable<Exception> Chain(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain)) yield return inner;
            }
        }
    }
}

public sealed class SqliteWorkflowImportTests(SqliteDatabase database)
    : WorkflowImportTests(DatabaseProvider.Sqlite, database.ConnectionString), IClassFixture<SqliteDatabase>;

public sealed class PostgresWorkflowImportTests(PostgresDatabase database)
    : WorkflowImportTests(DatabaseProvider.Postgres, database.ConnectionString), IClassFixture<PostgresDatabase>;
