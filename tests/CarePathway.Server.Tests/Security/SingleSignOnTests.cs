using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CarePathway.Server.Tests.Fhir;
using CarePathway.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using R4 = Hl7.Fhir.Model;

namespace CarePathway.Server.Tests.Security;

/// <summary>
/// Single sign-on and machine clients against a real OpenID Connect provider running in the test (OpenIddict): the
/// code flow with PKCE through the server's handler, accounts created or linked at the first sign-in, roles from the
/// provider's claims, machine clients by scope. A clinician signing in through it to approve an infusion the lab feed's
/// results let through is the production walk, <see cref="FirstAdministratorTests"/>.
/// </summary>
public sealed class SingleSignOnTests : IAsyncLifetime
{
    private TestIdentityProvider provider = null!;
    private CarePathwayAppFactory server = null!;
    private CarePathwayApi api = null!;

    public async Task InitializeAsync()
    {
        provider = await TestIdentityProvider.StartAsync();
        server = provider.Configure(new PostgresAppFactory()).WithSetting("Sso:RolesClaim", "roles");
        await server.InitializeAsync();
        api = CarePathwayApi.For(server);
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await provider.DisposeAsync();
    }

    private Task<(HttpClient Browser, string Landed)> SignInThroughProviderAsync(ProviderUser user, string returnUrl = "/approvals") =>
        provider.SignInThroughAsync(server, user, returnUrl);

    private static string[] RolesOf(JsonNode me) => [.. me["roles"]!.AsArray().Select(r => r!.GetValue<string>())];

    [Fact]
    public async Task A_machine_client_reaches_only_what_its_scopes_allow()
    {
        var patientId = await api.CreatePatientAsync();
        var reader = await provider.MachineClientAsync(api, TestIdentityProvider.EhrReaderId, "patients:read");
        await reader.GetJsonAsync($"/api/patients/{patientId}");
        await (await reader.PostJsonAsync($"/api/patients/{patientId}/labs", new { code = "2160-0", value = 0.5m, unit = "mg/dL" })).ExpectProblemAsync(HttpStatusCode.Forbidden);

        var lab = await provider.MachineClientAsync(api, TestIdentityProvider.LabFeedId, "labs:write");
        await (await lab.GetAsync($"/api/patients/{patientId}")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await lab.PostJsonAsync("/api/patients", CarePathwayApi.NewPatient())).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await lab.GetAsync("/api/tasks")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await lab.GetAsync("/api/accounts")).ExpectProblemAsync(HttpStatusCode.Forbidden);

        var forged = api.Anonymous();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJub25lIn0.eyJjbGllbnRfaWQiOiJsYWItZmVlZCJ9.");
        await (await forged.GetAsync($"/api/patients/{patientId}")).ExpectProblemAsync(HttpStatusCode.Unauthorized);

