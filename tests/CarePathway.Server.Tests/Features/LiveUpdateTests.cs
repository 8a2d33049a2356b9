using System.Net;
using CarePathway.Server.Persistence;
using CarePathway.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CarePathway.Server.Tests.Features;

/// <summary>
/// Live updates: <c>GET /api/changes</c> streams an event when a pathway or task changes, read from the database (so a
/// change written by another node is seen too), and refuses anyone not signed in.
/// </summary>
public abstract class LiveUpdateTests(CarePathwayAppFactory factory)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(15);
    private readonly CarePathwayApi api = CarePathwayApi.For(factory);

    [Fact]
    public async Task An_open_stream_hears_of_a_task_completed_by_someone_else_within_seconds()
    {
        var patientId = await api.CreatePatientAsync(vertebralLesion: false);
        var instanceId = (await api.StartAsync(patientId)).Id();
        var task = Assert.Single(await api.OpenTasksAsync(instanceId, role: "coordinator"));
        using var stream = await OpenAsync(await api.Coordinator);

        await (await CarePathwayApi.CompleteAsync(await api.Coordinator, task.Id(), "done")).ExpectAsync(HttpStatusCode.OK);

        Assert.StartsWith("data: ", await stream.NextChangeAsync(Within), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_written_to_the_database_by_another_node_reaches_the_stream()
    {
        var patientId = await api.CreatePatientAsync(vertebralLesion: false);
        var instanceId = (await api.StartAsync(patientId)).Id();
        using var stream = await OpenAsync(await api.Clinician);
        await stream.NextChangeAsync(Within); // the start itself, if the feed had not read it yet
        await stream.DrainAsync(TimeSpan.FromSeconds(2));

        // Written straight to the database, as another node's transaction would: nothing in this process announces it.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CarePathwayDbContext>();
            db.JournalEntries.Add(new JournalEntry { InstanceId = instanceId, Sequence = 10_000, At = DateTimeOffset.UtcNow, Type = "task.assigned", Actor = "another-node" });
            await db.SaveChangesAsync();
        }

        Assert.StartsWith("data: ", await stream.NextChangeAsync(Within), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_stream_is_for_signed_in_users_only()
    {
        using var response = await api.Anonymous().GetAsync("/api/changes", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task<EventStream> OpenAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/changes", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var stream = new EventStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
        Assert.Equal("retry: 3000", await stream.ReadLineAsync(Within));
        return stream;
    }

    private sealed class EventStream(HttpResponseMessage response, StreamReader reader) : IDisposable
    {
        private Task<string?>? pending;

        public async Task<string?> ReadLineAsync(TimeSpan timeout)
        {
            pending ??= reader.ReadLineAsync();
            var line = await pending.WaitAsync(timeout);
            pending = null;
            return line;
        }

        /// <summary>The data line of the next <c>change</c> event.</summary>
        public async Task<string> NextChangeAsync(TimeSpan timeout)
        {
            var until = DateTimeOffset.UtcNow + timeout;
            while (true)
            {
                var line = await ReadLineAsync(until - DateTimeOffset.UtcNow) ?? throw new InvalidOperationException("the stream ended");
                if (line == "event: change") return await ReadLineAsync(until - DateTimeOffset.UtcNow) ?? "";
            }
        }

        /// <summary>Reads whatever arrives for <paramref name="quiet"/>: changes of earlier tests' work are not this test's.</summary>
        public async Task DrainAsync(TimeSpan quiet)
        {
            try
            {
                while (true) await ReadLineAsync(quiet);
            }
            catch (TimeoutException)
            {
                // Quiet for that long.
            }
        }

        public void Dispose()
        {
            reader.Dispose();
            response.Dispose();
        }
    }
}

public sealed class SqliteLiveUpdateTests(SqliteAppFactory factory) : LiveUpdateTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresLiveUpdateTests(PostgresAppFactory factory) : LiveUpdateTests(factory), IClassFixture<PostgresAppFactory>;
