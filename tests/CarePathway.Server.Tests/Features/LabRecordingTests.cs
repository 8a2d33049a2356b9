using System.Net;
using System.Text.Json.Nodes;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Features;

/// <summary>
/// Lab results carry a LOINC code, a value and a unit, checked against the lab catalog when recorded:
/// a code it does not know, a unit the code does not use, an implausible value or a time that cannot be is 422
/// naming the field, and nothing is stored; an accepted result is stored as recorded, its unit in the catalog's
/// spelling (rules convert it when they read it).
/// </summary>
public abstract class LabRecordingTests(CarePathwayAppFactory factory)
{
    private readonly CarePathwayApi api = CarePathwayApi.For(factory);

    private async Task<IReadOnlyList<JsonNode>> LabsAsync(Guid patientId) =>
        [.. (await (await api.Clinician).GetJsonAsync($"/api/patients/{patientId}"))["labs"]!.AsArray().Select(l => l!)];

    private async Task<HttpResponseMessage> RecordAsync(Guid patientId, object lab) =>
        await (await api.Clinician).PostJsonAsync($"/api/patients/{patientId}/labs", lab);

    [Theory]
    [InlineData("2160-0", 0.6, "mmol/mol", "unit", "Unit 'mmol/mol' is not a unit of creatinine (code 2160-0)")]
    [InlineData("14682-9", 50, "g/L", "unit", "Unit 'g/L' is not a unit of creatinine (code 14682-9)")]
    [InlineData("19123-9", 2.0, "mmol/L", "unit", "Unit 'mmol/L' is not a unit of magnesium (code 19123-9); expected mg/dL")]
    [InlineData("2160-0", 55, "mg/dL", "value", "Implausible creatinine value 55 mg/dL (code 2160-0)")]
    [InlineData("14682-9", 0, "umol/L", "value", "Implausible creatinine value 0 umol/L (code 14682-9)")]
    [InlineData("62292-8", 0, "ng/mL", "value", "Implausible 25-OH vitamin D value 0 ng/mL")]
    [InlineData("2777-1", 0, "mg/dL", "value", "Implausible phosphate value 0 mg/dL")]
    [InlineData("LOCAL-NTX", 42, "nmol BCE/mmol", "code", "Unknown lab code 'LOCAL-NTX': known codes are 2160-0 (creatinine, mg/dL)")]
    [InlineData("2160-O", 0.6, "mg/dL", "code", "Unknown lab code '2160-O'")]
    [InlineData("9318-7", 30, "MG/MMOL", "unit", "Unit 'MG/MMOL' is not a unit of urine albumin/creatinine (code 9318-7); expected mg/g")]
    public async Task A_result_in_a_unit_its_code_does_not_use_or_with_an_implausible_value_is_422_naming_the_field_and_not_stored(
        string code, double value, string unit, string field, string message)
    {
        var patientId = await api.CreatePatientAsync();

        var problem = await (await RecordAsync(patientId, new { code, value, unit })).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, field);

