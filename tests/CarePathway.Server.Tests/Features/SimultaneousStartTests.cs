using System.Net;
using CarePathway.Server.Persistence;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Features;

/// <summary>
/// Several nodes started at the same moment on an empty PostgreSQL database all come up: one applies the migrations
/// (and creates the job storage's schema) while the others wait for it, instead of failing on "already exists".
/// </summary>
public sealed class SimultaneousStartTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const int Nodes = 3;

    [Fact]
    public async Task Three_nodes_started_at_once_on_an_empty_database_all_come_up_and_serve()
    {
        var empty = await database.CreateExtraAsync("three_nodes");
        var nodes = Enumerable.Range(0, Nodes).Select(_ => new ExistingDatabaseAppFactory(DatabaseProvider.Postgres, empty)).ToList();
        try
        {
            // CreateClient starts each host: migrations and the job storage's schema run in its start-up.
            var clients = await Task.WhenAll(nodes.Select(node => Task.Run(node.CreateClient)));

            foreach (var client in clients)
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
            var definitions = await (await CarePathwayApi.For(nodes[^1]).Coordinator).GetJsonAsync("/api/definitions");
            Assert.NotEmpty(definitions.AsArray());
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }
}
