using System.Net;
using System.Text.Json.Nodes;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Features;

/// <summary>Bad input is answered 400 or 422 problem details naming the field, never 500, and nothing is stored.</summary>
public abstract class BadInputTests(CarePathwayAppFactory factory)
{
    private readonly CarePathwayApi api = CarePathwayApi.For(factory);

    private async Task<int> CountAsync(string url) => (await (await api.Coordinator).GetJsonAsync(url))["total"]!.GetValue<int>();

    [Theory]
    [InlineData("mrn", null)]
    [InlineData("mrn", "")]
    [InlineData("weightKg", 4000)]
    [InlineData("heightCm", 3)]
    [InlineData("sex", "robot")]
    [InlineData("birthDate", null)]
    public async Task A_patient_with_a_missing_or_implausible_field_is_refused_naming_it_and_not_stored(string field, object? value)
    {
        var before = await CountAsync("/api/patients?pageSize=1");
        var body = CarePathwayApi.NewPatientJson(p => p[field] = value is null ? null : JsonValue.Create(value));

        await (await (await api.Coordinator).PostJsonAsync("/api/patients", body)).ExpectProblemAsync(HttpStatusCode.BadRequest, field);

        Assert.Equal(before, await CountAsync("/api/patients?pageSize=1"));
    }

    [Theory]
    [InlineData("weightKg", "abc")]
    [InlineData("weightKg", "36,5")]
    [InlineData("heightCm", "tall")]
    [InlineData("weightKg", "")]
    public async Task A_patient_with_a_number_field_that_is_not_a_number_is_refused_naming_it_and_not_stored(string field, string typed)
    {
        var patient = CarePathwayApi.NewPatientJson(p => p[field] = typed);

        var problem = await (await (await api.Coordinator).PostJsonAsync("/api/patients", patient)).ExpectProblemAsync(HttpStatusCode.BadRequest, field);

        Assert.Contains("wrong type or format", problem["errors"]![field]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync($"/api/patients?search={patient.Str("mrn")}"));
    }

    [Fact]
    public async Task A_patient_update_with_a_row_version_that_is_not_a_number_is_refused_naming_it()
    {
        var patientId = await api.CreatePatientAsync();
        var body = new JsonObject { ["givenName"] = "Eve", ["familyName"] = "Test", ["birthDate"] = "2014-01-05", ["sex"] = "female", ["rowVersion"] = "first" };

        await (await (await api.Coordinator).PutJsonAsync($"/api/patients/{patientId}", body)).ExpectProblemAsync(HttpStatusCode.BadRequest, "rowVersion");

        Assert.Equal("Ada", (await (await api.Coordinator).GetJsonAsync($"/api/patients/{patientId}")).Str("givenName"));
    }

