using System.Net;
using System.Text.Json.Nodes;
using CarePathway.Server.Tests.Fhir;
using CarePathway.Server.Tests.Infrastructure;
using CarePathway.Server.Tests.Security;

namespace CarePathway.Server.Tests.Services;

/// <summary>
/// Who sees which patient (issue 12 item 6): a clinician of the bone clinic sees the bone clinic's patients in every
/// list (patients, worklist and its counts, pathways, FHIR searches) and is refused another service's patient with a
/// 403 that says the glass can be broken; the refusal is audited.
/// </summary>
public abstract class PatientScopeTests(CarePathwayAppFactory factory)
{
    private readonly CarePathwayApi api = CarePathwayApi.For(factory);

    private readonly ServiceStaff staff = new(CarePathwayApi.For(factory));

    private Task<(HttpClient Client, string UserName)> BoneClinicianAsync() => staff.BoneClinicianAsync();

    private Task<(Guid PatientId, Guid InstanceId, string Mrn)> PatientOnPathwayAsync(string service, string familyName) => staff.PatientOnPathwayAsync(service, familyName);

    [Fact]
    public async Task A_clinician_sees_only_their_services_patients_in_every_list()
    {
        var family = "Scope" + Guid.NewGuid().ToString("N")[..6];
        var bone = await PatientOnPathwayAsync("bone-clinic", family);
        var pain = await PatientOnPathwayAsync("pain-clinic", family);
        var (clinician, _) = await BoneClinicianAsync();

        Assert.Equal([bone.PatientId], (await clinician.GetJsonAsync($"/api/patients?search={family}")).Items().Select(p => p.Id()));
        Assert.Equal(2, (await (await api.Coordinator).GetJsonAsync($"/api/patients?search={family}")).Items().Count);

        var tasks = (await clinician.GetJsonAsync($"/api/tasks?view=all&patient={family}&pageSize=200")).Items();
        Assert.NotEmpty(tasks);
        Assert.All(tasks, t => Assert.Equal(bone.PatientId, t.Id("patientId")));
        var counts = await clinician.GetJsonAsync($"/api/tasks/counts?patient={family}");
        var coordinatorCounts = await (await api.Coordinator).GetJsonAsync($"/api/tasks/counts?patient={family}");
        Assert.Equal(tasks.Count, AllCount(counts));
        Assert.True(AllCount(coordinatorCounts) > AllCount(counts), "the coordinator holds every service and counts both patients' tasks");

        Assert.Empty((await clinician.GetJsonAsync($"/api/instances?patientId={pain.PatientId}")).Items());
        Assert.Single((await clinician.GetJsonAsync($"/api/instances?patientId={bone.PatientId}")).Items());

        Assert.Empty((await clinician.SearchAsync($"Patient?patient.identifier={FhirHttp.MrnSystem}|{pain.Mrn}")).Entry);
        Assert.Single((await clinician.SearchAsync($"Patient?patient.identifier={FhirHttp.MrnSystem}|{bone.Mrn}")).Entry);
        var fhirTasks = await clinician.SearchAsync($"Task?patient={pain.PatientId}");
        Assert.Empty(fhirTasks.Entry);
        Assert.NotEmpty((await clinician.SearchAsync($"Task?patient={bone.PatientId}")).Entry);
    }

