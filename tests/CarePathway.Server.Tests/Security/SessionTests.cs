using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CarePathway.Server.Security;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Security;

/// <summary>
/// A sign-in is a server-side session: sign-out ends it with every cookie and token issued for it, on every node;
/// refresh tokens rotate and a reused one ends the family; idle and absolute lifetimes are settings.
/// </summary>
public abstract class SessionTests(CarePathwayAppFactory factory)
{
    private readonly CarePathwayApi api = CarePathwayApi.For(factory);

    /// <summary>A client that sends the sign-in cookie by hand (so the test can replay it after sign-out).</summary>
    public static async Task<HttpClient> CookieClientAsync(CarePathwayApi api, string userName, string password = SecuritySeeder.DemoPassword)
    {
        var client = api.Anonymous();
        var login = await client.PostJsonAsync("/api/auth/login?useCookies=true", new { userName, password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SecurityExtensions.CookieName, StringComparison.Ordinal));
        client.DefaultRequestHeaders.Add("Cookie", cookie.Split(';')[0]);
        return client;
    }

    private static async Task<(HttpClient Client, JsonNode Tokens)> BearerAsync(CarePathwayApi api, string userName = DemoUsers.Coordinator)
    {
        var client = api.Anonymous();
        var tokens = await (await client.PostJsonAsync("/api/auth/login", new { userName, password = SecuritySeeder.DemoPassword })).ExpectAsync(HttpStatusCode.OK);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Str("accessToken"));
        return (client, tokens);
    }

    private Task<HttpResponseMessage> RefreshAsync(string refreshToken) => api.Anonymous().PostJsonAsync("/api/auth/refresh", new { refreshToken });

    [Fact]
    public async Task After_sign_out_the_bearer_token_reads_and_writes_nothing_and_its_refresh_token_is_dead()
    {
        var (client, tokens) = await BearerAsync(api);
        await client.GetJsonAsync("/api/patients");

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/auth/logout", null)).StatusCode);

        await (await client.GetAsync("/api/patients")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await client.PostJsonAsync("/api/patients", CarePathwayApi.NewPatient())).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await RefreshAsync(tokens.Str("refreshToken"))).ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_cookie_replayed_after_sign_out_is_refused()
    {
        var client = await CookieClientAsync(api, DemoUsers.Clinician);
        await client.GetJsonAsync("/api/auth/me");

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/auth/logout", null)).StatusCode);

        // The client still sends the cookie it had: a copy kept by an attacker.
        await (await client.GetAsync("/api/auth/me")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await client.GetAsync("/api/patients")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_refresh_token_rotates_and_used_twice_ends_the_whole_family()
    {
        var (_, first) = await BearerAsync(api);
        var second = await (await RefreshAsync(first.Str("refreshToken"))).ExpectAsync(HttpStatusCode.OK);
        Assert.NotEqual(first.Str("refreshToken"), second.Str("refreshToken"));
        var third = await (await RefreshAsync(second.Str("refreshToken"))).ExpectAsync(HttpStatusCode.OK);
        var current = api.Anonymous();
        current.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", third.Str("accessToken"));
        await current.GetJsonAsync("/api/patients");

        // The first refresh token again: a stolen copy. Refused, and the session it belongs to ends.
        await (await RefreshAsync(first.Str("refreshToken"))).ExpectProblemAsync(HttpStatusCode.Unauthorized);

        await (await RefreshAsync(third.Str("refreshToken"))).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await current.GetAsync("/api/patients")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await api.SignInAsync(DemoUsers.Coordinator)).GetJsonAsync("/api/patients");
    }

    [Fact]
    public async Task Signing_out_one_session_leaves_the_users_other_sessions()
    {
        var (one, _) = await BearerAsync(api, DemoUsers.Clinician);
        var (other, _) = await BearerAsync(api, DemoUsers.Clinician);
        Assert.Equal(HttpStatusCode.NoContent, (await one.PostAsync("/api/auth/logout", null)).StatusCode);
        await other.GetJsonAsync("/api/patients");
    }
}

public sealed class SqliteSessionTests(SqliteAppFactory factory) : SessionTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresSessionTests(PostgresAppFactory factory) : SessionTests(factory), IClassFixture<PostgresAppFactory>;

/// <summary>Lifetimes and the re-check interval, on short settings; a second node on the same database.</summary>
public sealed class SessionLifetimeTests
{
    private static async Task<HttpClient> SignedInAsync(CarePathwayAppFactory node)
    {
        var client = CarePathwayApi.For(node).Anonymous();
        var tokens = await (await client.PostJsonAsync("/api/auth/login", new { userName = DemoUsers.Coordinator, password = SecuritySeeder.DemoPassword }))
            .ExpectAsync(HttpStatusCode.OK);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Str("accessToken"));
        return client;
    }

    [Fact]
    public async Task A_session_idle_longer_than_the_idle_timeout_ends()
    {
        var node = new SqliteAppFactory().WithSetting("Sessions:IdleTimeout", "00:00:02").WithSetting("Sessions:RecheckInterval", "00:00:00");
        await node.InitializeAsync();
        await node.RunAsync(async n =>
        {
            var client = await SignedInAsync(n);
            for (var i = 0; i < 3; i++)
            {
                await client.GetJsonAsync("/api/patients");
                await Task.Delay(TimeSpan.FromSeconds(1));
            }

            await Task.Delay(TimeSpan.FromSeconds(3));
            await (await client.GetAsync("/api/patients")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
            return 0;
        });
    }

    [Fact]
    public async Task A_busy_session_still_ends_at_its_absolute_lifetime()
    {
        var node = new SqliteAppFactory().WithSetting("Sessions:AbsoluteLifetime", "00:00:03").WithSetting("Sessions:RecheckInterval", "00:00:00");
        await node.InitializeAsync();
        await node.RunAsync(async n =>
        {
            var client = await SignedInAsync(n);
            var until = DateTimeOffset.UtcNow.AddSeconds(6);
            HttpStatusCode status;
            do
            {
                status = (await client.GetAsync("/api/patients")).StatusCode;
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
            while (status == HttpStatusCode.OK && DateTimeOffset.UtcNow < until);

            Assert.Equal(HttpStatusCode.Unauthorized, status);
            return 0;
        });
    }

    [Fact]
    public async Task A_sign_out_on_one_node_ends_the_session_on_the_other_within_the_recheck_interval()
    {
        var first = new PostgresAppFactory().WithSetting("Sessions:RecheckInterval", "00:00:02");
        await first.InitializeAsync();
        await first.RunAsync(async a =>
        {
            var second = a.OnSameDatabase().WithSetting("Sessions:RecheckInterval", "00:00:02");
            return await second.RunAsync(async b =>
            {
                var onA = await SignedInAsync(a);
                var onB = CarePathwayApi.For(b).Anonymous();
                onB.DefaultRequestHeaders.Authorization = onA.DefaultRequestHeaders.Authorization;
                await onB.GetJsonAsync("/api/patients");

                Assert.Equal(HttpStatusCode.NoContent, (await onA.PostAsync("/api/auth/logout", null)).StatusCode);
                await (await onA.GetAsync("/api/patients")).ExpectProblemAsync(HttpStatusCode.Unauthorized);

                var stopwatch = System.Diagnostics.Stopwatch.StartNew();
                await Eventually.UntilAsync(() => onB.GetAsync("/api/patients"), r => r.StatusCode == HttpStatusCode.Unauthorized,
                    "the other node to refuse the ended session", TimeSpan.FromSeconds(10));
                Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(4), $"took {stopwatch.Elapsed}");
                return 0;
            });
        });
    }
}
