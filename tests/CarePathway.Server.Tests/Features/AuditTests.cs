using System.Net;
using CarePathway.Server.Persistence;
using CarePathway.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePathway.Server.Tests.Features;

/// <summary>Every attempt to change something is audited: who, what, on what, and whether it worked.</summary>
public abstract class AuditTests(CarePathwayAppFactory factory)
{
    private readonly CarePathwayApi api = CarePathwayApi.For(factory);

    private async Task<List<AuditEntry>> AuditOfAsync(string targetId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CarePathwayDbContext>().AuditEntries
            .Where(a => a.TargetId == targetId).OrderBy(a => a.Id).ToListAsync();
    }

    [Fact]
    public async Task A_decision_is_audited_as_succeeded_and_a_refused_attempt_as_failed_with_who_tried()
    {
        var (_, taskId) = await api.StartAtApprovalAsync(followUpAfter: "1h");

        await (await CarePathwayApi.CompleteAsync(await api.Coordinator, taskId, "approved")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await CarePathwayApi.CompleteAsync(await api.Clinician, taskId, "approved")).ExpectAsync(HttpStatusCode.OK);

        var audit = await AuditOfAsync(taskId.ToString());
        Assert.Equal(
            [("task.complete", DemoUsers.Coordinator, false), ("task.complete", DemoUsers.Clinician, true)],
            audit.Select(a => (a.Action, a.UserName, a.Succeeded)).ToList());
        Assert.Contains("ForbiddenException", audit[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recorded_result_is_audited_and_its_delivery_too_only_when_a_pathway_waited_for_it()
    {
        var coordinator = await api.Coordinator;
        var nobodyWaits = await api.CreatePatientAsync(vertebralLesion: true);
        var unawaited = await (await coordinator.PostJsonAsync($"/api/patients/{nobodyWaits}/assessments", new { name = "nsaidResponse", value = "inadequate" }))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["assessment.record"], (await AuditOfAsync(nobodyWaits.ToString())).Select(a => a.Action).ToList());
        Assert.Empty(await AuditOfAsync(unawaited.Id().ToString()));

        var waits = await api.CreatePatientAsync(vertebralLesion: false);
        var instanceId = (await api.StartAsync(waits, new System.Text.Json.Nodes.JsonObject { ["nsaidTrialLength"] = "1s" })).Id();
        await api.WaitForJournalAsync(instanceId, "event.awaited", "await-response");
        var awaited = await (await coordinator.PostJsonAsync($"/api/patients/{waits}/assessments", new { name = "nsaidResponse", value = "inadequate" }))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, awaited["instancesResumed"]!.GetValue<int>());
        Assert.Equal([("observation.deliver", true)], (await AuditOfAsync(awaited.Id().ToString())).Select(a => (a.Action, a.Succeeded)).ToList());
    }
}

public sealed class SqliteAuditTests(SqliteAppFactory factory) : AuditTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresAuditTests(PostgresAppFactory factory) : AuditTests(factory), IClassFixture<PostgresAppFactory>;