    [Fact]
    public async Task One_patient_outside_the_services_is_a_403_saying_the_glass_can_be_broken_and_is_audited()
    {
        var pain = await PatientOnPathwayAsync("pain-clinic", "Other");
        var (clinician, name) = await BoneClinicianAsync();
        var painTask = (await (await api.Coordinator).GetJsonAsync($"/api/tasks?view=all&patientId={pain.PatientId}")).Items()[0].Id();

        foreach (var refused in new[]
        {
            await clinician.GetAsync($"/api/patients/{pain.PatientId}"),
            await clinician.GetAsync($"/api/patients/{pain.PatientId}/eligible-pathways"),
            await clinician.PostJsonAsync($"/api/patients/{pain.PatientId}/assessments", new { name = "pain", value = "3" }),
            await clinician.GetAsync($"/api/instances/{pain.InstanceId}"),
            await clinician.GetAsync($"/api/instances/{pain.InstanceId}/plan"),
            await clinician.PostJsonAsync($"/api/instances/{pain.InstanceId}/suspend", new { reason = "no" }),
            await clinician.GetAsync($"/api/tasks/{painTask}"),
            await clinician.PostAsync($"/api/tasks/{painTask}/claim", null),
            await clinician.PostJsonAsync("/api/instances", new { definitionId = CarePathwayApi.Sample, patientId = pain.PatientId }),
        })
        {
            var problem = await refused.ExpectProblemAsync(HttpStatusCode.Forbidden);
            Assert.Equal("urn:carepathway:problem:break-the-glass", problem.Str("type"));
            Assert.Equal(pain.PatientId, problem.Id("patientId"));
        }

        var audit = await (await api.Administrator).GetJsonAsync($"/api/audit?userName={name}&action=patient.access-refused&targetId={pain.PatientId}");
        Assert.Equal(9, audit.Items().Count);
        // Nothing was done on the way: the pathway still runs.
        Assert.Equal("running", (await api.InstanceAsync(pain.InstanceId))["instance"].Str("status"));
    }

    /// <summary>
    /// FHIR clients are read-only integrations that cannot offer to break the glass: another service's patient and
    /// their tasks read as not found, the way a search leaves them out (FHIR lets a server hide what a client may not know).
    /// </summary>
    [Fact]
    public async Task Over_FHIR_another_services_patient_and_their_tasks_read_as_not_found()
    {
        var pain = await PatientOnPathwayAsync("pain-clinic", "Hidden");
        var bone = await PatientOnPathwayAsync("bone-clinic", "Shown");
        var (clinician, _) = await BoneClinicianAsync();
        var painTask = (await (await api.Coordinator).GetJsonAsync($"/api/tasks?view=all&patientId={pain.PatientId}")).Items()[0].Id();

        await (await clinician.GetAsync($"/fhir/Patient/{pain.PatientId}")).ExpectOutcomeAsync(HttpStatusCode.NotFound);
        await (await clinician.GetAsync($"/fhir/Task/{painTask}")).ExpectOutcomeAsync(HttpStatusCode.NotFound);
        Assert.Equal(bone.Mrn, (await (await clinician.GetAsync($"/fhir/Patient/{bone.PatientId}")).ExpectFhirAsync<Hl7.Fhir.Model.Patient>(HttpStatusCode.OK))
            .Identifier.Single(i => i.System == FhirHttp.MrnSystem).Value);
        await (await (await api.Coordinator).GetAsync($"/fhir/Patient/{pain.PatientId}")).ExpectFhirAsync<Hl7.Fhir.Model.Patient>(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_service_given_later_opens_its_patients_at_the_next_request()
    {
        var pain = await PatientOnPathwayAsync("pain-clinic", "Later");
        var (clinician, name) = await BoneClinicianAsync();
        await (await clinician.GetAsync($"/api/patients/{pain.PatientId}")).ExpectProblemAsync(HttpStatusCode.Forbidden);

        var admin = await api.Administrator;
        var id = (await admin.GetJsonAsync("/api/accounts")).AsArray().Single(a => a.Str("userName") == name).Str("id");
        await (await admin.PutJsonAsync($"/api/accounts/{id}/services", new { services = AccountTests.RoleList("bone-clinic", "pain-clinic") })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(pain.Mrn, (await clinician.GetJsonAsync($"/api/patients/{pain.PatientId}")).Str("mrn"));
    }

    private static int AllCount(JsonNode counts) => counts["views"]!.AsArray().Single(v => v.Str("view") == "all")!["count"]!.GetValue<int>();
}

public sealed class SqlitePatientScopeTests(SqliteAppFactory factory) : PatientScopeTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresPatientScopeTests(PostgresAppFactory factory) : PatientScopeTests(factory), IClassFixture<PostgresAppFactory>;
