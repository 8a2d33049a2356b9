using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using CarePathway.Server.Security;
using CarePathway.Server.Security.Accounts;
using CarePathway.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CarePathway.Server.Tests.Security;

/// <summary>What a reviewer tries against the sign-in and the cookie (OWASP ASVS level 2), each with its control.</summary>
public sealed class AttackTests(SqliteAppFactory factory) : IClassFixture<SqliteAppFactory>
{
    private readonly CarePathwayApi api = CarePathwayApi.For(factory);

    [Fact]
    public async Task A_cookie_authenticated_post_from_another_origin_is_refused_and_from_the_own_origin_accepted()
    {
        var client = await SessionTests.CookieClientAsync(api, DemoUsers.Coordinator);

        using var evil = new HttpRequestMessage(HttpMethod.Post, "/api/patients") { Content = JsonHttp.Body(CarePathwayApi.NewPatient()) };
        evil.Headers.Add("Origin", "http://evil.example");
        await (await client.SendAsync(evil)).ExpectProblemAsync(HttpStatusCode.Forbidden);

        // A body-less cross-site form post (resume, publish, retire) announces itself by Sec-Fetch-Site even without Origin.
        using var form = new HttpRequestMessage(HttpMethod.Post, $"/api/instances/{Guid.NewGuid()}/resume");
        form.Headers.Add("Sec-Fetch-Site", "cross-site");
        await (await client.SendAsync(form)).ExpectProblemAsync(HttpStatusCode.Forbidden);

        // The cookie sign-in itself (login CSRF).
        using var login = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login?useCookies=true")
        {
            Content = JsonHttp.Body(new { userName = DemoUsers.Coordinator, password = SecuritySeeder.DemoPassword }),
        };
        login.Headers.Add("Origin", "http://evil.example");
        await (await api.Anonymous().SendAsync(login)).ExpectProblemAsync(HttpStatusCode.Forbidden);

        using var own = new HttpRequestMessage(HttpMethod.Post, "/api/patients") { Content = JsonHttp.Body(CarePathwayApi.NewPatient()) };
        own.Headers.Add("Origin", client.BaseAddress!.GetLeftPart(UriPartial.Authority));
        own.Headers.Add("Sec-Fetch-Site", "same-origin");
        await (await client.SendAsync(own)).ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Every_response_has_the_security_headers_no_server_header_and_the_api_is_not_cached()
    {
        var client = await api.Coordinator;
        var patients = await client.GetAsync("/api/patients");
        Assert.Equal(HttpStatusCode.OK, patients.StatusCode);
        Assert.Equal("no-store", patients.Headers.CacheControl?.ToString());
        var csp = Assert.Single(patients.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(patients.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(patients.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(patients.Headers.GetValues("X-Frame-Options")));
        Assert.False(patients.Headers.Contains("Server"));

        var refused = await api.Anonymous().GetAsync("/api/patients");
        Assert.Equal("no-store", refused.Headers.CacheControl?.ToString());
        Assert.True(refused.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task Failures_say_the_same_for_a_wrong_password_an_unknown_user_and_a_locked_account()
    {
        var locked = AccountTests.NewName("locked");
        await api.UserInRoleAsync(locked, "coordinator");
        for (var i = 0; i < 10; i++)
        {
            await api.Anonymous().PostJsonAsync("/api/auth/login", new { userName = locked, password = "wrong password " + i });
        }

        var answers = new List<string>();
        foreach (var userName in new[] { locked, DemoUsers.Clinician, "nobody-" + Guid.NewGuid().ToString("N") })
        {
            var problem = await (await api.Anonymous().PostJsonAsync("/api/auth/login", new { userName, password = userName == locked ? SecuritySeeder.DemoPassword : "not the password" }))
                .ExpectProblemAsync(HttpStatusCode.Unauthorized);
            answers.Add(problem.Str("detail"));
        }

        Assert.Single(answers.Distinct());
        Assert.Equal(SignInService.RefusedMessage, answers[0]);
    }

    [Fact]
    public async Task An_unknown_user_takes_about_as_long_to_refuse_as_a_wrong_password()
    {
        async Task<TimeSpan> TimeAsync(string userName)
        {
            var stopwatch = Stopwatch.StartNew();
            await (await api.Anonymous().PostJsonAsync("/api/auth/login", new { userName, password = "not the password at all" })).ExpectProblemAsync(HttpStatusCode.Unauthorized);
            return stopwatch.Elapsed;
        }

        await TimeAsync(DemoUsers.Clinician);
        var real = new List<TimeSpan>();
        var unknown = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            real.Add(await TimeAsync(DemoUsers.Coordinator));
            unknown.Add(await TimeAsync("nobody-" + i));
        }

        var (realMedian, unknownMedian) = (real.Order().ElementAt(2), unknown.Order().ElementAt(2));
        Assert.True(unknownMedian > realMedian * 0.5, $"unknown user {unknownMedian.TotalMilliseconds} ms, real user {realMedian.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task The_demo_password_meets_the_policy_and_eight_characters_do_not()
    {
        await (await api.Anonymous().PostJsonAsync("/api/auth/login", new { userName = DemoUsers.Coordinator, password = SecuritySeeder.DemoPassword }))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.True(SecuritySeeder.DemoPassword.Length >= AccountStore.MinimumPasswordLength);
        await (await (await api.Administrator).PostJsonAsync("/api/accounts", new { userName = AccountTests.NewName("eight"), password = "Abcdef1!", roles = AccountTests.RoleList() }))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "password");
    }
}

/// <summary>Behind a TLS proxy (a trusted address), and with a low sign-in limit.</summary>
public sealed class ProxyAndRateLimitTests
{
    /// <summary>Every request arrives from <paramref name="address"/> (the test server gives none).</summary>
    private static CarePathwayAppFactory From(CarePathwayAppFactory node, IPAddress address) =>
        node.WithServices(services => services.AddSingleton<IStartupFilter>(new RemoteAddress(address)));

    private sealed class RemoteAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    private static HttpRequestMessage CookieLogin(string? forwardedProto)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login?useCookies=true")
        {
            Content = JsonHttp.Body(new { userName = DemoUsers.Clinician, password = SecuritySeeder.DemoPassword }),
        };
        if (forwardedProto is not null) request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        return request;
    }

    [Fact]
    public async Task Behind_a_known_tls_proxy_the_cookie_is_secure_and_hsts_is_sent_and_an_unknown_proxy_is_not_believed()
    {
        var node = From(new SqliteAppFactory(), IPAddress.Parse("10.1.2.3"))
            .WithSetting("environment", "Production")
            .WithSetting(KeyRing.AllowUnprotectedKeysKey, "true")
            .WithSetting("Proxy:KnownProxies:0", "10.1.2.3");
        await node.InitializeAsync();
        await node.RunAsync(async n =>
        {
            var created = await CreateClinicianAsync(n);
            var client = n.CreateClient(new() { BaseAddress = new Uri("http://carepathway.example"), HandleCookies = false });
            using var login = CookieLogin("https");
            login.Content = JsonHttp.Body(new { userName = created, password = AccountTests.GoodPassword });
            var answer = await client.SendAsync(login);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            var cookie = Assert.Single(answer.Headers.GetValues("Set-Cookie"), c => c.StartsWith(SecurityExtensions.CookieName, StringComparison.Ordinal));
            Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.True(answer.Headers.Contains("Strict-Transport-Security"));
            return 0;
        });

        var untrusted = From(new SqliteAppFactory(), IPAddress.Parse("10.9.9.9"));
        await untrusted.InitializeAsync();
        await untrusted.RunAsync(async n =>
        {
            using var login = CookieLogin("https");
            var answer = await n.CreateClient(new() { HandleCookies = false }).SendAsync(login);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            var cookie = Assert.Single(answer.Headers.GetValues("Set-Cookie"), c => c.StartsWith(SecurityExtensions.CookieName, StringComparison.Ordinal));
            Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
            return 0;
        });
    }

    /// <summary>Production has no demo users: the first administrator from the CLI's rules, then a clinician through the API.</summary>
    private static async Task<string> CreateClinicianAsync(CarePathwayAppFactory node)
    {
        var name = AccountTests.NewName("clin");
        await using var scope = node.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<CarePathway.Server.Persistence.AppUser>>();
        var user = new CarePathway.Server.Persistence.AppUser { UserName = name, DisplayName = name };
        Assert.True((await users.CreateAsync(user, AccountTests.GoodPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, "clinician")).Succeeded);
        return name;
    }

    [Fact]
    public async Task Too_many_sign_ins_from_one_address_are_answered_429_with_retry_after_before_any_password_is_checked()
    {
        var node = From(new SqliteAppFactory(), IPAddress.Parse("192.0.2.7")).WithSetting("SignIn:PermitLimit", "5").WithSetting("SignIn:Window", "00:01:00");
        await node.InitializeAsync();
        await node.RunAsync(async n =>
        {
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 8; i++)
            {
                var answer = await n.CreateClient().PostJsonAsync("/api/auth/login", new { userName = DemoUsers.Clinician, password = "guess " + i });
                statuses.Add(answer.StatusCode);
                if (answer.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    await answer.ExpectProblemAsync(HttpStatusCode.TooManyRequests);
                    Assert.True(answer.Headers.RetryAfter is not null, "no Retry-After");
                }
            }

            Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 5).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 3)), statuses);
            return 0;
        });
    }
}
