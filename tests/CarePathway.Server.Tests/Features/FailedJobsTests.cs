using System.Net;
using CarePathway.Server.Scheduling;
using CarePathway.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CarePathway.Server.Tests.Features;

/// <summary>
/// A timer job that fails and whose incident cannot be raised either ends in Hangfire's failed list: the operator's
/// view (<c>GET /api/operations/failed-jobs</c>) lists it with the job, its arguments and the error.
/// </summary>
public abstract class FailedJobsTests
{
    private readonly CarePathwayApi api;

    protected FailedJobsTests(CarePathwayAppFactory factory)
    {
        factory.WithSetting("Scheduling:MaxRetries", "1").WithSetting("Scheduling:RetryDelay", "00:00:01")
            .WithServices(services => services
                .AddSingleton<ITimerFiredHandler, Failing>()
                .AddSingleton<ITimerFailureHandler, Failing>());
        api = CarePathwayApi.For(factory);
    }

    [Fact]
    public async Task A_timer_job_that_could_not_even_raise_its_incident_is_listed_as_failed()
    {
        var (instanceId, approvalId) = await api.StartAtApprovalAsync(followUpAfter: "1s");
        await (await CarePathwayApi.CompleteAsync(await api.Clinician, approvalId, "approved")).ExpectAsync(HttpStatusCode.OK);
        var admin = await api.Administrator;

        var failed = await Eventually.UntilAsync(() => admin.GetJsonAsync("/api/operations/failed-jobs"), f => f["total"]!.GetValue<long>() >= 1,
            "a failed job", TimeSpan.FromSeconds(60));

        var job = Assert.Single(failed["jobs"]!.AsArray())!;
        Assert.Equal("TimerJob.Fire", job.Str("job"));
        Assert.Contains(instanceId.ToString(), job.Str("arguments"), StringComparison.Ordinal);
        Assert.Contains("the incident could not be raised", job.Str("exceptionMessage"), StringComparison.Ordinal);
    }

    private sealed class Failing : ITimerFiredHandler, ITimerFailureHandler
    {
        public Task HandleAsync(Guid instanceId, string bookmarkId, CancellationToken ct) =>
            throw new InvalidOperationException("delivery keeps failing");

        public Task HandleAsync(Guid instanceId, string bookmarkId, string message, CancellationToken ct) =>
            throw new InvalidOperationException("the incident could not be raised");
    }
}

public sealed class SqliteFailedJobsTests(SqliteAppFactory factory) : FailedJobsTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresFailedJobsTests(PostgresAppFactory factory) : FailedJobsTests(factory), IClassFixture<PostgresAppFactory>;
