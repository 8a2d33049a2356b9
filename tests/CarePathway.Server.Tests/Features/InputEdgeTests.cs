using System.Net;
using System.Text.Json.Nodes;
using CarePathway.Server.Persistence;
using CarePathway.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePathway.Server.Tests.Features;

/// <summary>
/// Input at the edges (text no database holds, values past a column, dates and durations out of
/// range, a body that is not an object): 400, 413 or 422 naming the field, the same on both
/// databases, never a 500, and nothing stored.
/// </summary>
public abstract class InputEdgeTests(CarePathwayAppFactory factory)
{
    private readonly CarePathwayApi api = CarePathwayApi.For(factory);

    private static Task<HttpResponseMessage> PostRawAsync(HttpClient client, string url, string body) => client.PostAsync(url, JsonHttp.RawBody(body));

    [Theory]
    [InlineData("/api/definitions/validate")]
    [InlineData("/api/definitions")]
    public async Task A_lone_surrogate_anywhere_in_a_definition_is_400_naming_where(string url)
    {
        var document = await api.SampleCopyAsync();
        document["activities"]![0]!["name"] = "LONE";
        var text = document.ToJsonString().Replace("LONE", "\\ud800", StringComparison.Ordinal);

        await (await PostRawAsync(await api.Administrator, url, text)).ExpectProblemAsync(HttpStatusCode.BadRequest, "activities[0].name");
    }

    [Theory]
    [InlineData("/api/definitions/validate", "[]")]
    [InlineData("/api/definitions", "\"x\"")]
    [InlineData("/api/patients", "1")]
    [InlineData("/api/instances", "[]")]
    [InlineData("/api/auth/login", "\"x\"")]
    public async Task A_body_that_is_not_an_object_is_400(string url, string body)
    {
        // Definitions are the administrator's; patients and their pathways the clinical staff's.
        var client = url.StartsWith("/api/definitions", StringComparison.Ordinal) ? await api.Administrator : await api.Coordinator;
        await (await PostRawAsync(client, url, body)).ExpectProblemAsync(HttpStatusCode.BadRequest, "$");
    }

    [Fact]
    public async Task A_key_given_twice_is_400_naming_it_and_nothing_is_stored()
    {
        var patient = CarePathwayApi.NewPatientJson();
        var text = patient.ToJsonString().Replace("\"givenName\":", "\"givenName\":\"Eve\",\"givenName\":", StringComparison.Ordinal);

        await (await PostRawAsync(await api.Coordinator, "/api/patients", text)).ExpectProblemAsync(HttpStatusCode.BadRequest, "givenName");
        Assert.False(await PatientStoredAsync(patient.Str("mrn")));
    }

    [Theory]
    [InlineData("nsaidTrialLength", "420000w")]
    [InlineData("followUpAfter", "420000w")]
    [InlineData("followUpAfter", "-30d")]
    [InlineData("followUpAfter", "99999999999w")]
    public async Task A_duration_parameter_out_of_range_is_422_naming_it_and_starts_nothing(string name, string value)
    {
        var patientId = await api.CreatePatientAsync(vertebralLesion: true);

        await (await (await api.Coordinator).PostJsonAsync("/api/instances",
                new JsonObject { ["definitionId"] = CarePathwayApi.Sample, ["patientId"] = patientId.ToString(), ["parameters"] = new JsonObject { [name] = value } }))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, $"parameters.{name}");

