using System.Net;
using System.Text.Json.Nodes;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Features;

/// <summary>
/// A lab result recorded in error is marked so with a reason, by a clinician or coordinator: nothing is deleted (the
/// result comes back with who, when and why), it counts nowhere after, and a pathway whose dose stood on it goes back
/// to its gate instead of staying approvable on it.
/// </summary>
public abstract class LabEnteredInErrorTests(CarePathwayAppFactory factory)
{
    private readonly CarePathwayApi api = CarePathwayApi.For(factory);
    private readonly CrmoCourse course = new(CarePathwayApi.For(factory));

    private async Task<JsonArray> LabsAsync(Guid patientId) =>
        (await (await api.Clinician).GetJsonAsync($"/api/patients/{patientId}"))["labs"]!.AsArray();

    private static async Task<HttpResponseMessage> MarkAsync(HttpClient client, Guid patientId, Guid labId, string? reason) =>
        await client.PostJsonAsync($"/api/patients/{patientId}/labs/{labId}/entered-in-error", new { reason });

    private async Task<(Guid PatientId, Guid LabId)> PatientWithALabAsync()
    {
        var patientId = await api.CreatePatientAsync();
        var lab = await course.RecordLabAsync(patientId, "2160-0", 5.5m, "mg/dL");
        return (patientId, lab.Id());
    }

    [Fact]
    public async Task A_result_marked_entered_in_error_is_kept_with_who_when_and_why()
    {
        var (patientId, labId) = await PatientWithALabAsync();

        await (await MarkAsync(await api.Coordinator, patientId, labId, " typed 5.5 for 0.55 ")).ExpectAsync(HttpStatusCode.OK);

        var lab = Assert.Single(await LabsAsync(patientId))!;
        Assert.Equal((5.5m, "mg/dL"), (lab["value"]!.GetValue<decimal>(), lab.Str("unit")));
        var marked = lab["enteredInError"]!;
        Assert.Equal(("coordinator", "typed 5.5 for 0.55"), (marked.Str("by"), marked.Str("reason")));
        Assert.True(marked["at"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task Marking_without_a_reason_is_400_naming_reason_and_marks_nothing()
    {
        var (patientId, labId) = await PatientWithALabAsync();

        await (await MarkAsync(await api.Clinician, patientId, labId, "  ")).ExpectProblemAsync(HttpStatusCode.BadRequest, "reason");

        Assert.Null(Assert.Single(await LabsAsync(patientId))!["enteredInError"]);
    }

    [Fact]
    public async Task Marking_twice_is_409_and_keeps_the_first_mark()
    {
        var (patientId, labId) = await PatientWithALabAsync();
        await (await MarkAsync(await api.Clinician, patientId, labId, "wrong patient")).ExpectAsync(HttpStatusCode.OK);

        await (await MarkAsync(await api.Coordinator, patientId, labId, "again")).ExpectProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(("clinician", "wrong patient"), (Assert.Single(await LabsAsync(patientId))!["enteredInError"].Str("by"), Assert.Single(await LabsAsync(patientId))!["enteredInError"].Str("reason")));
    }

    [Fact]
    public async Task A_result_of_another_patient_is_404_and_an_administrator_may_not_mark_one()
    {
        var (patientId, labId) = await PatientWithALabAsync();
        var other = await api.CreatePatientAsync();

        await (await MarkAsync(await api.Clinician, other, labId, "wrong patient")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await MarkAsync(await api.Administrator, patientId, labId, "wrong patient")).ExpectProblemAsync(HttpStatusCode.Forbidden);

        Assert.Null(Assert.Single(await LabsAsync(patientId))!["enteredInError"]);
    }

    [Fact]
    public async Task An_approval_whose_gate_passed_on_a_result_entered_in_error_is_cancelled_and_the_gate_asks_for_it_again()
    {
        var clinician = await api.Clinician;
        var patientId = await course.CreatePatientAsync();
        await course.RecordBaselineAsync(patientId);
        var instanceId = await course.StartAsync(patientId);
        await course.ApproveEscalationAsync(instanceId);
        await course.OpenTaskAsync(instanceId, "pre-infusion");
        await course.RecordLabAsync(patientId, "29265-6", 2.35m, "mmol/L");
        var creatinine = await course.RecordLabAsync(patientId, "2160-0", 0.56m, "mg/dL");
        var approval = await course.OpenTaskAsync(instanceId, "approve");

        var marked = await (await MarkAsync(clinician, patientId, creatinine.Id(), "drawn from the wrong patient")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(1, marked["instancesResumed"]!.GetValue<int>());
        var closed = await clinician.GetJsonAsync($"/api/tasks/{approval["task"].Id()}");
        Assert.Equal("cancelled", closed["task"].Str("status"));
        await (await CrmoCourse.CompleteAsync(clinician, approval, "approved")).ExpectProblemAsync(HttpStatusCode.Conflict);
        var order = await course.OpenTaskAsync(instanceId, "pre-infusion");
        Assert.Contains("2160-0", order["evidence"]!["codes"]!.ToJsonString(), StringComparison.Ordinal);
        var withdrawn = Assert.Single((await api.JournalAsync(instanceId)).OfType("lab.withdrawn"));
        Assert.Equal(("2160-0", "drawn from the wrong patient", true), (withdrawn["data"].Str("code"), withdrawn["data"].Str("reason"), withdrawn["data"]!["clearanceWithdrawn"]!.GetValue<bool>()));
        Assert.Equal("clinician", withdrawn.Actor());

        // A fresh, correct result lets the gate pass again, and the approval comes back.
        await course.RecordLabAsync(patientId, "2160-0", 0.57m, "mg/dL");
        await course.OpenTaskAsync(instanceId, "approve");
    }
}

public sealed class SqliteLabEnteredInErrorTests(SqliteAppFactory factory) : LabEnteredInErrorTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresLabEnteredInErrorTests(PostgresAppFactory factory) : LabEnteredInErrorTests(factory), IClassFixture<PostgresAppFactory>;
