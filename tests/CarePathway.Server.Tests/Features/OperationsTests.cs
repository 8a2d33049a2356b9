using System.Net;
using CarePathway.Server.Scheduling;
using CarePathway.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CarePathway.Server.Tests.Features;

/// <summary>
/// The operator's view (<c>/api/operations</c>, administrators only): timers waiting and due, incidents across
/// instances (retried through their instance), the audit trail searched by user, patient and day. Timers here keep
/// failing, so a timer becomes an incident.
/// </summary>
public abstract class OperationsTests
{
    private readonly CarePathwayApi api;

    protected OperationsTests(CarePathwayAppFactory factory)
    {
        factory.WithSetting("Scheduling:MaxRetries", "1").WithSetting("Scheduling:RetryDelay", "00:00:01")
            .WithServices(services => services.AddSingleton<ITimerFiredHandler, FailingTimerHandler>());
        api = CarePathwayApi.For(factory);
    }

    [Theory]
    [InlineData("/api/operations/timers")]
    [InlineData("/api/operations/failed-jobs")]
    [InlineData("/api/operations/incidents")]
    [InlineData("/api/operations/audit")]
    public async Task Only_administrators_see_the_operators_view(string path)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Anonymous().GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await api.Coordinator).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await api.Clinician).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await api.Administrator).GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task A_waiting_timer_is_listed_with_its_instance_and_patient()
    {
        var (instanceId, approvalId) = await api.StartAtApprovalAsync(followUpAfter: "2d");
        await (await CarePathwayApi.CompleteAsync(await api.Clinician, approvalId, "approved")).ExpectAsync(HttpStatusCode.OK);

        var overview = await (await api.Administrator).GetJsonAsync("/api/operations/timers");

        var timer = Assert.Single(overview["timers"]!.AsArray(), t => t!.Str("instanceId") == instanceId.ToString())!;
        Assert.Equal(("Test, Ada", false, 0.0), (timer.Str("patientName"), timer["late"]!.GetValue<bool>(), timer["lateBySeconds"]!.GetValue<double>()));
        Assert.True(overview["waiting"]!.GetValue<int>() >= 1);
    }

    [Fact]
    public async Task An_incident_is_listed_across_instances_until_it_is_retried()
    {
        var (instanceId, approvalId) = await api.StartAtApprovalAsync(followUpAfter: "1s");
        await (await CarePathwayApi.CompleteAsync(await api.Clinician, approvalId, "approved")).ExpectAsync(HttpStatusCode.OK);
        await api.WaitForStatusAsync(instanceId, "faulted", TimeSpan.FromSeconds(60));
        var admin = await api.Administrator;

        var incident = Assert.Single((await admin.GetJsonAsync("/api/operations/incidents")).AsArray(), i => i!.Str("instanceId") == instanceId.ToString())!;
        Assert.Equal(("follow-up", CarePathwayApi.Sample, "Test, Ada"), (incident.Str("activityId"), incident.Str("definitionId"), incident.Str("patientName")));
        Assert.Contains("delivery keeps failing", incident.Str("message"), StringComparison.Ordinal);

        await (await admin.PostJsonAsync($"/api/instances/{instanceId}/incidents/{incident.Str("id")}/retry", new { })).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain((await admin.GetJsonAsync("/api/operations/incidents")).AsArray(), i => i!.Str("id") == incident.Str("id"));
    }

    [Fact]
    public async Task The_audit_trail_is_searched_by_user_patient_and_day()
    {
        var patientId = await api.CreatePatientAsync();
        await api.StartAsync(patientId);
        var otherPatient = await api.CreatePatientAsync();
        var admin = await api.Administrator;

        var ofPatient = (await admin.GetJsonAsync($"/api/operations/audit?user=coordinator&patientId={patientId}")).Items();
        Assert.Equal(["instance.start", "patient.create"], ofPatient.Select(a => a.Str("action")));
        Assert.All(ofPatient, a => Assert.Equal("coordinator", a.Str("userName")));
        Assert.DoesNotContain((await admin.GetJsonAsync($"/api/operations/audit?patientId={otherPatient}")).Items(), a => a.Str("action") == "instance.start");
        Assert.Empty((await admin.GetJsonAsync($"/api/operations/audit?user=clinician&patientId={patientId}")).Items());

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(2, (await admin.GetJsonAsync($"/api/operations/audit?patientId={patientId}&from={today}&to={today}")).Items().Count);
        Assert.Empty((await admin.GetJsonAsync($"/api/operations/audit?patientId={patientId}&from={tomorrow}")).Items());
        await (await admin.GetAsync($"/api/operations/audit?from={tomorrow}&to={today}")).ExpectProblemAsync(HttpStatusCode.BadRequest, "to");
    }

    private sealed class FailingTimerHandler : ITimerFiredHandler
    {
        public Task HandleAsync(Guid instanceId, string bookmarkId, CancellationToken ct) =>
            throw new InvalidOperationException("delivery keeps failing");
    }
}

public sealed class SqliteOperationsTests(SqliteAppFactory factory) : OperationsTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresOperationsTests(PostgresAppFactory factory) : OperationsTests(factory), IClassFixture<PostgresAppFactory>;
