using System.Net;
using CarePathway.Server.Persistence;
using CarePathway.Server.Tests.Infrastructure;
using Npgsql;

namespace CarePathway.Server.Tests.Api;

/// <summary>
/// When no database connection is free in time (every connection of the node's pool in use), a request is answered
/// 503 with a Retry-After and a problem body, never 500; once connections are free again the same request works.
/// </summary>
public sealed class DatabaseBusyTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const int PoolSize = 3;

    [Fact]
    public async Task A_request_that_finds_the_pool_exhausted_is_503_with_retry_after_and_works_once_connections_are_free()
    {
        // Pooled, small, and quick to give up: the pool the server's requests share, which the test then takes whole.
        var pooled = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = true, MaxPoolSize = PoolSize, Timeout = 2 }.ConnectionString;
        await new ExistingDatabaseAppFactory(DatabaseProvider.Postgres, pooled).RunAsync(async server =>
        {
            var coordinator = await CarePathwayApi.For(server).Coordinator;
            await (await coordinator.GetAsync("/api/patients")).ExpectAsync(HttpStatusCode.OK);

            var held = new List<NpgsqlConnection>();
            try
            {
                for (var i = 0; i < PoolSize; i++)
                {
                    var connection = new NpgsqlConnection(pooled);
                    await connection.OpenAsync();
                    held.Add(connection);
                }

                var busy = await coordinator.GetAsync("/api/patients");
                var problem = await busy.ExpectProblemAsync(HttpStatusCode.ServiceUnavailable);
                Assert.Equal("The service is busy", problem.Str("title"));
                Assert.Equal(TimeSpan.FromSeconds(2), busy.Headers.RetryAfter?.Delta);
            }
            finally
            {
                foreach (var connection in held) await connection.DisposeAsync();
            }

            await (await coordinator.GetAsync("/api/patients")).ExpectAsync(HttpStatusCode.OK);
            return true;
        });
    }
}
