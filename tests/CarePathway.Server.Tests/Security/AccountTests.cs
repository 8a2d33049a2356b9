using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Security;

/// <summary>Administrators manage accounts through <c>/api/accounts</c>; the product always keeps an administrator.</summary>
public abstract class AccountTests(CarePathwayAppFactory factory)
{
    public const string GoodPassword = "correct horse battery";

    private readonly CarePathwayApi api = CarePathwayApi.For(factory);

    internal static string[] RoleList(params string[] roles) => roles;

    internal static string NewName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private async Task<JsonNode> CreateAsync(string userName, params string[] roles) =>
        await (await (await api.Administrator).PostJsonAsync("/api/accounts", new { userName, displayName = "Dr " + userName, password = GoodPassword, roles }))
            .ExpectAsync(HttpStatusCode.Created);

    [Fact]
    public async Task An_administrator_creates_a_coordinator_who_signs_in_and_the_account_shows_the_last_sign_in()
    {
        var name = NewName("coord");
        var created = await CreateAsync(name, "coordinator");
        Assert.Equal(["coordinator"], created["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Null(created["lastSignInAt"]);
        Assert.True(created["hasPassword"]!.GetValue<bool>());

        var coordinator = await api.SignInAsync(name, GoodPassword);
        var me = await coordinator.GetJsonAsync("/api/auth/me");
        Assert.Equal(["coordinator"], me["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        await coordinator.GetJsonAsync("/api/patients");

        var account = await (await api.Administrator).GetJsonAsync($"/api/accounts/{created.Str("id")}");
        Assert.NotNull(account["lastSignInAt"]);
        var all = await (await api.Administrator).GetAsync("/api/accounts");
        Assert.Contains((await all.ExpectAsync(HttpStatusCode.OK)).AsArray(), a => a!.Str("userName") == name);
    }

    [Fact]
    public async Task Only_administrators_manage_accounts()
    {
        foreach (var client in new[] { await api.Coordinator, await api.Clinician })
        {
            await (await client.GetAsync("/api/accounts")).ExpectProblemAsync(HttpStatusCode.Forbidden);
            await (await client.PostJsonAsync("/api/accounts", new { userName = NewName("x"), password = GoodPassword, roles = RoleList() }))
                .ExpectProblemAsync(HttpStatusCode.Forbidden);
        }

        await (await api.Anonymous().GetAsync("/api/accounts")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_password_needs_twelve_characters_a_user_name_is_unique_and_roles_are_the_products()
    {
        var admin = await api.Administrator;
        await (await admin.PostJsonAsync("/api/accounts", new { userName = NewName("short"), password = "Passw0rd!", roles = RoleList("clinician") }))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "password");
        await (await admin.PostJsonAsync("/api/accounts", new { userName = NewName("role"), password = GoodPassword, roles = RoleList("surgeon") }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "roles");
        await (await admin.PostJsonAsync("/api/accounts", new { userName = "", password = GoodPassword, roles = RoleList() }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "userName");
        await (await admin.PostJsonAsync("/api/accounts", new { userName = DemoUsers.Clinician, password = GoodPassword, roles = RoleList() }))
            .ExpectProblemAsync(HttpStatusCode.Conflict);

        // Single sign-on only: no password at all.
        var sso = await (await admin.PostJsonAsync("/api/accounts", new { userName = NewName("sso"), roles = RoleList("clinician") })).ExpectAsync(HttpStatusCode.Created);
        Assert.False(sso["hasPassword"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Roles_are_set_several_at_once_and_taking_one_away_ends_the_users_sessions()
    {
        var name = NewName("multi");
        var id = (await CreateAsync(name, "clinician")).Str("id");
        var user = await api.SignInAsync(name, GoodPassword);

        var both = await (await (await api.Administrator).PutJsonAsync($"/api/accounts/{id}/roles", new { roles = RoleList("coordinator", "clinician") }))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["clinician", "coordinator"], both["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        await user.GetJsonAsync("/api/patients");

        await (await (await api.Administrator).PutJsonAsync($"/api/accounts/{id}/roles", new { roles = RoleList("coordinator") })).ExpectAsync(HttpStatusCode.OK);
        await (await user.GetAsync("/api/patients")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        var again = await api.SignInAsync(name, GoodPassword);
        Assert.Equal(["coordinator"], (await again.GetJsonAsync("/api/auth/me"))["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task An_administrator_cannot_remove_their_own_administrator_role_nor_disable_themselves()
    {
        var name = NewName("admin");
        var id = (await CreateAsync(name, "administrator")).Str("id");
        var self = await api.SignInAsync(name, GoodPassword);

        await (await self.PutJsonAsync($"/api/accounts/{id}/roles", new { roles = RoleList("clinician") })).ExpectProblemAsync(HttpStatusCode.Conflict);
        await (await self.PostAsync($"/api/accounts/{id}/disable", null)).ExpectProblemAsync(HttpStatusCode.Conflict);
        var adding = await (await self.PutJsonAsync($"/api/accounts/{id}/roles", new { roles = RoleList("administrator", "clinician") })).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains("administrator", adding["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task Disabling_ends_the_users_bearer_cookie_and_refresh_tokens_and_refuses_their_sign_in_until_enabled()
    {
        var name = NewName("gone");
        var id = (await CreateAsync(name, "clinician")).Str("id");
        var bearer = api.Anonymous();
        var tokens = await (await bearer.PostJsonAsync("/api/auth/login", new { userName = name, password = GoodPassword })).ExpectAsync(HttpStatusCode.OK);
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Str("accessToken"));
        var cookie = await SessionTests.CookieClientAsync(api, name, GoodPassword);
        await bearer.GetJsonAsync("/api/patients");
        await cookie.GetJsonAsync("/api/patients");

        await (await (await api.Administrator).PostAsync($"/api/accounts/{id}/disable", null)).ExpectAsync(HttpStatusCode.OK);

        await (await bearer.GetAsync("/api/patients")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await cookie.GetAsync("/api/patients")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await api.Anonymous().PostJsonAsync("/api/auth/refresh", new { refreshToken = tokens.Str("refreshToken") })).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await api.Anonymous().PostJsonAsync("/api/auth/login", new { userName = name, password = GoodPassword })).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        var account = await (await api.Administrator).GetJsonAsync($"/api/accounts/{id}");
        Assert.True(account["disabled"]!.GetValue<bool>());

        await (await (await api.Administrator).PostAsync($"/api/accounts/{id}/enable", null)).ExpectAsync(HttpStatusCode.OK);
        await (await api.SignInAsync(name, GoodPassword)).GetJsonAsync("/api/patients");
    }

    [Fact]
    public async Task A_password_reset_sets_a_new_password_and_ends_the_old_sessions()
    {
        var name = NewName("reset");
        var id = (await CreateAsync(name, "coordinator")).Str("id");
        var old = await api.SignInAsync(name, GoodPassword);

        await (await (await api.Administrator).PostJsonAsync($"/api/accounts/{id}/password", new { password = "short" }))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "password");
        await (await (await api.Administrator).PostJsonAsync($"/api/accounts/{id}/password", new { password = "a brand new passphrase" })).ExpectAsync(HttpStatusCode.OK);

        await (await old.GetAsync("/api/patients")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await api.Anonymous().PostJsonAsync("/api/auth/login", new { userName = name, password = GoodPassword })).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await api.SignInAsync(name, "a brand new passphrase")).GetJsonAsync("/api/patients");
    }

    [Fact]
    public async Task An_unknown_account_is_404()
    {
        await (await (await api.Administrator).GetAsync("/api/accounts/no-such-id")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await (await api.Administrator).PostAsync("/api/accounts/no-such-id/disable", null)).ExpectProblemAsync(HttpStatusCode.NotFound);
    }
}

public sealed class SqliteAccountTests(SqliteAppFactory factory) : AccountTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresAccountTests(PostgresAppFactory factory) : AccountTests(factory), IClassFixture<PostgresAppFactory>;

/// <summary>The last enabled administrator stays, even when two administrators disable each other at the same moment.</summary>
public abstract class LastAdministratorTests(CarePathwayAppFactory factory)
{
    private readonly CarePathwayApi api = CarePathwayApi.For(factory);

    [Fact]
    public async Task Two_administrators_disabling_each_other_at_once_leave_one_enabled()
    {
        var admin = await api.Administrator;
        var ids = new List<string>();
        var clients = new List<HttpClient>();
        foreach (var name in new[] { AccountTests.NewName("a"), AccountTests.NewName("b") })
        {
            ids.Add((await (await admin.PostJsonAsync("/api/accounts", new { userName = name, password = AccountTests.GoodPassword, roles = AccountTests.RoleList("administrator") }))
                .ExpectAsync(HttpStatusCode.Created)).Str("id"));
            clients.Add(await api.SignInAsync(name, AccountTests.GoodPassword));
        }

        // Leave these two as the only enabled administrators.
        var demoAdmin = (await admin.GetJsonAsync("/api/auth/me")).Str("name");
        var demoId = (await clients[0].GetJsonAsync("/api/accounts")).AsArray().Single(a => a!.Str("userName") == demoAdmin).Str("id");
        await (await clients[0].PostAsync($"/api/accounts/{demoId}/disable", null)).ExpectAsync(HttpStatusCode.OK);

        var answers = await Task.WhenAll(clients[0].PostAsync($"/api/accounts/{ids[1]}/disable", null), clients[1].PostAsync($"/api/accounts/{ids[0]}/disable", null));

        // The loser is refused as the last administrator, or (when the winner's change landed first) no longer signed in.
        Assert.Single(answers, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(answers, r => r.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.Unauthorized);
        var survivor = clients[answers[0].StatusCode == HttpStatusCode.OK ? 0 : 1];
        var accounts = (await survivor.GetJsonAsync("/api/accounts")).AsArray();
        Assert.Single(accounts, a => a is not null && ids.Contains(a.Str("id")) && !a["disabled"]!.GetValue<bool>());
    }
}

public sealed class SqliteLastAdministratorTests(SqliteAppFactory factory) : LastAdministratorTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresLastAdministratorTests(PostgresAppFactory factory) : LastAdministratorTests(factory), IClassFixture<PostgresAppFactory>;