        var errors = problem["errors"]!.AsObject();
        Assert.Equal([field], errors.Select(e => e.Key));
        Assert.Contains(message, errors[field]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await LabsAsync(patientId));
    }

    [Fact]
    public async Task A_result_observed_in_the_future_is_422_naming_observedAt_and_not_stored()
    {
        var patientId = await api.CreatePatientAsync();

        await (await RecordAsync(patientId, new { code = "2160-0", value = 0.55, unit = "mg/dL", observedAt = DateTimeOffset.UtcNow.AddHours(2) }))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "observedAt");

        Assert.Empty(await LabsAsync(patientId));
    }

    [Fact]
    public async Task A_result_observed_before_the_patient_was_born_is_422_naming_observedAt_and_not_stored()
    {
        var patientId = await api.CreatePatientAsync();

        var problem = await (await RecordAsync(patientId, new { code = "2160-0", value = 0.55, unit = "mg/dL", observedAt = "2013-06-01T08:00:00Z" }))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "observedAt");

        Assert.Equal("2013-06-01 is before the patient's birth date (2014-01-05)", problem["errors"]!["observedAt"]![0]!.GetValue<string>());
        Assert.Empty(await LabsAsync(patientId));
    }

    [Theory]
    [InlineData("measurements", """{"kind":"weight","value":36,"measuredAt":"2010-01-01T00:00:00Z"}""", "measuredAt")]
    [InlineData("measurements", """{"kind":"height","value":146,"measuredAt":"2999-01-01T00:00:00Z"}""", "measuredAt")]
    [InlineData("assessments", """{"name":"pain","value":"3","observedAt":"2013-12-31T00:00:00Z"}""", "observedAt")]
    [InlineData("assessments", """{"name":"pain","value":"3","observedAt":"2999-01-01T00:00:00Z"}""", "observedAt")]
    public async Task A_measurement_or_assessment_before_birth_or_in_the_future_is_422_naming_its_time_and_not_stored(string resource, string body, string field)
    {
        var patientId = await api.CreatePatientAsync();
        var before = await (await api.Clinician).GetJsonAsync($"/api/patients/{patientId}");

        await (await (await api.Clinician).PostAsync($"/api/patients/{patientId}/{resource}", JsonHttp.RawBody(body))).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, field);

        var after = await (await api.Clinician).GetJsonAsync($"/api/patients/{patientId}");
        Assert.Equal(before["measurements"]!.AsArray().Count, after["measurements"]!.AsArray().Count);
        Assert.Equal(before["assessments"]!.AsArray().Count, after["assessments"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_result_observed_on_the_birth_date_is_recorded()
    {
        var patientId = await api.CreatePatientAsync();

        await (await RecordAsync(patientId, new { code = "2160-0", value = 0.3, unit = "mg/dL", observedAt = "2014-01-05T06:00:00+01:00" })).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_catalog_offers_each_test_with_the_units_a_result_is_accepted_in()
    {
        var catalog = (await (await api.Coordinator).GetJsonAsync("/api/lab-catalog")).AsArray().Select(t => t!).ToList();
        var creatinine = catalog.Single(t => t.Str("code") == "2160-0");
        Assert.Equal(("creatinine", "mg/dL"), (creatinine.Str("name"), creatinine.Str("usualUnit")));
        Assert.Equal(["mg/dL", "umol/L"], creatinine["units"]!.AsArray().Select(u => u!.GetValue<string>()));
        Assert.Equal(["mg/g"], catalog.Single(t => t.Str("code") == "9318-7")["units"]!.AsArray().Select(u => u!.GetValue<string>()));

        // Every unit offered is one recording accepts, under its code.
        var patientId = await api.CreatePatientAsync();
        foreach (var test in catalog)
        {
            foreach (var unit in test["units"]!.AsArray().Select(u => u!.GetValue<string>()))
                await (await RecordAsync(patientId, new { code = test.Str("code"), value = 1, unit })).ExpectAsync(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task A_result_for_a_patient_that_does_not_exist_is_404_even_in_a_wrong_unit()
    {
        await (await RecordAsync(Guid.NewGuid(), new { code = "2160-0", value = 0.55, unit = "furlongs" })).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Results_in_any_unit_of_their_analyte_are_stored_as_recorded_in_the_catalogs_spelling_with_when_they_were_observed()
    {
        var patientId = await api.CreatePatientAsync();
        var drawn = new DateTimeOffset(2026, 1, 5, 8, 15, 0, TimeSpan.FromHours(1));

        await (await RecordAsync(patientId, new { code = "14682-9", value = 48.6, unit = "µmol/L", observedAt = drawn })).ExpectAsync(HttpStatusCode.OK);
        await (await RecordAsync(patientId, new { code = "2160-0", value = 0.55, unit = "MG/DL" })).ExpectAsync(HttpStatusCode.OK);
        await (await RecordAsync(patientId, new { code = "62292-8", value = 75, unit = "NMOL/l" })).ExpectAsync(HttpStatusCode.OK);
        await (await RecordAsync(patientId, new { code = "9318-7", value = 42, unit = " MG/G " })).ExpectAsync(HttpStatusCode.OK);

        var labs = (await LabsAsync(patientId)).ToDictionary(l => l.Str("code"));
        Assert.Equal((48.6m, "umol/L"), (labs["14682-9"]["value"]!.GetValue<decimal>(), labs["14682-9"].Str("unit")));
        Assert.Equal(drawn, labs["14682-9"]["observedAt"]!.GetValue<DateTimeOffset>());
        // As written, on every provider (PostgreSQL's numeric(18,6) would otherwise answer 0.550000).
        Assert.Equal(("0.55", "mg/dL"), (labs["2160-0"]["value"]!.ToJsonString(), labs["2160-0"].Str("unit")));
        Assert.Equal((75m, "nmol/L"), (labs["62292-8"]["value"]!.GetValue<decimal>(), labs["62292-8"].Str("unit")));
        Assert.Equal((42m, "mg/g"), (labs["9318-7"]["value"]!.GetValue<decimal>(), labs["9318-7"].Str("unit")));
        // Named from the lab catalog.
        Assert.Equal(("creatinine", "creatinine", "urine albumin/creatinine"), (labs["2160-0"].Str("name"), labs["14682-9"].Str("name"), labs["9318-7"].Str("name")));
    }
}

public sealed class SqliteLabRecordingTests(SqliteAppFactory factory) : LabRecordingTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresLabRecordingTests(PostgresAppFactory factory) : LabRecordingTests(factory), IClassFixture<PostgresAppFactory>;