    [Theory]
    [InlineData("labs", """{"code":"2160-0","value":"abc","unit":"mg/dL"}""")]
    [InlineData("labs", """{"code":"2160-0","value":"0,6","unit":"mg/dL"}""")]
    [InlineData("measurements", """{"kind":"weight","value":"abc"}""")]
    [InlineData("measurements", """{"kind":"height","value":"1m50"}""")]
    public async Task A_recorded_value_that_is_not_a_number_is_refused_naming_value_and_not_stored(string resource, string body)
    {
        var patientId = await api.CreatePatientAsync();
        var before = await (await api.Clinician).GetJsonAsync($"/api/patients/{patientId}");

        await (await (await api.Clinician).PostAsync($"/api/patients/{patientId}/{resource}", JsonHttp.RawBody(body))).ExpectProblemAsync(HttpStatusCode.BadRequest, "value");

        var after = await (await api.Clinician).GetJsonAsync($"/api/patients/{patientId}");
        Assert.Equal(before["labs"]!.AsArray().Count, after["labs"]!.AsArray().Count);
        Assert.Equal(before["measurements"]!.AsArray().Count, after["measurements"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_lab_result_without_a_unit_is_refused_naming_unit_and_not_stored()
    {
        var patientId = await api.CreatePatientAsync();

        await (await (await api.Clinician).PostJsonAsync($"/api/patients/{patientId}/labs", new { code = "2160-0", value = 0.6 }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "unit");

        Assert.Empty((await (await api.Clinician).GetJsonAsync($"/api/patients/{patientId}"))["labs"]!.AsArray());
    }

    [Theory]
    [InlineData("""{"bogus":"2s"}""", "parameters.bogus")]
    [InlineData("""{"followUpAfter":5}""", "parameters.followUpAfter")]
    [InlineData("""{"followUpAfter":"soon"}""", "parameters.followUpAfter")]
    public async Task A_start_with_an_unknown_or_mistyped_parameter_is_422_naming_it_and_starts_nothing(string parameters, string field)
    {
        var patientId = await api.CreatePatientAsync(vertebralLesion: true);

        await (await (await api.Coordinator).PostJsonAsync("/api/instances",
            new JsonObject { ["definitionId"] = CarePathwayApi.Sample, ["patientId"] = patientId.ToString(), ["parameters"] = JsonNode.Parse(parameters) }))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, field);

        Assert.Equal(0, await CountAsync($"/api/instances?patientId={patientId}"));
    }

    [Fact]
    public async Task A_start_without_a_pathway_or_patient_is_400_naming_both()
    {
        await (await (await api.Coordinator).PostJsonAsync("/api/instances", new { })).ExpectProblemAsync(HttpStatusCode.BadRequest, "definitionId", "patientId");
    }

    [Fact]
    public async Task Completing_a_task_with_an_outcome_it_does_not_have_is_422_naming_outcome_and_leaves_it_open()
    {
        var (instanceId, taskId) = await api.StartAtApprovalAsync(followUpAfter: "1h");

        await (await CarePathwayApi.CompleteAsync(await api.Clinician, taskId, "maybe")).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "outcome");

        Assert.Single(await api.OpenTasksAsync(instanceId, kind: "escalation-approval"));
    }

    [Theory]
    [InlineData("rejected")]
    [InlineData("overridden")]
    public async Task Rejecting_or_overriding_an_approval_without_a_reason_is_422_naming_reason_and_changes_nothing(string outcome)
    {
        var (instanceId, taskId) = await api.StartAtApprovalAsync(followUpAfter: "1h");
        var journal = await api.JournalAsync(instanceId);

        await (await CarePathwayApi.CompleteAsync(await api.Clinician, taskId, outcome, reason: "  ")).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "reason");

        Assert.Single(await api.OpenTasksAsync(instanceId, kind: "escalation-approval"));
        Assert.Equal(journal.Count, (await api.JournalAsync(instanceId)).Count);
        await (await CarePathwayApi.CompleteAsync(await api.Clinician, taskId, outcome, reason: "MRI reviewed")).ExpectAsync(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("/api/patients")]
    [InlineData("/api/instances")]
    [InlineData("/api/definitions")]
    [InlineData("/api/tasks/00000000-0000-0000-0000-000000000001/complete")]
    public async Task A_malformed_json_body_is_400_problem_details(string url)
    {
        var before = await CountAsync("/api/patients?pageSize=1");

        // Definitions are the administrator's; patients, pathways and tasks the clinical staff's.
        var client = url.StartsWith("/api/definitions", StringComparison.Ordinal) ? await api.Administrator : await api.Coordinator;
        await (await client.PostAsync(url, JsonHttp.RawBody("""{"mrn": "X-1", "givenName": """))).ExpectProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(before, await CountAsync("/api/patients?pageSize=1"));
    }

    [Fact]
    public async Task A_field_of_the_wrong_json_type_is_400_problem_details_naming_it()
    {
        var body = CarePathwayApi.NewPatientJson(p => p["birthDate"] = "the fifth of January");

        await (await (await api.Coordinator).PostJsonAsync("/api/patients", body)).ExpectProblemAsync(HttpStatusCode.BadRequest, "birthDate");
    }

    [Theory]
    [InlineData("/api/tasks?due=yesterday", "due")]
    [InlineData("/api/tasks?sort=random", "sort")]
    [InlineData("/api/tasks?labs=stale", "labs")]
    [InlineData("/api/patients?pageSize=0", "pageSize")]
    [InlineData("/api/instances?page=0", "page")]
    public async Task A_bad_query_parameter_is_400_naming_it(string url, string field)
    {
        await (await (await api.Coordinator).GetAsync(url)).ExpectProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("/api/tasks?page=abc", "page", "a whole number")]
    [InlineData("/api/tasks?pageSize=1.5", "pageSize", "a whole number")]
    [InlineData("/api/tasks?patientId=someone", "patientId", "an id")]
    [InlineData("/api/instances?patientId=42", "patientId", "an id")]
    [InlineData("/api/patients?page=one", "page", "a whole number")]
    public async Task A_query_value_of_the_wrong_type_is_400_problem_details_naming_it_and_what_it_must_be(string url, string field, string expected)
    {
        var problem = await (await (await api.Coordinator).GetAsync(url)).ExpectProblemAsync(HttpStatusCode.BadRequest, field);

        Assert.Contains(expected, problem["errors"]![field]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_without_its_body_is_400_problem_details_naming_the_body()
    {
        var patientId = await api.CreatePatientAsync();

        await (await (await api.Clinician).PostAsync($"/api/patients/{patientId}/labs", JsonHttp.RawBody(""))).ExpectProblemAsync(HttpStatusCode.BadRequest, "$");
    }
}

public sealed class SqliteBadInputTests(SqliteAppFactory factory) : BadInputTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresBadInputTests(PostgresAppFactory factory) : BadInputTests(factory), IClassFixture<PostgresAppFactory>;
