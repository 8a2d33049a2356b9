using System.Net;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Services;

/// <summary>
/// Moving a patient's care to another service (issue 12 item 6): the bone clinic's clinician refers a patient to the
/// pain clinic with a reason; the patient, their tasks and pathway leave the bone clinic's lists and the next read is
/// a 403 offering to break the glass; the audit says who, to where and why. Bad requests name their field and move
/// nothing.
/// </summary>
public abstract class PatientTransferTests(CarePathwayAppFactory factory)
{
    private readonly CarePathwayApi api = CarePathwayApi.For(factory);

    private readonly ServiceStaff staff = new(CarePathwayApi.For(factory));

    [Fact]
    public async Task A_patient_moved_to_another_service_leaves_the_old_services_lists_and_the_audit_says_why()
    {
        var family = "Move" + Guid.NewGuid().ToString("N")[..6];
        var patient = await staff.PatientOnPathwayAsync("bone-clinic", family);
        var (clinician, name) = await staff.BoneClinicianAsync();
        var loaded = await clinician.GetJsonAsync($"/api/patients/{patient.PatientId}");
        Assert.NotEmpty((await clinician.GetJsonAsync($"/api/tasks?view=all&patientId={patient.PatientId}")).Items());

        var moved = await (await clinician.PostJsonAsync($"/api/patients/{patient.PatientId}/transfer",
            new { service = "pain-clinic", reason = "referred for CRPS", rowVersion = loaded["rowVersion"]!.GetValue<long>() })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("bone-clinic", moved.Str("fromService"));
        Assert.Equal("pain-clinic", moved.Str("toService"));
        Assert.False(moved["stillYours"]!.GetValue<bool>());
        Assert.NotEqual(loaded["rowVersion"]!.GetValue<long>(), moved["rowVersion"]!.GetValue<long>());

        Assert.Empty((await clinician.GetJsonAsync($"/api/patients?search={family}")).Items());
        Assert.Empty((await clinician.GetJsonAsync($"/api/tasks?view=all&patientId={patient.PatientId}")).Items());
        var refused = await (await clinician.GetAsync($"/api/patients/{patient.PatientId}")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("urn:carepathway:problem:break-the-glass", refused.Str("type"));

        // The coordinator holds every service: the patient is the pain clinic's now, on the same pathway.
        var coordinatorView = await (await api.Coordinator).GetJsonAsync($"/api/patients/{patient.PatientId}");
        Assert.Equal("pain-clinic", coordinatorView.Str("service"));
        Assert.Equal("running", (await api.InstanceAsync(patient.InstanceId))["instance"].Str("status"));

        var audit = (await (await api.Administrator).GetJsonAsync($"/api/audit?userName={name}&action=patient.transfer&targetId={patient.PatientId}")).Items();
        Assert.Equal("to pain-clinic: referred for CRPS", Assert.Single(audit).Str("detail"));
    }

    [Fact]
    public async Task A_transfer_without_reason_to_an_unknown_or_the_same_service_or_over_a_stale_row_version_is_refused_and_moves_nothing()
    {
        var patient = await staff.PatientOnPathwayAsync("bone-clinic", "Stay");
        var (clinician, _) = await staff.BoneClinicianAsync();
        var rowVersion = (await clinician.GetJsonAsync($"/api/patients/{patient.PatientId}"))["rowVersion"]!.GetValue<long>();
        var url = $"/api/patients/{patient.PatientId}/transfer";

        await Refused(new { service = "pain-clinic", rowVersion }, HttpStatusCode.UnprocessableEntity, "reason");
        await Refused(new { reason = "referral", rowVersion }, HttpStatusCode.BadRequest, "service");
        await Refused(new { service = "pain-clinic", reason = "referral" }, HttpStatusCode.BadRequest, "rowVersion");
        await Refused(new { service = "no-such-clinic", reason = "referral", rowVersion }, HttpStatusCode.UnprocessableEntity, "service");
        await Refused(new { service = "bone-clinic", reason = "referral", rowVersion }, HttpStatusCode.UnprocessableEntity, "service");
        await (await clinician.PostJsonAsync(url, new { service = "pain-clinic", reason = "referral", rowVersion = rowVersion - 1 })).ExpectProblemAsync(HttpStatusCode.Conflict);

        var after = await clinician.GetJsonAsync($"/api/patients/{patient.PatientId}");
        Assert.Equal("bone-clinic", after.Str("service"));
        Assert.Equal(rowVersion, after["rowVersion"]!.GetValue<long>());

        async Task Refused(object body, HttpStatusCode status, string field) =>
            await (await clinician.PostJsonAsync(url, body)).ExpectProblemAsync(status, field);
    }

    [Fact]
    public async Task Staff_outside_the_patients_service_cannot_move_the_patient()
    {
        var patient = await staff.PatientOnPathwayAsync("pain-clinic", "Elsewhere");
        var (clinician, _) = await staff.BoneClinicianAsync();
        var problem = await (await clinician.PostJsonAsync($"/api/patients/{patient.PatientId}/transfer", new { service = "bone-clinic", reason = "mine now", rowVersion = 1 }))
            .ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("urn:carepathway:problem:break-the-glass", problem.Str("type"));
        Assert.Equal("pain-clinic", (await (await api.Coordinator).GetJsonAsync($"/api/patients/{patient.PatientId}")).Str("service"));
    }
}

public sealed class SqlitePatientTransferTests(SqliteAppFactory factory) : PatientTransferTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresPatientTransferTests(PostgresAppFactory factory) : PatientTransferTests(factory), IClassFixture<PostgresAppFactory>;
