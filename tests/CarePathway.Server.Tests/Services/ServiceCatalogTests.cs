using System.Net;
using System.Text.Json.Nodes;
using CarePathway.Server.Tests.Infrastructure;
using CarePathway.Server.Tests.Security;

namespace CarePathway.Server.Tests.Services;

/// <summary>
/// Services (issue 12 item 6): administrators keep the catalog and say which services a user holds; every patient
/// belongs to one, required when it is registered through the API or FHIR.
/// </summary>
public abstract class ServiceCatalogTests(CarePathwayAppFactory factory)
{
    private readonly CarePathwayApi api = CarePathwayApi.For(factory);

    private static string[] Codes(JsonNode? list) => [.. list!.AsArray().Select(s => s!.GetValue<string>())];

    [Fact]
    public async Task The_demo_has_the_three_services_and_general_and_administrators_add_and_rename_one()
    {
        var services = (await (await api.Clinician).GetJsonAsync("/api/services")).AsArray();
        Assert.Equal(["bone-clinic", "general", "paediatric-rheumatology", "pain-clinic"], services.Select(s => s.Str("code")).Order(StringComparer.Ordinal));

        var admin = await api.Administrator;
        var code = "svc-" + Guid.NewGuid().ToString("N")[..8];
        var created = await (await admin.PostJsonAsync("/api/services", new { code, displayName = "Metabolic bone" })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("Metabolic bone", created.Str("displayName"));
        await (await admin.PostJsonAsync("/api/services", new { code, displayName = "Again" })).ExpectProblemAsync(HttpStatusCode.Conflict);
        await (await admin.PostJsonAsync("/api/services", new { code = "Bone Clinic", displayName = "x" })).ExpectProblemAsync(HttpStatusCode.BadRequest, "code");
        await (await admin.PostJsonAsync("/api/services", new { code = "x-" + code, displayName = " " })).ExpectProblemAsync(HttpStatusCode.BadRequest, "displayName");
        var renamed = await (await admin.PutJsonAsync($"/api/services/{code}", new { displayName = "Metabolic bone clinic" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Metabolic bone clinic", renamed.Str("displayName"));
        await (await admin.PutJsonAsync("/api/services/no-such", new { displayName = "x" })).ExpectProblemAsync(HttpStatusCode.NotFound);

        await (await (await api.Clinician).PostJsonAsync("/api/services", new { code = "x" + code, displayName = "x" })).ExpectProblemAsync(HttpStatusCode.Forbidden);
        var audit = await admin.GetJsonAsync($"/api/audit?action=service.&targetId={code}");
        Assert.Equal(["service.rename", "service.create"], audit.Items().Where(e => e["succeeded"]!.GetValue<bool>()).Select(e => e.Str("action")));
    }

    [Fact]
    public async Task A_patient_needs_a_known_service_and_shows_it()
    {
        var coordinator = await api.Coordinator;
        await (await coordinator.PostJsonAsync("/api/patients", CarePathwayApi.NewPatientJson(p => p.Remove("service"))))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "service");
        await (await coordinator.PostJsonAsync("/api/patients", CarePathwayApi.NewPatientJson(p => p["service"] = "cardiology")))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "service");

        var created = await (await coordinator.PostJsonAsync("/api/patients", CarePathwayApi.NewPatientJson(p => p["service"] = "bone-clinic"))).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("bone-clinic", created.Str("service"));
        Assert.Equal("bone-clinic", (await coordinator.GetJsonAsync($"/api/patients/{created.Id()}")).Str("service"));
    }

    [Fact]
    public async Task Administrators_set_a_users_services_which_are_audited_as_an_account_change()
    {
        var admin = await api.Administrator;
        var name = AccountTests.NewName("svc");
        var account = await (await admin.PostJsonAsync("/api/accounts",
            new { userName = name, password = AccountTests.GoodPassword, roles = AccountTests.RoleList("clinician"), services = AccountTests.RoleList("pain-clinic") })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(["pain-clinic"], Codes(account["services"]));
        var id = account.Str("id");

        var changed = await (await admin.PutJsonAsync($"/api/accounts/{id}/services", new { services = AccountTests.RoleList("bone-clinic", "pain-clinic", "bone-clinic") })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["bone-clinic", "pain-clinic"], Codes(changed["services"]));
        Assert.Equal(["bone-clinic", "pain-clinic"], Codes((await admin.GetJsonAsync($"/api/accounts/{id}"))["services"]));
        await (await admin.PutJsonAsync($"/api/accounts/{id}/services", new { services = AccountTests.RoleList("cardiology") })).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "services");
        await (await admin.PutJsonAsync($"/api/accounts/{id}/services", new { })).ExpectProblemAsync(HttpStatusCode.BadRequest, "services");
        // A null among the codes (the fuzz test's find) is named by its place, not a 500.
        await (await admin.PutJsonAsync($"/api/accounts/{id}/services", new { services = new string?[] { "cardiology", null } })).ExpectProblemAsync(HttpStatusCode.BadRequest, "services[1]");
        await (await (await api.Coordinator).PutJsonAsync($"/api/accounts/{id}/services", new { services = Array.Empty<string>() })).ExpectProblemAsync(HttpStatusCode.Forbidden);

        var audit = await admin.GetJsonAsync($"/api/audit?action=account.services&targetId={name}");
        Assert.Equal("pain-clinic -> bone-clinic, pain-clinic", Assert.Single(audit.Items()).Str("detail"));
    }
}

public sealed class SqliteServiceCatalogTests(SqliteAppFactory factory) : ServiceCatalogTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresServiceCatalogTests(PostgresAppFactory factory) : ServiceCatalogTests(factory), IClassFixture<PostgresAppFactory>;
