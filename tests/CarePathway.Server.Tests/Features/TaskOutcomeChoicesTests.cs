using System.Net;
using System.Text.Json.Nodes;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Features;

/// <summary>
/// A task's detail says, per outcome, whether the person asking may choose it now and why not: the engine's own
/// check on the instance as it is now, so the web app keeps no rules of its own.
/// </summary>
public abstract class TaskOutcomeChoicesTests(CarePathwayAppFactory factory)
{
    private readonly CarePathwayApi api = CarePathwayApi.For(factory);
    private readonly CrmoCourse course = new(CarePathwayApi.For(factory));

    [Fact]
    public async Task An_infusion_approval_offers_its_outcomes_to_a_clinician_not_to_a_coordinator_and_none_once_decided()
    {
        var clinician = await api.Clinician;
        var patientId = await course.CreatePatientAsync();
        await course.RecordBaselineAsync(patientId);
        var instanceId = await course.StartAsync(patientId);
        await course.ApproveEscalationAsync(instanceId);
        await course.OpenTaskAsync(instanceId, "pre-infusion");
        await course.RecordPreInfusionLabsAsync(patientId, 0.56m);
        var approval = await course.OpenTaskAsync(instanceId, "approve", clinician);

        var asClinician = Choices(approval);
        Assert.Equal(["approved", "rejected", "overridden"], asClinician.Keys);
        Assert.True(asClinician["approved"]["available"]!.GetValue<bool>());
        Assert.Equal((true, true), (asClinician["overridden"]["available"]!.GetValue<bool>(), asClinician["overridden"]["reasonRequired"]!.GetValue<bool>()));

        var asCoordinator = Choices(await (await api.Coordinator).GetJsonAsync($"/api/tasks/{approval["task"].Id()}"));
        Assert.All(asCoordinator.Values, c => Assert.Equal((false, "this task is for the clinician role"),
            (c["available"]!.GetValue<bool>(), c["unavailableBecause"]!.GetValue<string>())));

        var decided = Choices(await (await CrmoCourse.CompleteAsync(clinician, approval, "approved")).ExpectAsync(HttpStatusCode.OK));
        Assert.All(decided.Values, c => Assert.StartsWith("already decided: approved by clinician", c["unavailableBecause"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    private static Dictionary<string, JsonNode> Choices(JsonNode detail) =>
        detail["choices"]!.AsArray().ToDictionary(c => c!["name"]!.GetValue<string>(), c => c!);
}

public sealed class SqliteTaskOutcomeChoicesTests(SqliteAppFactory factory) : TaskOutcomeChoicesTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresTaskOutcomeChoicesTests(PostgresAppFactory factory) : TaskOutcomeChoicesTests(factory), IClassFixture<PostgresAppFactory>;
