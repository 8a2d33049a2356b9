using System.Net;
using CarePathway.Server.Scheduling;
using CarePathway.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CarePathway.Server.Tests.Scheduling;

/// <summary>
/// A timer whose delivery keeps failing: Hangfire retries it (one retry here, a second apart), then it becomes an
/// incident on its instance, journaled and faulted, instead of a failed job nobody sees.
/// </summary>
public abstract class TimerIncidentTests
{
    private readonly CarePathwayApi api;

    protected TimerIncidentTests(CarePathwayAppFactory factory)
    {
        factory.WithSetting("Scheduling:MaxRetries", "1").WithSetting("Scheduling:RetryDelay", "00:00:01")
            .WithServices(services => services.AddSingleton<ITimerFiredHandler, FailingTimerHandler>());
        api = CarePathwayApi.For(factory);
    }

    [Fact]
    public async Task A_timer_that_keeps_failing_faults_its_instance_with_an_incident()
    {
        var (instanceId, approvalId) = await api.StartAtApprovalAsync(followUpAfter: "1s");
        await (await CarePathwayApi.CompleteAsync(await api.Clinician, approvalId, "approved")).ExpectAsync(HttpStatusCode.OK);

        var instance = await api.WaitForStatusAsync(instanceId, "faulted", TimeSpan.FromSeconds(60));

        var incident = Assert.Single(instance["incidents"]!.AsArray())!;
        Assert.Contains("could not be delivered after 2 attempts: delivery keeps failing", incident.Str("message"), StringComparison.Ordinal);
        var journal = await api.JournalAsync(instanceId);
        Assert.Single(journal.OfType("incident"));
        Assert.Empty(journal.OfType("timer.fired"));
    }

    private sealed class FailingTimerHandler : ITimerFiredHandler
    {
        public Task HandleAsync(Guid instanceId, string bookmarkId, CancellationToken ct) =>
            throw new InvalidOperationException("delivery keeps failing");
    }
}

public sealed class SqliteTimerIncidentTests(SqliteAppFactory factory) : TimerIncidentTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresTimerIncidentTests(PostgresAppFactory factory) : TimerIncidentTests(factory), IClassFixture<PostgresAppFactory>;
