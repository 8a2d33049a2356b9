using System.Net;
using System.Text;
using CarePathway.Server.Security;
using CarePathway.Server.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace CarePathway.Server.Tests.Fhir;

/// <summary>
/// Laboratory results and patients arriving over FHIR: each bad bundle refused with an OperationOutcome naming the
/// element and storing nothing (a transaction) or failing alone (a batch); the same bundle twice changing nothing;
/// statuses honoured; patients created and updated by MRN.
/// </summary>
public abstract class FhirIntakeTests(CarePathwayAppFactory factory)
{
    private readonly CarePathwayApi api = CarePathwayApi.For(factory);

    private Task<HttpClient> Lab => api.UserInRoleAsync("lab-interface", Roles.Coordinator);

    private async Task<(Guid Id, string Mrn)> PatientAsync()
    {
        var id = await api.CreatePatientAsync();
        return (id, (await (await api.Coordinator).GetJsonAsync($"/api/patients/{id}")).Str("mrn"));
    }

    private async Task<int> LabCountAsync(Guid patientId) => (await (await api.Coordinator).GetJsonAsync($"/api/patients/{patientId}"))["labs"]!.AsArray().Count;

    [Fact]
    public async Task A_transaction_panel_is_stored_as_typed_in_labs_and_the_same_bundle_again_changes_nothing()
    {
        var (id, mrn) = await PatientAsync();
        var panel = FhirHttp.Transaction(FhirHttp.Lab(mrn, "2160-0", 0.55m, "mg/dL"), FhirHttp.Lab(mrn, "14682-9", 50m, "umol/L"), FhirHttp.Lab(mrn, "29265-6", 2.35m, "mmol/L"));
        var lab = await Lab;
        var answer = await (await lab.PostFhirAsync("/fhir", panel)).ExpectFhirAsync<Bundle>(HttpStatusCode.OK);
        Assert.Equal(Bundle.BundleType.TransactionResponse, answer.Type);
        Assert.All(answer.Entry, e => Assert.Equal("201 Created", e.Response!.Status));

        var labs = (await (await api.Coordinator).GetJsonAsync($"/api/patients/{id}"))["labs"]!.AsArray();
        Assert.Equal(3, labs.Count);
        Assert.Contains(labs, l => l!.Str("code") == "14682-9" && l.Str("unit") == "umol/L" && l.Str("recordedBy") == "lab-interface");

        var again = await (await lab.PostFhirAsync("/fhir", panel)).ExpectFhirAsync<Bundle>(HttpStatusCode.OK);
        Assert.All(again.Entry, e => Assert.Equal("200 OK", e.Response!.Status));
        Assert.Equal(3, await LabCountAsync(id));
    }

    [Fact]
    public async Task An_unknown_code_refuses_the_whole_transaction_naming_the_entry_s_code()
    {
        var (id, mrn) = await PatientAsync();
        var response = await (await Lab).PostFhirAsync("/fhir", FhirHttp.Transaction(FhirHttp.Lab(mrn, "2160-0", 0.55m, "mg/dL"), FhirHttp.Lab(mrn, "99999-9", 1m, "mg/dL")));
        await response.ExpectOutcomeAsync(HttpStatusCode.UnprocessableEntity, "Bundle.entry[1].resource.code");
        Assert.Equal(0, await LabCountAsync(id));
    }

    [Fact]
    public async Task A_unit_the_code_does_not_use_is_refused_on_the_quantity_s_code()
    {
        var (id, mrn) = await PatientAsync();
        var response = await (await Lab).PostFhirAsync("/fhir", FhirHttp.Transaction(FhirHttp.Lab(mrn, "2160-0", 0.55m, "mg/L")));
        await response.ExpectOutcomeAsync(HttpStatusCode.UnprocessableEntity, "Bundle.entry[0].resource.valueQuantity.code");
        Assert.Equal(0, await LabCountAsync(id));
    }

    [Fact]
    public async Task A_result_without_a_subject_is_refused_on_the_subject()
    {
        var (id, mrn) = await PatientAsync();
        var orphan = FhirHttp.Lab(mrn, "2160-0", 0.55m, "mg/dL");
        orphan.Subject = null;
        var response = await (await Lab).PostFhirAsync("/fhir", FhirHttp.Transaction(FhirHttp.Lab(mrn, "17861-6", 9.4m, "mg/dL"), orphan));
        await response.ExpectOutcomeAsync(HttpStatusCode.UnprocessableEntity, "Bundle.entry[1].resource.subject");
        Assert.Equal(0, await LabCountAsync(id));
    }

    [Fact]
    public async Task Malformed_json_is_a_400_outcome()
    {
        var response = await (await Lab).PostAsync("/fhir", FhirHttp.Content("""{"resourceType":"Bundle","type":"transaction","entry":[{"resource":"""));
        await response.ExpectOutcomeAsync(HttpStatusCode.BadRequest);
        var unknownElement = await (await Lab).PostAsync("/fhir", FhirHttp.Content("""{"resourceType":"Bundle","type":"transaction","colour":"red"}"""));
        await unknownElement.ExpectOutcomeAsync(HttpStatusCode.BadRequest, "Bundle.colour");
    }

