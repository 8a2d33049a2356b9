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
/// provider's claims, and a lab feed with client credentials recording the labs a gate waits for.
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

    /// <summary>A browser: clicks the provider's button and follows the redirects between the server and the provider until a page of the app.</summary>
    private async Task<(HttpClient Browser, string Landed)> SignInThroughProviderAsync(ProviderUser user, string returnUrl = "/approvals")
    {
        provider.NextUser = user;
        var browser = server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var toProvider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var issuer = new Uri(provider.Issuer);
        var options = await browser.GetJsonAsync("/api/auth/providers");
        var url = new Uri(browser.BaseAddress!, options["singleSignOn"].Str("signInUrl") + "?returnUrl=" + Uri.EscapeDataString(returnUrl));
        for (var hop = 0; hop < 10; hop++)
        {
            var onProvider = url.Authority == issuer.Authority;
            var response = onProvider ? await toProvider.GetAsync(url) : await browser.GetAsync(url.PathAndQuery);
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther,
                $"{url}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            url = new Uri(url, response.Headers.Location!);
            var isAppPage = url.Authority != issuer.Authority && !url.AbsolutePath.StartsWith("/api/", StringComparison.Ordinal) && url.AbsolutePath != "/signin-oidc";
            if (isAppPage) return (browser, url.PathAndQuery);
        }

        throw new InvalidOperationException("too many redirects");
    }

    private static string[] RolesOf(JsonNode me) => [.. me["roles"]!.AsArray().Select(r => r!.GetValue<string>())];

    [Fact]
    public async Task A_clinician_signs_in_through_the_provider_approves_and_a_lab_client_records_the_results_the_gate_waits_for()
    {
        var (clinician, landed) = await SignInThroughProviderAsync(new ProviderUser("sub-ada", "dr.ada", "Dr Ada Lovelace", "clinician"));
        Assert.Equal("/approvals", landed);
        var me = await clinician.GetJsonAsync("/api/auth/me");
        Assert.Equal(("dr.ada", "Dr Ada Lovelace"), (me.Str("name"), me.Str("displayName")));
        Assert.Equal(["clinician"], RolesOf(me));

        var course = new CrmoCourse(api);
        var patientId = await course.CreatePatientAsync();
        await course.RecordBaselineAsync(patientId);
        var instanceId = await course.StartAsync(patientId);
        await (await CrmoCourse.CompleteAsync(clinician, await course.OpenTaskAsync(instanceId, "escalation-approval"), "approved")).ExpectAsync(HttpStatusCode.OK);
        await (await CrmoCourse.CompleteAsync(clinician, await course.OpenTaskAsync(instanceId, "dental"), "cleared")).ExpectAsync(HttpStatusCode.OK);
        await course.OpenTaskAsync(instanceId, "pre-infusion");

        // The lab feed: a client-credentials JWT from the provider, scope labs:write.
        var lab = await provider.MachineClientAsync(api, TestIdentityProvider.LabFeedId, "labs:write patients:read");
        foreach (var (code, value, unit) in new[] { ("29265-6", 2.35m, "mmol/L"), ("2160-0", 0.56m, "mg/dL") })
        {
            await (await lab.PostJsonAsync($"/api/patients/{patientId}/labs", new { code, value, unit })).ExpectAsync(HttpStatusCode.OK);
        }

        // The gate passed: the infusion approval is open, and the clinician who came through the provider approves it.
        var approval = await course.OpenTaskAsync(instanceId, "approve");
        await (await CrmoCourse.CompleteAsync(clinician, approval, "approved")).ExpectAsync(HttpStatusCode.OK);
        await course.OpenTaskAsync(instanceId, "give");

        var admin = await api.Administrator;
        var audit = (await admin.GetJsonAsync("/api/audit?pageSize=200")).Items();
        Assert.Contains(audit, a => a.Str("userName") == "sso" && a.Str("action") == "account.create" && a.Str("targetId") == "dr.ada");
        Assert.Contains(audit, a => a.Str("userName") == "dr.ada" && a.Str("action") == "auth.login" && a.Str("detail") == "single sign-on");
        Assert.Contains(audit, a => a.Str("userName") == "dr.ada" && a.Str("action") == "task.complete" && a["succeeded"]!.GetValue<bool>());
        Assert.Equal(2, audit.Count(a => a.Str("userName") == "client:lab-feed" && a.Str("action") == "lab.record" && a["succeeded"]!.GetValue<bool>()));
        Assert.Equal(2, audit.Count(a => a.Str("userName") == "client:lab-feed" && a.Str("action") == "client.call"));
        var journal = await api.JournalAsync(instanceId);
        Assert.Contains(journal, e => e.Actor() == "dr.ada");
    }

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
