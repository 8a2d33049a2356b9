using System.Net;
using System.Text.Json.Nodes;
using CarePathway.Server.Security;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Security;

/// <summary>Sign-ins, sign-outs, failures, lockouts, account changes and reads of a patient's record, queried by administrators.</summary>
public abstract class AccessAuditTests(CarePathwayAppFactory factory)
{
    private readonly CarePathwayApi api = CarePathwayApi.For(factory);

    private async Task<IReadOnlyList<JsonNode>> AuditAsync(string query) => (await (await api.Administrator).GetJsonAsync("/api/audit?pageSize=200&" + query)).Items();

    [Fact]
    public async Task Sign_in_failure_lockout_sign_out_account_changes_and_patient_reads_are_audited_and_queryable()
    {
        var name = AccountTests.NewName("audited");
        var admin = await api.Administrator;
        var id = (await (await admin.PostJsonAsync("/api/accounts", new { userName = name, password = AccountTests.GoodPassword, roles = AccountTests.RoleList("clinician"), services = AccountTests.RoleList("paediatric-rheumatology") }))
            .ExpectAsync(HttpStatusCode.Created)).Str("id");
        await (await admin.PutJsonAsync($"/api/accounts/{id}/roles", new { roles = AccountTests.RoleList("clinician", "coordinator") })).ExpectAsync(HttpStatusCode.OK);

        await api.Anonymous().PostJsonAsync("/api/auth/login", new { userName = name, password = "not it at all" });
        var user = await api.SignInAsync(name, AccountTests.GoodPassword);
        var patientId = await api.CreatePatientAsync();
        await user.GetJsonAsync($"/api/patients/{patientId}");
        Assert.Equal(HttpStatusCode.NoContent, (await user.PostAsync("/api/auth/logout", null)).StatusCode);
        for (var i = 0; i < 10; i++) await api.Anonymous().PostJsonAsync("/api/auth/login", new { userName = name, password = "guess number " + i });

        var own = await AuditAsync($"userName={name}");
        var actions = own.Select(a => (a.Str("action"), a["succeeded"]!.GetValue<bool>())).Reverse().ToList();
        Assert.Equal(("auth.login", false), actions[0]);
        Assert.Contains(("auth.login", true), actions);
        Assert.Contains((AccessAudit.PatientRead, true), actions);
        Assert.Contains((AccessAudit.SignOut, true), actions);
        Assert.Contains((AccessAudit.Lockout, true), actions);
        Assert.Contains(own, a => a.Str("action") == AccessAudit.PatientRead && a.Str("targetId") == patientId.ToString());

        var changes = await AuditAsync($"targetId={name}&action=account.");
        Assert.Equal(["account.create", "account.roles"], changes.Select(a => a.Str("action")).Reverse());
        Assert.Equal("clinician -> clinician, coordinator", changes[0].Str("detail"));
        Assert.All(changes, a => Assert.Equal(DemoUsers.Administrator, a.Str("userName")));

        var reads = await AuditAsync($"action=patient.read&targetId={patientId}");
        Assert.Equal([name], reads.Select(a => a.Str("userName")));
    }

    [Fact]
    public async Task Only_administrators_read_the_audit()
    {
        await (await (await api.Clinician).GetAsync("/api/audit")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await (await api.Coordinator).GetAsync("/api/audit")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await (await api.Administrator).GetAsync("/api/audit?pageSize=0")).ExpectProblemAsync(HttpStatusCode.BadRequest, "pageSize");
    }
}

public sealed class SqliteAccessAuditTests(SqliteAppFactory factory) : AccessAuditTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresAccessAuditTests(PostgresAppFactory factory) : AccessAuditTests(factory), IClassFixture<PostgresAppFactory>;
