using System.Net;
using System.Text.Json.Nodes;
using CarePathway.Server.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace CarePathway.Server.Tests.Fhir;

/// <summary>
/// A CRMO pamidronate course whose every lab result arrives from the laboratory's own client (client credentials,
/// scope <c>labs:write</c>) as a FHIR transaction
/// bundle: the baseline work-up; a preliminary creatinine that passes no gate; its final value, which holds the gate;
/// the laboratory's correction, which replaces it and passes the gate; then the EHR reads the CarePlan, Tasks,
/// MedicationAdministration, PlanDefinition and Provenance back, each valid against the R4 base profiles.
/// </summary>
public abstract class FhirCrmoCourseTests(CarePathwayAppFactory factory)
{
    [Fact]
    public async Task Every_lab_arrives_as_a_fhir_transaction_the_gate_holds_and_passes_on_them_and_the_ehr_reads_the_course_back()
    {
        // The laboratory and the EHR are machine clients of the hospital's identity provider, each with its own scope.
        await using var provider = await TestIdentityProvider.StartAsync();
        var node = provider.Configure(factory.OnSameDatabase());
        await node.RunAsync(async server =>
        {
            await DriveCourseAsync(CarePathwayApi.For(server), provider);
            return 0;
        });
    }

    private static async Task DriveCourseAsync(CarePathwayApi api, TestIdentityProvider provider)
    {
        var course = new CrmoCourse(api);
        var lab = await provider.MachineClientAsync(api, TestIdentityProvider.LabFeedId, "labs:write");
        var clinician = await api.Clinician;
        var patientId = await course.CreatePatientAsync();
        var mrn = (await (await api.Coordinator).GetJsonAsync($"/api/patients/{patientId}")).Str("mrn");

        var drawn = DateTimeOffset.UtcNow.AddHours(-1);
        await SendAsync(lab, FhirHttp.Lab(mrn, "2160-0", 0.55m, "mg/dL", drawn), FhirHttp.Lab(mrn, "17861-6", 9.4m, "mg/dL", drawn),
            FhirHttp.Lab(mrn, "29265-6", 2.35m, "mmol/L", drawn), FhirHttp.Lab(mrn, "62292-8", 30m, "ng/mL", drawn));
        // A held gate looks at the labs again after renalRecheckAfter: seconds here, so the correction is read soon.
        var instanceId = (await api.StartAsync(patientId, new JsonObject
        {
            ["cycleDayGap"] = "6min", ["sameDayWindow"] = "5min", ["minInfusionTime"] = CrmoCourse.InstantInfusion, ["renalRecheckAfter"] = "10s",
        }, CrmoCourse.DefinitionId)).Id();
        await course.ApproveEscalationAsync(instanceId);
        await course.OpenTaskAsync(instanceId, "pre-infusion");

        // A preliminary creatinine is kept but read by no rule: the gate still has no fresh creatinine.
        var accession = "cr-" + Guid.NewGuid().ToString("N");
        await SendAsync(lab, FhirHttp.Lab(mrn, "29265-6", 2.35m, "mmol/L"), FhirHttp.Lab(mrn, "2160-0", 0.56m, "mg/dL", accession: accession, status: ObservationStatus.Preliminary));
        Assert.DoesNotContain(await api.JournalAsync(instanceId), e => e.Str("type") == "gate.passed" && e.Str("activityId") == "pre-infusion");
        Assert.DoesNotContain(await api.OpenTasksAsync(instanceId), t => t.Str("activityId") == "approve");
        var labs = (await (await api.Coordinator).GetJsonAsync($"/api/patients/{patientId}"))["labs"]!.AsArray();
        Assert.True(Assert.Single(labs, l => l!["value"]!.GetValue<decimal>() == 0.56m)!["preliminary"]!.GetValue<bool>());
        Assert.All(labs, l => Assert.Equal("client:lab-feed", l!.Str("recordedBy")));

        // Its final value is more than 10% above baseline: the gate holds on it.
        var final = FhirHttp.Lab(mrn, "2160-0", 0.80m, "mg/dL", accession: accession);
        await SendAsync(lab, final);
        await api.WaitForJournalAsync(instanceId, "gate.held", "pre-infusion");

        // The laboratory corrects it: the corrected value replaces it (the first is withdrawn), and the gate's recheck passes on it.
        var corrected = (Observation)final.DeepCopy();
        corrected.Status = ObservationStatus.Corrected;
        corrected.Meta = new Meta { VersionId = "2" };
        corrected.Value = new Quantity { Value = 0.56m, Unit = "mg/dL", System = "http://unitsofmeasure.org", Code = "mg/dL" };
        await SendAsync(lab, corrected);
        var approval = await course.OpenTaskAsync(instanceId, "approve", clinician);
        await (await CrmoCourse.CompleteAsync(clinician, approval, "approved")).ExpectAsync(HttpStatusCode.OK);
        var give = await course.OpenTaskAsync(instanceId, "give");
        await (await CrmoCourse.CompleteAsync(await api.Coordinator, give, "given", CrmoCourse.Given(36m, 0, CrmoCourse.MinutesAgo(0)))).ExpectAsync(HttpStatusCode.OK);

        // The EHR's side: what the pathway planned and did, by the patient's MRN.
        var ehr = await provider.MachineClientAsync(api, TestIdentityProvider.EhrReaderId, "patients:read");
        var byPatient = $"patient.identifier={FhirHttp.MrnSystem}|{mrn}";
        var carePlan = Assert.IsType<CarePlan>(Assert.Single((await ehr.SearchAsync($"CarePlan?{byPatient}&status=active")).Entry).Resource);
        Assert.Equal(instanceId.ToString(), carePlan.Id);
        Assert.Contains(carePlan.Activity, a => a.Detail!.Status == CarePlan.CarePlanActivityStatus.Completed && a.Detail.Code!.Text == "infusion-approval");
        var tasks = (await ehr.SearchAsync($"Task?{byPatient}")).Entry.Select(e => Assert.IsType<Hl7.Fhir.Model.Task>(e.Resource)).ToList();
        Assert.Contains(tasks, t => t.Status == Hl7.Fhir.Model.Task.TaskStatus.Completed && t.BusinessStatus?.Text == "approved" && t.Owner?.Display == "clinician");
        Assert.Empty((await ehr.SearchAsync($"Task?{byPatient}&status=completed&_lastUpdated=gt{Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(5).ToString("O"))}")).Entry);
        var given = Assert.IsType<MedicationAdministration>(Assert.Single((await ehr.SearchAsync($"MedicationAdministration?{byPatient}")).Entry).Resource);
        Assert.Equal((36m, "mg"), (given.Dosage!.Dose!.Value, given.Dosage.Dose.Unit));
        Assert.Equal("coordinator", given.Performer[0].Actor!.Display);
        var decisions = (await ehr.SearchAsync($"Provenance?{byPatient}")).Entry.Select(e => Assert.IsType<Provenance>(e.Resource)).ToList();
        Assert.Contains(decisions, p => p.Activity!.Text == "infusion-approval: approved" && p.Agent[0].Who!.Display == "clinician");
        var plans = (await ehr.SearchAsync("PlanDefinition?status=active")).Entry.Select(e => e.Resource!).ToList();
        Assert.Contains(plans, p => p.Id == CarePlanDefinition(carePlan));
        var patient = await (await ehr.GetAsync($"/fhir/Patient/{patientId}")).ExpectFhirAsync<Patient>(HttpStatusCode.OK);
        var results = (await ehr.SearchAsync($"Observation?{byPatient}")).Entry.Select(e => Assert.IsType<Observation>(e.Resource)).ToList();
        var creatinines = results.Where(o => o.Identifier.Any(i => i.Value == accession)).ToList();
        // The preliminary and the final value were each replaced (withdrawn); the correction stands.
        Assert.Equal([ObservationStatus.Corrected, ObservationStatus.EnteredInError, ObservationStatus.EnteredInError], creatinines.Select(o => o.Status).Order());

        // Every resource the product emitted for the course validates against the R4 base profiles.
        foreach (var resource in new Resource[] { carePlan, given, patient }.Concat(results).Concat(tasks).Concat(decisions).Concat(plans))
            FhirHttp.AssertValid(resource);
        FhirHttp.AssertValid(await (await ehr.GetAsync($"/fhir/MedicationAdministration/{given.Id}")).ExpectFhirAsync<MedicationAdministration>(HttpStatusCode.OK));
    }

    private static string CarePlanDefinition(CarePlan carePlan)
    {
        var canonical = carePlan.InstantiatesCanonical.Single()!;
        var (name, version) = (canonical[(canonical.LastIndexOf(':') + 1)..canonical.IndexOf('|')], canonical[(canonical.IndexOf('|') + 1)..]);
        return $"{name}-v{version}";
    }

    private static async Task SendAsync(HttpClient lab, params Resource[] results)
    {
        var answer = await (await lab.PostFhirAsync("/fhir", FhirHttp.Transaction(results))).ExpectFhirAsync<Bundle>(HttpStatusCode.OK);
        Assert.All(answer.Entry, e => Assert.StartsWith("20", e.Response!.Status!, StringComparison.Ordinal));
    }
}

public sealed class SqliteFhirCrmoCourseTests(SqliteAppFactory factory) : FhirCrmoCourseTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresFhirCrmoCourseTests(PostgresAppFactory factory) : FhirCrmoCourseTests(factory), IClassFixture<PostgresAppFactory>;
