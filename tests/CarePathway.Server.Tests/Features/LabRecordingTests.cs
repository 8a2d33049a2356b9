using System.Net;
using System.Text.Json.Nodes;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Features;

/// <summary>
/// Lab results carry a LOINC code, a value and a unit, checked against the lab catalog when recorded:
/// a unit the code does not use or an implausible value is 422 naming the field, and nothing is stored;
/// an accepted result is stored as recorded (rules convert it when they read it).
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
    [InlineData("LOCAL-NTX", 0, "nmol BCE/mmol", "value", "must be above 0")]
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
    public async Task A_result_for_a_patient_that_does_not_exist_is_404_even_in_a_wrong_unit()
    {
        await (await RecordAsync(Guid.NewGuid(), new { code = "2160-0", value = 0.55, unit = "furlongs" })).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Results_in_any_unit_of_their_analyte_are_stored_as_recorded_with_when_they_were_observed()
    {
        var patientId = await api.CreatePatientAsync();
        var drawn = new DateTimeOffset(2026, 1, 5, 8, 15, 0, TimeSpan.FromHours(1));

        await (await RecordAsync(patientId, new { code = "14682-9", value = 48.6, unit = "µmol/L", observedAt = drawn })).ExpectAsync(HttpStatusCode.OK);
        await (await RecordAsync(patientId, new { code = "2160-0", value = 0.55, unit = "mg/dL" })).ExpectAsync(HttpStatusCode.OK);
        await (await RecordAsync(patientId, new { code = "62292-8", value = 75, unit = "nmol/L" })).ExpectAsync(HttpStatusCode.OK);
        await (await RecordAsync(patientId, new { code = "LOCAL-NTX", value = 42, unit = "nmol BCE/mmol" })).ExpectAsync(HttpStatusCode.OK);

        var labs = (await LabsAsync(patientId)).ToDictionary(l => l.Str("code"));
        Assert.Equal((48.6m, "µmol/L"), (labs["14682-9"]["value"]!.GetValue<decimal>(), labs["14682-9"].Str("unit")));
        Assert.Equal(drawn, labs["14682-9"]["observedAt"]!.GetValue<DateTimeOffset>());
        // As written, on every provider (PostgreSQL's numeric(18,6) would otherwise answer 0.550000).
        Assert.Equal(("0.55", "mg/dL"), (labs["2160-0"]["value"]!.ToJsonString(), labs["2160-0"].Str("unit")));
        Assert.Equal((75m, "nmol/L"), (labs["62292-8"]["value"]!.GetValue<decimal>(), labs["62292-8"].Str("unit")));
        Assert.Equal((42m, "nmol BCE/mmol"), (labs["LOCAL-NTX"]["value"]!.GetValue<decimal>(), labs["LOCAL-NTX"].Str("unit")));
        // Named from the lab catalog where it knows the code; a local code is its own name.
        Assert.Equal(("creatinine", "creatinine", "LOCAL-NTX"), (labs["2160-0"].Str("name"), labs["14682-9"].Str("name"), labs["LOCAL-NTX"].Str("name")));
    }
}

public sealed class SqliteLabRecordingTests(SqliteAppFactory factory) : LabRecordingTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresLabRecordingTests(PostgresAppFactory factory) : LabRecordingTests(factory), IClassFixture<PostgresAppFactory>;
