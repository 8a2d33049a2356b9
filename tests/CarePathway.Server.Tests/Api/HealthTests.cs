using System.Net;
using System.Text.Json.Nodes;
using CarePathway.Server.Persistence;
using CarePathway.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace CarePathway.Server.Tests.Api;

/// <summary>
/// The probes: live asks nothing of the database, ready (and the older <c>/health</c>) checks the database and the
/// job storage and answers 503 once the database is gone; each body holds the status per check and nothing else. Every test runs a server on a
/// database of its own, which it then takes away.
/// </summary>
public abstract class HealthTests(DatabaseProvider provider)
{
    /// <summary>Both answer what ready answers (<c>/health</c> is the older name load balancers may still use).</summary>
    private static readonly string[] ReadyPaths = ["/health/ready", "/health"];

    /// <summary>A new, empty database (the server migrates it at start-up).</summary>
    protected abstract Task<string> NewDatabaseAsync();

    /// <summary>Takes the database away under the running server.</summary>
    protected abstract Task RemoveDatabaseAsync(string connectionString);

    /// <summary>The job storage's check once the database is gone: it lives there on PostgreSQL, in memory with SQLite.</summary>
    protected abstract string JobsWithoutTheDatabase { get; }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> ProbeAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    [Fact]
    public async Task Live_and_ready_answer_200_without_sign_in_and_only_ready_fails_with_503_once_the_database_is_gone()
    {
        var connectionString = await NewDatabaseAsync();
        await new ExistingDatabaseAppFactory(provider, connectionString).RunAsync(async server =>
        {
            var client = server.CreateClient();
            var healthy = new JsonObject { ["status"] = "healthy", ["checks"] = new JsonObject { ["database"] = "healthy", ["jobs"] = "healthy" } };
            var live = await ProbeAsync(client, "/health/live");
            Assert.Equal((HttpStatusCode.OK, """{"status":"healthy","checks":{}}"""), (live.Status, live.Body.ToJsonString()));
            foreach (var path in ReadyPaths)
            {
                var ready = await ProbeAsync(client, path);
                Assert.Equal((HttpStatusCode.OK, healthy.ToJsonString()), (ready.Status, ready.Body.ToJsonString()));
            }

            await RemoveDatabaseAsync(connectionString);

            var unhealthy = new JsonObject { ["status"] = "unhealthy", ["checks"] = new JsonObject { ["database"] = "unhealthy", ["jobs"] = JobsWithoutTheDatabase } };
            foreach (var path in ReadyPaths)
            {
                var ready = await ProbeAsync(client, path);
                Assert.Equal((HttpStatusCode.ServiceUnavailable, unhealthy.ToJsonString()), (ready.Status, ready.Body.ToJsonString()));
            }

            Assert.Equal(HttpStatusCode.OK, (await ProbeAsync(client, "/health/live")).Status);
            return true;
        });
    }
}

public sealed class SqliteHealthTests(SqliteDatabase database) : HealthTests(DatabaseProvider.Sqlite), IClassFixture<SqliteDatabase>
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(database.CreateExtra("health"));

    protected override string JobsWithoutTheDatabase => "healthy";

    /// <summary>The file goes: the next connection finds an empty database, with none of the migrations applied.</summary>
    protected override Task RemoveDatabaseAsync(string connectionString)
    {
        SqliteConnection.ClearAllPools();
        var path = new SqliteConnectionStringBuilder(connectionString).DataSource;
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);
        return Task.CompletedTask;
    }
}

public sealed class PostgresHealthTests(PostgresDatabase database) : HealthTests(DatabaseProvider.Postgres), IClassFixture<PostgresDatabase>
{
    protected override Task<string> NewDatabaseAsync() => database.CreateExtraAsync("health");

    protected override string JobsWithoutTheDatabase => "unhealthy";

    protected override Task RemoveDatabaseAsync(string connectionString) => PostgresServer.DropDatabaseAsync(connectionString);
}
