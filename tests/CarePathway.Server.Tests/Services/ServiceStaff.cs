using System.Net;
using System.Text.Json.Nodes;
using CarePathway.Server.Tests.Infrastructure;
using CarePathway.Server.Tests.Security;

namespace CarePathway.Server.Tests.Services;

/// <summary>The services tests' people and patients: a clinician of the bone clinic only, and patients of a given service on the sample pathway.</summary>
public sealed class ServiceStaff(CarePathwayApi api)
{
    public async Task<(HttpClient Client, string UserName)> BoneClinicianAsync()
    {
        var name = AccountTests.NewName("bone");
        await (await (await api.Administrator).PostJsonAsync("/api/accounts",
            new { userName = name, password = AccountTests.GoodPassword, roles = AccountTests.RoleList("clinician"), services = AccountTests.RoleList("bone-clinic") }))
            .ExpectAsync(HttpStatusCode.Created);
        return (await api.SignInAsync(name, AccountTests.GoodPassword), name);
    }

    public async Task<(Guid PatientId, Guid InstanceId, string Mrn)> PatientOnPathwayAsync(string service, string familyName)
    {
        var body = CarePathwayApi.NewPatientJson(p =>
        {
            p["service"] = service;
            p["familyName"] = familyName;
            p["facts"] = new JsonObject { ["vertebralLesion"] = true };
        });
        var patient = await (await (await api.Coordinator).PostJsonAsync("/api/patients", body)).ExpectAsync(HttpStatusCode.Created);
        var instance = await api.StartAsync(patient.Id(), new JsonObject { ["followUpAfter"] = "1d" });
        return (patient.Id(), instance.Id(), patient.Str("mrn"));
    }
}