        Assert.Empty((await (await api.Coordinator).GetJsonAsync($"/api/instances?patientId={patientId}")).Items());
    }

    [Fact]
    public async Task A_ten_year_follow_up_starts_and_its_approval_completes()
    {
        var (_, taskId) = await api.StartAtApprovalAsync(followUpAfter: "520w");

        await (await CarePathwayApi.CompleteAsync(await api.Clinician, taskId, "approved")).ExpectAsync(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("givenName", 201)]
    [InlineData("familyName", 201)]
    public async Task A_name_longer_than_its_column_is_400_naming_it_on_either_database(string field, int length)
    {
        var patient = CarePathwayApi.NewPatientJson(p => p[field] = new string('a', length));

        await (await (await api.Coordinator).PostJsonAsync("/api/patients", patient)).ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.False(await PatientStoredAsync(patient.Str("mrn")));
    }

    /// <summary>No code or unit of the lab catalog comes near its column, so the catalog refuses it first.</summary>
    [Theory]
    [InlineData("code", 101, "unit", "mg/dL")]
    [InlineData("unit", 33, "code", "2160-0")]
    public async Task A_lab_code_or_unit_longer_than_its_column_is_422_naming_it(string field, int length, string other, string otherValue)
    {
        var patientId = await api.CreatePatientAsync();
        var lab = new JsonObject { ["value"] = 1, [field] = new string('x', length), [other] = otherValue };

        await (await (await api.Clinician).PostJsonAsync($"/api/patients/{patientId}/labs", lab)).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, field);
        Assert.Empty((await (await api.Clinician).GetJsonAsync($"/api/patients/{patientId}"))["labs"]!.AsArray());
    }

    /// <summary>Too large for the column is implausible for every lab (422, the catalog's check); too many places is the column's (400).</summary>
    [Theory]
    [InlineData(10_000_000_000_000, HttpStatusCode.UnprocessableEntity, "accepted values are above 0 and at most 40 mg/dL")]
    [InlineData(0.1234567, HttpStatusCode.BadRequest, "decimal places")]
    public async Task A_lab_value_the_column_cannot_hold_exactly_is_refused_naming_value(double value, HttpStatusCode status, string message)
    {
        var patientId = await api.CreatePatientAsync();
        var lab = new { code = "2160-0", value = (decimal)value, unit = "mg/dL" };

        var problem = await (await (await api.Clinician).PostJsonAsync($"/api/patients/{patientId}/labs", lab)).ExpectProblemAsync(status, "value");
        Assert.Contains(message, problem["errors"]!["value"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_nul_character_in_a_body_is_400_naming_the_field()
    {
        var patient = CarePathwayApi.NewPatientJson(p => p["givenName"] = "A\0da");

        await (await (await api.Coordinator).PostJsonAsync("/api/patients", patient)).ExpectProblemAsync(HttpStatusCode.BadRequest, "givenName");
        Assert.False(await PatientStoredAsync(patient.Str("mrn")));
    }

    [Theory]
    [InlineData("/api/tasks?kind=%00", "kind")]
    [InlineData("/api/tasks?page=2147483647", "page")]
    [InlineData("/api/patients?page=2147483647&pageSize=200", "page")]
    public async Task A_nul_in_the_query_or_a_page_past_any_offset_is_400_naming_it(string url, string field)
    {
        await (await (await api.Coordinator).GetAsync(url)).ExpectProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_sign_in_with_a_user_name_longer_than_any_is_401_and_audited()
    {
        var name = new string('u', 300);

        await (await api.Anonymous().PostJsonAsync("/api/auth/login", new { userName = name, password = "x" })).ExpectProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Contains(await AuditAsync(a => a.Action == "auth.login"), a => a.UserName == name[..256] && !a.Succeeded);
    }

    [Fact]
    public async Task A_refused_patient_with_a_300_character_mrn_is_400_and_audited_as_failed()
    {
        var mrn = new string('m', 300);

        await (await (await api.Coordinator).PostJsonAsync("/api/patients", CarePathwayApi.NewPatientJson(p => p["mrn"] = mrn))).ExpectProblemAsync(HttpStatusCode.BadRequest, "mrn");

        var clipped = mrn[..200];
        var entry = Assert.Single(await AuditAsync(a => a.Action == "patient.create" && a.TargetId == clipped));
        Assert.False(entry.Succeeded);
    }

    [Fact]
    public async Task A_draft_with_a_300_character_definition_id_is_400_naming_it_and_audited_as_failed()
    {
        var id = "d" + new string('x', 299);

        await (await (await api.Administrator).PostJsonAsync("/api/definitions", await api.SampleCopyAsync(id))).ExpectProblemAsync(HttpStatusCode.BadRequest, "definition.definitionId");

        var clipped = id[..200];
        var entry = Assert.Single(await AuditAsync(a => a.Action == "definition.create-draft" && a.TargetId == clipped));
        Assert.False(entry.Succeeded);
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("2100-01-01")]
    [InlineData("1899-12-31")]
    [InlineData("0001-01-01")]
    public async Task A_birth_date_in_the_future_or_before_1900_is_400_naming_it(string birthDate)
    {
        var patient = CarePathwayApi.NewPatientJson(p => p["birthDate"] = birthDate);

        await (await (await api.Coordinator).PostJsonAsync("/api/patients", patient)).ExpectProblemAsync(HttpStatusCode.BadRequest, "birthDate");
        Assert.False(await PatientStoredAsync(patient.Str("mrn")));
    }

    [Fact]
    public async Task Correcting_a_birth_date_into_the_future_is_400_and_keeps_the_stored_one()
    {
        var patientId = await api.CreatePatientAsync();
        var stored = await (await api.Coordinator).GetJsonAsync($"/api/patients/{patientId}");
        var correction = new JsonObject
        {
            ["givenName"] = "Ada", ["familyName"] = "Test", ["birthDate"] = "2100-01-01", ["sex"] = "female",
            ["rowVersion"] = stored["rowVersion"]!.GetValue<long>(),
        };

        await (await (await api.Coordinator).PutJsonAsync($"/api/patients/{patientId}", correction)).ExpectProblemAsync(HttpStatusCode.BadRequest, "birthDate");
        Assert.Equal(stored.Str("birthDate"), (await (await api.Coordinator).GetJsonAsync($"/api/patients/{patientId}")).Str("birthDate"));
    }

    [Theory]
    [InlineData("labs", """{"code":"2160-0","value":0.6,"unit":"mg/dL","observedAt":"0001-01-01T00:00:00Z"}""")]
    [InlineData("assessments", """{"name":"pain","value":"3","observedAt":"1899-12-31T23:00:00Z"}""")]
    public async Task An_observation_dated_before_1900_is_422_naming_observedAt_and_not_stored(string kind, string body)
    {
        var patientId = await api.CreatePatientAsync();

        await (await PostRawAsync(await api.Clinician, $"/api/patients/{patientId}/{kind}", body)).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "observedAt");
        Assert.Empty((await (await api.Clinician).GetJsonAsync($"/api/patients/{patientId}"))[kind]!.AsArray());
    }

    [Fact]
    public async Task An_assessment_name_longer_than_its_column_is_400_and_a_10_MB_body_is_413()
    {
        var patientId = await api.CreatePatientAsync();
        var url = $"/api/patients/{patientId}/assessments";

        await (await (await api.Clinician).PostJsonAsync(url, new { name = new string('n', 101), value = "3" })).ExpectProblemAsync(HttpStatusCode.BadRequest, "name");
        await (await (await api.Clinician).PostJsonAsync(url, new { name = new string('n', 10_000_000), value = "3" })).ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Empty((await (await api.Clinician).GetJsonAsync($"/api/patients/{patientId}"))["assessments"]!.AsArray());
    }

    private async Task<bool> PatientStoredAsync(string mrn)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CarePathwayDbContext>().Patients.AnyAsync(p => p.Mrn == mrn);
    }

    private async Task<List<AuditEntry>> AuditAsync(System.Linq.Expressions.Expression<Func<AuditEntry, bool>> filter)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CarePathwayDbContext>().AuditEntries.Where(filter).ToListAsync();
    }
}

public sealed class SqliteInputEdgeTests(SqliteAppFactory factory) : InputEdgeTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresInputEdgeTests(PostgresAppFactory factory) : InputEdgeTests(factory), IClassFixture<PostgresAppFactory>;