        var refused = (await (await api.Administrator).GetJsonAsync("/api/audit?action=client.call&succeeded=false&pageSize=200")).Items();
        Assert.Contains(refused, a => a.Str("userName") == "client:ehr-reader" && a.Str("detail").Contains("needs labs:write", StringComparison.Ordinal));
    }

    [Fact]
    public async Task At_the_fhir_endpoint_each_resource_type_needs_its_scope_and_a_bundle_is_checked_entry_by_entry()
    {
        var known = await (await (await api.Coordinator).PostJsonAsync("/api/patients", CarePathwayApi.NewPatient())).ExpectAsync(HttpStatusCode.Created);
        var mrn = known.Str("mrn");
        var lab = await provider.MachineClientAsync(api, TestIdentityProvider.LabFeedId, "labs:write");
        var ehrFeed = await provider.MachineClientAsync(api, TestIdentityProvider.EhrFeedId, "patients:write");
        var ehrReader = await provider.MachineClientAsync(api, TestIdentityProvider.EhrReaderId, "patients:read");

        await (await lab.PostFhirAsync("/fhir/Observation", FhirHttp.Lab(mrn, "2160-0", 0.55m, "mg/dL"))).ExpectFhirAsync<R4.OperationOutcome>(HttpStatusCode.Created);
        var newcomer = new R4.Patient { Identifier = [new R4.Identifier(FhirHttp.MrnSystem, "EHR-" + Guid.NewGuid().ToString("N")[..8])], Name = [new R4.HumanName { Family = "Feed", Given = ["Bo"] }], Gender = R4.AdministrativeGender.Male, BirthDate = "2013-02-03" };
        await (await lab.PostFhirAsync("/fhir/Patient", newcomer)).ExpectOutcomeAsync(HttpStatusCode.Forbidden);
        // The lab feed's transaction carrying a Patient: refused whole, naming the entry and the scope it lacks.
        var refused = await (await lab.PostFhirAsync("/fhir", FhirHttp.Transaction(FhirHttp.Lab(mrn, "2160-0", 0.56m, "mg/dL"), newcomer)))
            .ExpectOutcomeAsync(HttpStatusCode.Forbidden, "Bundle.entry[1].resource");
        Assert.Contains("patients:write", refused.Issue.Single().Diagnostics, StringComparison.Ordinal);
        await (await lab.GetAsync($"/fhir/Observation?patient.identifier={FhirHttp.MrnSystem}|{mrn}")).ExpectOutcomeAsync(HttpStatusCode.Forbidden);

        var registered = await ehrFeed.PostFhirAsync("/fhir/Patient", newcomer);
        await registered.ExpectFhirAsync<R4.OperationOutcome>(HttpStatusCode.Created);
        await (await ehrFeed.PostFhirAsync("/fhir/Observation", FhirHttp.Lab(mrn, "2160-0", 0.57m, "mg/dL"))).ExpectOutcomeAsync(HttpStatusCode.Forbidden);
        var read = await (await ehrReader.GetAsync("/fhir/" + registered.Headers.Location!.OriginalString.TrimStart('/'))).ExpectFhirAsync<R4.Patient>(HttpStatusCode.OK);
        Assert.Equal(newcomer.Identifier.Single().Value, read.Identifier.Single(i => i.System == FhirHttp.MrnSystem).Value);

        // Only the first lab was stored: the refused transaction left nothing behind.
        var labs = (await (await api.Clinician).GetJsonAsync($"/api/patients/{known.Id()}"))["labs"]!.AsArray();
        Assert.Single(labs, l => l!.Str("code") == "2160-0");
    }


    [Fact]
    public async Task A_first_sign_in_links_an_existing_account_by_user_name_and_the_providers_roles_replace_its_roles_at_each_sign_in()
    {
        var admin = await api.Administrator;
        var created = await (await admin.PostJsonAsync("/api/accounts", new { userName = "nurse.bea", roles = AccountTests.RoleList("coordinator") })).ExpectAsync(HttpStatusCode.Created);

        var (first, _) = await SignInThroughProviderAsync(new ProviderUser("sub-bea", "nurse.bea", "Bea", "coordinator", "clinician", "surgeon"));
        Assert.Equal(["clinician", "coordinator"], RolesOf(await first.GetJsonAsync("/api/auth/me")));
        var account = await admin.GetJsonAsync($"/api/accounts/{created.Str("id")}");
        Assert.Equal(["oidc"], account["externalLogins"]!.AsArray().Select(l => l!.GetValue<string>()));

        var (second, _) = await SignInThroughProviderAsync(new ProviderUser("sub-bea", "renamed-at-the-provider", "Bea", "coordinator"));
        var me = await second.GetJsonAsync("/api/auth/me");
        Assert.Equal("nurse.bea", me.Str("name"));
        Assert.Equal(["coordinator"], RolesOf(me));

        // Signing out ends the single sign-on session like any other.
        Assert.Equal(HttpStatusCode.NoContent, (await second.PostAsync("/api/auth/logout", null)).StatusCode);
        await (await second.GetAsync("/api/auth/me")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_through_the_provider()
    {
        var (browser, _) = await SignInThroughProviderAsync(new ProviderUser("sub-cy", "dr.cy", "Dr Cy", "clinician"));
        var admin = await api.Administrator;
        var id = (await admin.GetJsonAsync("/api/accounts")).AsArray().Single(a => a!.Str("userName") == "dr.cy").Str("id");
        await (await admin.PostAsync($"/api/accounts/{id}/disable", null)).ExpectAsync(HttpStatusCode.OK);
        await (await browser.GetAsync("/api/auth/me")).ExpectProblemAsync(HttpStatusCode.Unauthorized);

        var (_, landed) = await SignInThroughProviderAsync(new ProviderUser("sub-cy", "dr.cy", "Dr Cy", "clinician"));
        Assert.Equal("/login?sso=refused", landed);
    }
}

/// <summary>With local passwords switched off, only the provider signs people in.</summary>
public sealed class SingleSignOnOnlyTests
{
    [Fact]
    public async Task Passwords_are_refused_and_the_sign_in_page_offers_only_the_provider()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        var node = provider.Configure(new SqliteAppFactory()).WithSetting("Sso:AllowLocalPasswords", "false");
        await node.InitializeAsync();
        await node.RunAsync(async n =>
        {
            var api = CarePathwayApi.For(n);
            var options = await api.Anonymous().GetJsonAsync("/api/auth/providers");
            Assert.False(options["localPasswords"]!.GetValue<bool>());
            Assert.Equal("Test Provider", options["singleSignOn"].Str("displayName"));
            await (await api.Anonymous().PostJsonAsync("/api/auth/login", new { userName = DemoUsers.Administrator, password = Server.Security.SecuritySeeder.DemoPassword }))
                .ExpectProblemAsync(HttpStatusCode.Forbidden);
            return 0;
        });
    }
}
