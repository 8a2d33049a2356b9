using System.Net;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Services;

/// <summary>
/// Break the glass (issue 12 item 6): a reason opens a patient outside one's services for Access:BreakGlassDuration
/// (three seconds here); the grant is audited and listed for the administrators holding the patient's service.
/// </summary>
public abstract class BreakTheGlassTests(CarePathwayAppFactory factory)
{
    private readonly CarePathwayApi api = CarePathwayApi.For(factory.WithSetting("Access:BreakGlassDuration", "00:00:03"));

    private CarePathwayApi Api => api;

    private ServiceStaff Staff => new(api);

    [Fact]
    public async Task A_reason_opens_the_patient_until_the_grant_expires_and_the_grant_is_audited_and_listed()
    {
        var pain = await Staff.PatientOnPathwayAsync("pain-clinic", "Glass");
        var (clinician, name) = await Staff.BoneClinicianAsync();
        await (await clinician.PostJsonAsync($"/api/patients/{pain.PatientId}/access", new { reason = "  " }))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "reason");
        await (await clinician.PostJsonAsync($"/api/patients/{Guid.NewGuid()}/access", new { reason = "x" })).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await (await Api.Administrator).PostJsonAsync($"/api/patients/{pain.PatientId}/access", new { reason = "curious" }))
            .ExpectProblemAsync(HttpStatusCode.Forbidden);

        var grant = await (await clinician.PostJsonAsync($"/api/patients/{pain.PatientId}/access", new { reason = "covering the pain clinic tonight" }))
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("pain-clinic", grant.Str("service"));
        Assert.True(grant["live"]!.GetValue<bool>());

        // While it is live: read, act, and the patient is in the lists.
        Assert.Equal(pain.Mrn, (await clinician.GetJsonAsync($"/api/patients/{pain.PatientId}")).Str("mrn"));
        await (await clinician.PostJsonAsync($"/api/patients/{pain.PatientId}/assessments", new { name = "pain-score", value = "3" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Single((await clinician.GetJsonAsync($"/api/instances?patientId={pain.PatientId}")).Items());

        var admin = await Api.Administrator;
        var listed = (await admin.GetJsonAsync($"/api/access-grants?live=true&patientId={pain.PatientId}")).AsArray();
        Assert.Equal(name, Assert.Single(listed).Str("userName"));
        Assert.Equal("covering the pain clinic tonight", listed[0].Str("reason"));
        await (await clinician.GetAsync("/api/access-grants")).ExpectProblemAsync(HttpStatusCode.Forbidden);

        var audit = (await admin.GetJsonAsync($"/api/audit?userName={name}&targetId={pain.PatientId}")).Items();
        var broke = Assert.Single(audit, e => e.Str("action") == "patient.break-glass");
        Assert.Contains("covering the pain clinic tonight", broke.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("until", broke.Str("detail"), StringComparison.Ordinal);
        Assert.Contains(audit, e => e.Str("action") == "patient.read");
        Assert.Contains(audit, e => e.Str("action") == "assessment.record");

        // Once it expires the patient is refused again.
        await Eventually.UntilAsync(() => clinician.GetAsync($"/api/patients/{pain.PatientId}"), r => r.StatusCode == HttpStatusCode.Forbidden, "the grant to expire");
        Assert.False(Assert.Single((await admin.GetJsonAsync($"/api/access-grants?patientId={pain.PatientId}")).AsArray())!["live"]!.GetValue<bool>());
        Assert.Empty((await admin.GetJsonAsync($"/api/access-grants?live=true&patientId={pain.PatientId}")).AsArray());
    }
}

public sealed class SqliteBreakTheGlassTests(SqliteAppFactory factory) : BreakTheGlassTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresBreakTheGlassTests(PostgresAppFactory factory) : BreakTheGlassTests(factory), IClassFixture<PostgresAppFactory>;