    [Fact]
    public async Task A_10_MB_bundle_is_refused_as_too_large_and_stores_nothing()
    {
        var (id, mrn) = await PatientAsync();
        var panel = FhirHttp.Transaction(FhirHttp.Lab(mrn, "2160-0", 0.55m, "mg/dL"));
        panel.Entry[0].Resource!.Meta = new Meta { Tag = [new Coding("urn:padding", new string('x', 10 * 1024 * 1024))] };
        var response = await (await Lab).PostFhirAsync("/fhir", panel);
        await response.ExpectOutcomeAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, await LabCountAsync(id));
    }

    [Fact]
    public async Task A_batch_stores_its_good_entries_and_answers_each_bad_one_with_its_outcome()
    {
        var (id, mrn) = await PatientAsync();
        var answer = await (await (await Lab).PostFhirAsync("/fhir", FhirHttp.Batch(FhirHttp.Lab(mrn, "2160-0", 0.55m, "mg/dL"), FhirHttp.Lab(mrn, "2160-0", 0.55m, "g/L"))))
            .ExpectFhirAsync<Bundle>(HttpStatusCode.OK);
        Assert.Equal(["201 Created", "422"], answer.Entry.Select(e => e.Response!.Status));
        Assert.Contains(answer.Entry[1].Response!.Outcome is OperationOutcome o ? o.Issue : [], i => i.Expression.Contains("Observation.valueQuantity.code"));
        Assert.Equal(1, await LabCountAsync(id));
    }

    [Fact]
    public async Task Entered_in_error_withdraws_the_result_and_a_corrected_one_replaces_it()
    {
        var (id, mrn) = await PatientAsync();
        var lab = await Lab;
        var first = FhirHttp.Lab(mrn, "2160-0", 5.5m, "mg/dL", accession: "acc-" + Guid.NewGuid().ToString("N"));
        await (await lab.PostFhirAsync("/fhir/Observation", first)).ExpectFhirAsync<OperationOutcome>(HttpStatusCode.Created);

        var corrected = (Observation)first.DeepCopy();
        corrected.Status = ObservationStatus.Corrected;
        corrected.Value = new Quantity { Value = 0.55m, Unit = "mg/dL", System = "http://unitsofmeasure.org", Code = "mg/dL" };
        await (await lab.PostFhirAsync("/fhir/Observation", corrected)).ExpectFhirAsync<OperationOutcome>(HttpStatusCode.OK);
        var labs = (await (await api.Coordinator).GetJsonAsync($"/api/patients/{id}"))["labs"]!.AsArray();
        Assert.Equal(2, labs.Count);
        Assert.NotNull(Assert.Single(labs, l => l!["value"]!.GetValue<decimal>() == 5.5m)!["enteredInError"]);
        Assert.Null(Assert.Single(labs, l => l!["value"]!.GetValue<decimal>() == 0.55m)!["enteredInError"]);

        var withdrawn = (Observation)corrected.DeepCopy();
        withdrawn.Status = ObservationStatus.EnteredInError;
        withdrawn.Value = null;
        await (await lab.PostFhirAsync("/fhir/Observation", withdrawn)).ExpectFhirAsync<OperationOutcome>(HttpStatusCode.OK);
        labs = (await (await api.Coordinator).GetJsonAsync($"/api/patients/{id}"))["labs"]!.AsArray();
        Assert.All(labs, l => Assert.NotNull(l!["enteredInError"]));
    }

    [Fact]
    public async Task A_conditional_create_of_an_identifier_received_already_changes_nothing()
    {
        var (id, mrn) = await PatientAsync();
        var lab = await Lab;
        var first = FhirHttp.Lab(mrn, "2160-0", 0.55m, "mg/dL");
        await (await lab.PostFhirAsync("/fhir/Observation", first)).ExpectFhirAsync<OperationOutcome>(HttpStatusCode.Created);
        var changed = (Observation)first.DeepCopy();
        changed.Value = new Quantity { Value = 0.6m, Unit = "mg/dL", System = "http://unitsofmeasure.org", Code = "mg/dL" };
        var identifier = $"{first.Identifier[0].System}|{first.Identifier[0].Value}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/fhir/Observation") { Content = FhirHttp.Content(FhirHttp.Json(changed)) };
        request.Headers.Add("If-None-Exist", "identifier=" + identifier);
        await (await lab.SendAsync(request)).ExpectFhirAsync<OperationOutcome>(HttpStatusCode.OK);
        Assert.Equal(1, await LabCountAsync(id));
    }

    [Fact]
    public async Task A_patient_is_created_then_updated_by_mrn_and_observations_may_name_it_in_the_same_transaction()
    {
        var mrn = "MRN-" + Guid.NewGuid().ToString("N")[..10];
        var patient = new Patient
        {
            Identifier = [new Identifier(FhirHttp.MrnSystem, mrn)],
            Name = [new HumanName { Family = "Lovelace", Given = ["Ada"] }],
            Gender = AdministrativeGender.Female,
            BirthDate = "2014-03-02",
        };
        var weight = FhirHttp.Lab(mrn, "29463-7", 36m, "kg");
        var bundle = FhirHttp.Transaction(patient, weight);
        weight.Subject = new ResourceReference(bundle.Entry[0].FullUrl);
        var lab = await Lab;
        var answer = await (await lab.PostFhirAsync("/fhir", bundle)).ExpectFhirAsync<Bundle>(HttpStatusCode.OK);
        var patientId = Guid.Parse(answer.Entry[0].Response!.Location!.Split('/')[1]);
        var detail = await (await api.Coordinator).GetJsonAsync($"/api/patients/{patientId}");
        Assert.Equal(("Ada", "Lovelace", "2014-03-02", "female"), (detail.Str("givenName"), detail.Str("familyName"), detail.Str("birthDate"), detail.Str("sex")));
        Assert.Contains(detail["measurements"]!.AsArray(), m => m!.Str("kind") == "weight" && m!["value"]!.GetValue<decimal>() == 36m);

        patient.Name[0].Family = "King";
        await (await lab.PostFhirAsync("/fhir/Patient", patient)).ExpectFhirAsync<OperationOutcome>(HttpStatusCode.OK);
        Assert.Equal("King", (await (await api.Coordinator).GetJsonAsync($"/api/patients/{patientId}")).Str("familyName"));
        var read = await (await lab.GetAsync($"/fhir/Patient/{patientId}")).ExpectFhirAsync<Patient>(HttpStatusCode.OK);
        Assert.Equal("King", read.Name[0].Family);
        FhirHttp.AssertValid(read);
    }

    [Fact]
    public async Task A_conditional_update_must_name_the_resource_s_own_identifier_and_a_search_refuses_parameters_it_does_not_know()
    {
        var (_, mrn) = await PatientAsync();
        var patient = new Patient { Identifier = [new Identifier(FhirHttp.MrnSystem, mrn)], Name = [new HumanName { Family = "Test", Given = ["Ada"] }], Gender = AdministrativeGender.Female, BirthDate = "2014-01-05" };
        var lab = await Lab;
        var elsewhere = await lab.PutAsync($"/fhir/Patient?identifier={Uri.EscapeDataString($"{FhirHttp.MrnSystem}|another-{mrn}")}", FhirHttp.Content(FhirHttp.Json(patient)));
        await elsewhere.ExpectOutcomeAsync(HttpStatusCode.UnprocessableEntity, "Patient.identifier");
        var same = await lab.PutAsync($"/fhir/Patient?identifier={Uri.EscapeDataString($"{FhirHttp.MrnSystem}|{mrn}")}", FhirHttp.Content(FhirHttp.Json(patient)));
        await same.ExpectFhirAsync<OperationOutcome>(HttpStatusCode.OK);

        await (await lab.GetAsync("/fhir/CarePlan?subject=Patient/x")).ExpectOutcomeAsync(HttpStatusCode.BadRequest, "subject");
        await (await lab.GetAsync("/fhir/CarePlan?_lastUpdated=yesterday")).ExpectOutcomeAsync(HttpStatusCode.BadRequest, "_lastUpdated");
        await (await lab.GetAsync("/fhir/Encounter/1")).ExpectOutcomeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Administrators_may_not_write_and_the_capability_statement_is_valid()
    {
        var (_, mrn) = await PatientAsync();
        var refused = await (await api.Administrator).PostFhirAsync("/fhir", FhirHttp.Transaction(FhirHttp.Lab(mrn, "2160-0", 0.55m, "mg/dL")));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Anonymous().PostFhirAsync("/fhir", FhirHttp.Transaction())).StatusCode);

        var statement = await (await api.Anonymous().GetAsync("/fhir/metadata")).ExpectFhirAsync<CapabilityStatement>(HttpStatusCode.OK);
        // Observation and Patient are written and read; the rest are read.
        Assert.Equal(["Observation", "Patient", "CarePlan", "Task", "MedicationAdministration", "PlanDefinition", "Provenance"], statement.Rest[0].Resource.Select(r => r.Type));
        Assert.Contains(statement.Rest[0].Resource[0].Interaction, i => i.Code == CapabilityStatement.TypeRestfulInteraction.Read);
        FhirHttp.AssertValid(statement);
    }
}

public sealed class SqliteFhirIntakeTests(SqliteAppFactory factory) : FhirIntakeTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresFhirIntakeTests(PostgresAppFactory factory) : FhirIntakeTests(factory), IClassFixture<PostgresAppFactory>;
