extern alias cli;

using System.Net;
using cli::CarePathway.Cli.Commands;
using CarePathway.Server.Security;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Security;

/// <summary>
/// The production walk (issue 12, "done when"): a fresh PostgreSQL database, the first administrator from
/// <c>carepathway create-admin</c>, a Production server (no demo users, no demo services) with the hospital's identity
/// provider. The administrator adds a service, a coordinator and a clinician's account through the API; the clinician
/// signs in through the provider and approves; the lab feed records the results with client credentials and the gate
/// passes; the audit shows all of it.
/// </summary>
public sealed class FirstAdministratorTests
{
    private const string AdminPassword = "first administrator passphrase";

    [Fact]
    public async Task From_the_cli_to_an_approved_infusion_in_production_every_step_audited()
    {
        await using var database = new PostgresDatabase();
        await database.InitializeAsync();
        var (output, error) = (new StringWriter(), new StringWriter());
        var code = await CreateAdminCommand.RunAsync(
            ["--user-name", "site-admin", "--display-name", "Site Administrator", "--database-provider", "Postgres", "--connection", database.ConnectionString],
            new StringReader(AdminPassword + "\n"), output, error);
        Assert.True(code == 0, error.ToString());

        await using var provider = await TestIdentityProvider.StartAsync();
        var node = provider.Configure(new ExistingDatabaseAppFactory(Server.Persistence.DatabaseProvider.Postgres, database.ConnectionString))
            .WithSetting("environment", "Production")
            .WithSetting(KeyRing.AllowUnprotectedKeysKey, "true");
        await node.RunAsync(async n =>
        {
            await WalkAsync(n, CarePathwayApi.For(n), provider);
            return 0;
        });
    }

    private static async Task WalkAsync(CarePathwayAppFactory node, CarePathwayApi api, TestIdentityProvider provider)
    {
        await (await api.Anonymous().PostJsonAsync("/api/auth/login", new { userName = DemoUsers.Administrator, password = SecuritySeeder.DemoPassword }))
            .ExpectProblemAsync(HttpStatusCode.Unauthorized);
        var admin = await api.SignInAsync("site-admin", AdminPassword);
        Assert.Equal("Site Administrator", (await admin.GetJsonAsync("/api/auth/me")).Str("displayName"));
        Assert.Equal(["general"], (await admin.GetJsonAsync("/api/services")).AsArray().Select(s => s.Str("code")));

        // The service the test patients belong to, a coordinator (named as the course helper signs in) and the clinician's
        // account without a password: the provider's first sign-in links it by user name.
        const string service = "paediatric-rheumatology";
        await (await admin.PostJsonAsync("/api/services", new { code = service, displayName = "Paediatric rheumatology" })).ExpectAsync(HttpStatusCode.Created);
        await (await admin.PostJsonAsync("/api/accounts", new
        {
            userName = DemoUsers.Coordinator, password = SecuritySeeder.DemoPassword, roles = AccountTests.RoleList("coordinator"), services = AccountTests.RoleList(service),
        })).ExpectAsync(HttpStatusCode.Created);
        await (await admin.PostJsonAsync("/api/accounts", new { userName = "dr.ada", roles = AccountTests.RoleList("clinician"), services = AccountTests.RoleList(service) }))
            .ExpectAsync(HttpStatusCode.Created);

        var (clinician, landed) = await provider.SignInThroughAsync(node, new ProviderUser("sub-ada", "dr.ada", "Dr Ada Lovelace", "clinician"));
        Assert.Equal("/approvals", landed);
        Assert.Equal("dr.ada", (await clinician.GetJsonAsync("/api/auth/me")).Str("name"));

        var course = new CrmoCourse(api);
        var patientId = await course.CreatePatientAsync();
        await course.RecordBaselineAsync(patientId);
        var instanceId = await course.StartAsync(patientId);
        await (await CrmoCourse.CompleteAsync(clinician, await course.OpenTaskAsync(instanceId, "escalation-approval"), "approved")).ExpectAsync(HttpStatusCode.OK);
        await (await CrmoCourse.CompleteAsync(clinician, await course.OpenTaskAsync(instanceId, "dental"), "cleared")).ExpectAsync(HttpStatusCode.OK);
        await course.OpenTaskAsync(instanceId, "pre-infusion");

        // The lab feed: a client-credentials JWT from the provider, scope labs:write; machine clients are not bounded by services.
        var lab = await provider.MachineClientAsync(api, TestIdentityProvider.LabFeedId, "labs:write patients:read");
        foreach (var (loinc, value, unit) in new[] { ("29265-6", 2.35m, "mmol/L"), ("2160-0", 0.56m, "mg/dL") })
        {
            await (await lab.PostJsonAsync($"/api/patients/{patientId}/labs", new { code = loinc, value, unit })).ExpectAsync(HttpStatusCode.OK);
        }

        // The gate passed: the infusion approval is open, and the clinician who came through the provider approves it.
        await api.WaitForJournalAsync(instanceId, "gate.passed", "pre-infusion");
        var approval = await course.OpenTaskAsync(instanceId, "approve");
        await (await CrmoCourse.CompleteAsync(clinician, approval, "approved")).ExpectAsync(HttpStatusCode.OK);
        await course.OpenTaskAsync(instanceId, "give");

        var audit = (await admin.GetJsonAsync("/api/audit?pageSize=200")).Items();
        Assert.Contains(audit, a => a.Str("userName") == "cli" && a.Str("action") == "account.create" && a.Str("targetId") == "site-admin");
        Assert.Contains(audit, a => a.Str("userName") == "site-admin" && a.Str("action") == "account.create" && a.Str("targetId") == DemoUsers.Coordinator);
        Assert.Contains(audit, a => a.Str("userName") == "site-admin" && a.Str("action") == "service.create" && a.Str("targetId") == service);
        Assert.Contains(audit, a => a.Str("action") == "account.link" && a.Str("targetId") == "dr.ada");
        Assert.Contains(audit, a => a.Str("userName") == "dr.ada" && a.Str("action") == "auth.login" && a.Str("detail") == "single sign-on");
        Assert.Contains(audit, a => a.Str("userName") == "dr.ada" && a.Str("action") == "task.complete" && a["succeeded"]!.GetValue<bool>());
        Assert.Equal(2, audit.Count(a => a.Str("userName") == "client:lab-feed" && a.Str("action") == "lab.record" && a["succeeded"]!.GetValue<bool>()));
        Assert.Equal(2, audit.Count(a => a.Str("userName") == "client:lab-feed" && a.Str("action") == "client.call"));
        Assert.Contains(await api.JournalAsync(instanceId), e => e.Actor() == "dr.ada");
    }
}
