using System.Net;
using System.Text.Json;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Features;

/// <summary>The coordinator's worklist: each row names its patient, and "missing labs" and "held" are filters of the server.</summary>
public abstract class WorklistTests(CarePathwayAppFactory factory)
{
    private readonly CarePathwayApi api = CarePathwayApi.For(factory);
    private readonly CrmoCourse crmo = new(CarePathwayApi.For(factory));

    [Fact]
    public async Task Each_task_of_the_worklist_carries_its_patient_s_name_and_MRN()
    {
        var patient = JsonSerializer.SerializeToNode(CarePathwayApi.NewPatient(vertebralLesion: true))!;
        var patientId = (await (await (await api.Coordinator).PostJsonAsync("/api/patients", patient)).ExpectAsync(HttpStatusCode.Created)).Id();
        var instanceId = (await api.StartAsync(patientId)).Id();

        var row = Assert.Single((await (await api.Clinician).GetJsonAsync($"/api/tasks?role=clinician&patientId={patientId}")).Items());
        var detail = await (await api.Clinician).GetJsonAsync($"/api/tasks/{row.Id()}");

        var mrn = patient.Str("mrn");
        foreach (var task in new[] { row, detail["task"]! })
        {
            Assert.Equal(("Test, Ada", mrn, instanceId), (task.Str("patientName"), task.Str("patientMrn"), task.Id("instanceId")));
            Assert.Null(task["labHold"]);
        }
    }

    [Fact]
    public async Task Missing_labs_lists_a_gate_s_order_for_labs_not_in_and_held_the_order_after_the_gate_held_on_them()
    {
        var patientId = await crmo.CreatePatientAsync();
        var instanceId = await crmo.StartAsync(patientId);
        await crmo.ApproveEscalationAsync(instanceId);

        var missing = await crmo.OpenTaskAsync(instanceId, "baseline");
        Assert.Equal(("order-labs", "missing"), (missing["task"].Str("kind"), missing["task"].Str("labHold")));
        Assert.Equal([missing["task"].Id()], await LabsViewAsync("missing", patientId));
        Assert.Empty(await LabsViewAsync("held", patientId));
        var everyMissing = (await (await api.Coordinator).GetJsonAsync("/api/tasks?labs=missing&pageSize=200")).Items();
        Assert.All(everyMissing, t => Assert.Equal("missing", t.Str("labHold")));

        // Vitamin D 10 ng/mL (25 nmol/L) is below the minimum: the gate holds and asks again at the recheck.
        var drawn = DateTimeOffset.UtcNow.AddMinutes(-5);
        await crmo.RecordLabAsync(patientId, "2160-0", 0.55m, "mg/dL", drawn);
        await crmo.RecordLabAsync(patientId, "17861-6", 9.4m, "mg/dL", drawn);
        await crmo.RecordLabAsync(patientId, "29265-6", 2.35m, "mmol/L", drawn);
        await crmo.RecordLabAsync(patientId, "62292-8", 10m, "ng/mL", drawn);

        var held = await Eventually.UntilAsync(() => LabsViewAsync("held", patientId), ids => ids.Count == 1, "the held order-labs task");
        var heldTask = await (await api.Coordinator).GetJsonAsync($"/api/tasks/{held[0]}");
        Assert.Equal(("order-labs", "baseline"), (heldTask["task"].Str("kind"), heldTask["task"].Str("activityId")));
        Assert.StartsWith("held: ", heldTask["evidence"].Str("reason"), StringComparison.Ordinal);
        Assert.Empty(await LabsViewAsync("missing", patientId));
    }

    private async Task<IReadOnlyList<Guid>> LabsViewAsync(string labs, Guid patientId) =>
        [.. (await (await api.Coordinator).GetJsonAsync($"/api/tasks?labs={labs}&patientId={patientId}")).Items().Select(t => t.Id())];
}

public sealed class SqliteWorklistTests(SqliteAppFactory factory) : WorklistTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresWorklistTests(PostgresAppFactory factory) : WorklistTests(factory), IClassFixture<PostgresAppFactory>;
