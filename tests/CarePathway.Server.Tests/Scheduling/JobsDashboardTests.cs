using System.Net;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Scheduling;

/// <summary>The Hangfire Dashboard at /jobs: administrators only, read-only.</summary>
public abstract class JobsDashboardTests(CarePathwayAppFactory factory)
{
    private readonly CarePathwayApi api = CarePathwayApi.For(factory);

    [Fact]
    public async Task The_dashboard_answers_401_without_a_user_403_to_other_roles_and_200_to_an_administrator()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Anonymous().GetAsync("/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await api.Clinician).GetAsync("/jobs")).StatusCode);

        var page = await (await api.Administrator).GetAsync("/jobs/recurring");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("timer-outbox-sweep", html, StringComparison.Ordinal);
        // Read-only: no button that would trigger or delete a job.
        Assert.DoesNotContain("recurring/trigger", html, StringComparison.Ordinal);
    }
}

public sealed class SqliteJobsDashboardTests(SqliteAppFactory factory) : JobsDashboardTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresJobsDashboardTests(PostgresAppFactory factory) : JobsDashboardTests(factory), IClassFixture<PostgresAppFactory>;
