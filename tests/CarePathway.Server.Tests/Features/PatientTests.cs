using System.Net;
using System.Text.Json.Nodes;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Features;

/// <summary>Correcting a patient's details and facts: with the version the editor loaded, never over someone else's save.</summary>
public abstract class PatientTests(CarePathwayAppFactory factory)
{
    private readonly CarePathwayApi api = CarePathwayApi.For(factory);

    private static JsonObject Correction(JsonNode patient, long rowVersion, bool vertebralLesion) => new()
    {
        ["givenName"] = patient.Str("givenName"),
        ["familyName"] = "Corrected",
        ["birthDate"] = patient.Str("birthDate"),
        ["sex"] = patient.Str("sex"),
        ["diagnosis"] = "CRMO",
        ["facts"] = new JsonObject { ["vertebralLesion"] = vertebralLesion },
        ["rowVersion"] = rowVersion,
    };

    [Fact]
    public async Task A_correction_with_the_loaded_row_version_changes_details_and_facts_and_the_next_start_sees_them()
    {
        var coordinator = await api.Coordinator;
        var patientId = await api.CreatePatientAsync(vertebralLesion: false);
        var loaded = await coordinator.GetJsonAsync($"/api/patients/{patientId}");

        var saved = await (await coordinator.PutJsonAsync($"/api/patients/{patientId}", Correction(loaded, loaded["rowVersion"]!.GetValue<long>(), true)))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("Corrected", saved.Str("familyName"));
        Assert.True(saved["facts"]!["vertebralLesion"]!.GetValue<bool>());
        Assert.True(saved["rowVersion"]!.GetValue<long>() > loaded["rowVersion"]!.GetValue<long>());
        // The corrected fact drives the pathway: vertebral involvement goes straight to the escalation approval.
        var instance = await api.StartAsync(patientId, new JsonObject { ["followUpAfter"] = "1h" });
        Assert.Single(await api.OpenTasksAsync(instance.Id(), role: "clinician", kind: "escalation-approval"));
    }

    [Fact]
    public async Task A_correction_over_someone_elses_save_is_409_and_keeps_their_version()
    {
        var coordinator = await api.Coordinator;
        var patientId = await api.CreatePatientAsync(vertebralLesion: false);
        var loaded = await coordinator.GetJsonAsync($"/api/patients/{patientId}");
        var version = loaded["rowVersion"]!.GetValue<long>();
        await (await coordinator.PutJsonAsync($"/api/patients/{patientId}", Correction(loaded, version, true))).ExpectAsync(HttpStatusCode.OK);

        await (await coordinator.PutJsonAsync($"/api/patients/{patientId}", Correction(loaded, version, false))).ExpectProblemAsync(HttpStatusCode.Conflict);

        Assert.True((await coordinator.GetJsonAsync($"/api/patients/{patientId}"))["facts"]!["vertebralLesion"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("familyName")]
    [InlineData("rowVersion")]
    [InlineData("sex")]
    public async Task A_correction_missing_a_field_is_400_naming_it_and_changes_nothing(string field)
    {
        var coordinator = await api.Coordinator;
        var patientId = await api.CreatePatientAsync(vertebralLesion: false);
        var loaded = await coordinator.GetJsonAsync($"/api/patients/{patientId}");
        var body = Correction(loaded, loaded["rowVersion"]!.GetValue<long>(), true);
        body[field] = null;

        await (await coordinator.PutJsonAsync($"/api/patients/{patientId}", body)).ExpectProblemAsync(HttpStatusCode.BadRequest, field);

        var after = await coordinator.GetJsonAsync($"/api/patients/{patientId}");
        Assert.Equal(loaded.Str("familyName"), after.Str("familyName"));
        Assert.Equal(loaded["rowVersion"]!.GetValue<long>(), after["rowVersion"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_birth_date_corrected_to_after_a_recorded_lab_is_422_until_that_lab_is_marked_in_error()
    {
        var coordinator = await api.Coordinator;
        var patientId = await api.CreatePatientAsync(vertebralLesion: false);
        await (await coordinator.PostJsonAsync($"/api/patients/{patientId}/labs",
            new { code = "2160-0", value = 0.5m, unit = "mg/dL", observedAt = "2016-03-01T09:00:00Z" })).ExpectAsync(HttpStatusCode.OK);
        var loaded = await coordinator.GetJsonAsync($"/api/patients/{patientId}");
        var body = Correction(loaded, loaded["rowVersion"]!.GetValue<long>(), false);
        body["birthDate"] = "2017-01-05";

        var problem = await (await coordinator.PutJsonAsync($"/api/patients/{patientId}", body)).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "birthDate");
        Assert.Contains("2016-03-01", problem["errors"]!["birthDate"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("2014-01-05", (await coordinator.GetJsonAsync($"/api/patients/{patientId}")).Str("birthDate"));

        // Earlier stays possible: no observation can be before it.
        body["birthDate"] = "2013-01-05";
        body["rowVersion"] = (await (await coordinator.PutJsonAsync($"/api/patients/{patientId}", body)).ExpectAsync(HttpStatusCode.OK))["rowVersion"]!.GetValue<long>();

        var labId = (await coordinator.GetJsonAsync($"/api/patients/{patientId}"))["labs"]!.AsArray().Single()!.Id();
        await (await coordinator.PostJsonAsync($"/api/patients/{patientId}/labs/{labId}/entered-in-error", new { reason = "another child's sample" })).ExpectAsync(HttpStatusCode.OK);
        body["birthDate"] = "2017-01-05";
        Assert.Equal("2017-01-05", (await (await coordinator.PutJsonAsync($"/api/patients/{patientId}", body)).ExpectAsync(HttpStatusCode.OK)).Str("birthDate"));
    }
}

public sealed class SqlitePatientTests(SqliteAppFactory factory) : PatientTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresPatientTests(PostgresAppFactory factory) : PatientTests(factory), IClassFixture<PostgresAppFactory>;
