using System.Net;
using CarePathway.Server.Persistence;
using CarePathway.Server.Security;
using CarePathway.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CarePathway.Server.Tests.Security;

/// <summary>
/// Every node reads one Data Protection key ring, kept in the database and encrypted with the deployment's certificate:
/// a sign-in made on one node (cookie, bearer token, refresh token) is good on every other, and the keys in the
/// database (and so in its backups) are useless without the certificate. The nodes are installed in directories of
/// their own, as on two machines: with Data Protection's defaults (a key ring per machine, named after the install
/// directory) the second node refuses the first one's sign-ins.
/// </summary>
public abstract class SharedKeyRingTests(KeyRingFixtures fixtures)
{
    protected abstract DatabaseProvider Provider { get; }

    protected abstract Task<string> NewDatabaseAsync(string purpose);

    /// <summary>PostgreSQL: the nodes run together, started at the same moment on an empty database. SQLite serves one node: the next starts after the last stops.</summary>
    protected virtual bool NodesRunTogether => Provider == DatabaseProvider.Postgres;

    private sealed record SignIn(string Cookie, string AccessToken, string RefreshToken);

    [Fact]
    public async Task A_cookie_a_bearer_token_and_a_refresh_token_issued_by_one_node_are_accepted_by_another()
    {
        var database = await NewDatabaseAsync("key_ring");
        var nodeA = fixtures.WithCertificate(Node(database, "node-a"));
        var nodeB = fixtures.WithCertificate(Node(database, "node-b"));
        try
        {
            if (NodesRunTogether) await Task.WhenAll(Task.Run(nodeA.CreateClient), Task.Run(nodeB.CreateClient));
            var signIn = await SignInAsync(nodeA);
            if (!NodesRunTogether) await nodeA.DisposeAsync();

            await AssertAcceptedAsync(nodeB, signIn);
        }
        finally
        {
            await nodeA.DisposeAsync();
            await nodeB.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_stored_keys_are_encrypted_with_the_certificate_and_a_node_without_it_refuses_the_sign_ins()
    {
        var database = await NewDatabaseAsync("key_ring_encrypted");
        var withCertificate = fixtures.WithCertificate(Node(database, "with-certificate"));
        var withoutCertificate = Node(database, "without-certificate");
        try
        {
            var signIn = await SignInAsync(withCertificate);
            var encrypted = await StoredKeysAsync(database);
            Assert.NotEmpty(encrypted);
            Assert.All(encrypted, xml => Assert.False(KeyRingFixtures.HoldsPlaintextSecret(xml), "a key is stored in the clear: " + xml));
            Assert.All(encrypted, xml => Assert.Contains("EncryptedData", xml, StringComparison.Ordinal));
            if (!NodesRunTogether) await withCertificate.DisposeAsync();

            await AssertRefusedAsync(withoutCertificate, signIn);

            // It could read no key, so it made one of its own, in the clear (Development allows that): the check above sees such a key.
            var added = (await StoredKeysAsync(database)).Except(encrypted).ToList();
            Assert.NotEmpty(added);
            Assert.All(added, xml => Assert.True(KeyRingFixtures.HoldsPlaintextSecret(xml)));
        }
        finally
        {
            await withCertificate.DisposeAsync();
            await withoutCertificate.DisposeAsync();
        }
    }

    [Fact]
    public async Task Outside_Development_a_node_without_a_certificate_does_not_start_and_names_the_setting()
    {
        var node = InProduction(Node(await NewDatabaseAsync("no_certificate"), "production"));
        try
        {
            var failure = await StartFailureAsync(node);
            Assert.Contains(KeyRing.CertificatePathKey, failure, StringComparison.Ordinal);
            Assert.Contains(KeyRing.AllowUnprotectedKeysKey, failure, StringComparison.Ordinal);
        }
        finally
        {
            await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_certificate_that_cannot_be_read_stops_the_start_naming_the_setting_and_the_file()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-certificate-" + Guid.NewGuid().ToString("N") + ".pfx");
        var node = InProduction(Node(await NewDatabaseAsync("bad_certificate"), "production"))
            .WithSetting(KeyRing.CertificatePathKey, missing);
        try
        {
            var failure = await StartFailureAsync(node);
            Assert.Contains(KeyRing.CertificatePathKey, failure, StringComparison.Ordinal);
            Assert.Contains(missing, failure, StringComparison.Ordinal);
        }
        finally
        {
            await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task Outside_Development_the_opt_out_starts_without_a_certificate_and_warns_that_the_keys_are_unencrypted()
    {
        var logs = new CapturedLogs();
        var node = InProduction(Node(await NewDatabaseAsync("opt_out"), "production"))
            .WithSetting(KeyRing.AllowUnprotectedKeysKey, "true")
            .WithServices(services => services.AddSingleton<ILoggerProvider>(logs));
        try
        {
            await (await node.CreateClient().GetAsync("/health/ready")).ExpectAsync(HttpStatusCode.OK);
            Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning
                && e.Message.Contains(KeyRing.AllowUnprotectedKeysKey, StringComparison.Ordinal)
                && e.Message.Contains("unencrypted", StringComparison.Ordinal));
        }
        finally
        {
            await node.DisposeAsync();
        }
    }

    private CarePathwayAppFactory Node(string database, string installName) =>
        new ExistingDatabaseAppFactory(Provider, database).WithSetting("contentRoot", fixtures.NewInstallDirectory(installName));

    private static CarePathwayAppFactory InProduction(CarePathwayAppFactory node) => node.WithSetting("environment", "Production");

    private async Task<List<string>> StoredKeysAsync(string database)
    {
        await using var db = TestDatabases.CreateContext(Provider, database);
        return await db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml!).ToListAsync();
    }

    /// <summary>The clinician signs in on <paramref name="node"/> twice: once for a cookie, once for tokens.</summary>
    private static async Task<SignIn> SignInAsync(CarePathwayAppFactory node)
    {
        var client = new CarePathwayApi(node).Anonymous();
        var credentials = new { userName = DemoUsers.Clinician, password = SecuritySeeder.DemoPassword };
        var cookieLogin = await client.PostJsonAsync("/api/auth/login?useCookies=true", credentials);
        await cookieLogin.ExpectAsync(HttpStatusCode.OK);
        var cookie = cookieLogin.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SecurityExtensions.CookieName + "=", StringComparison.Ordinal));
        var tokens = await (await client.PostJsonAsync("/api/auth/login", credentials)).ExpectAsync(HttpStatusCode.OK);
        return new SignIn(cookie.Split(';')[0], tokens.Str("accessToken"), tokens.Str("refreshToken"));
    }

    private static async Task AssertAcceptedAsync(CarePathwayAppFactory node, SignIn signIn)
    {
        var client = new CarePathwayApi(node).Anonymous();
        Assert.Equal(DemoUsers.Clinician, (await (await MeAsync(client, "Authorization", "Bearer " + signIn.AccessToken)).ExpectAsync(HttpStatusCode.OK)).Str("name"));
        Assert.Equal(DemoUsers.Clinician, (await (await MeAsync(client, "Cookie", signIn.Cookie)).ExpectAsync(HttpStatusCode.OK)).Str("name"));
        var refreshed = await (await client.PostJsonAsync("/api/auth/refresh", new { refreshToken = signIn.RefreshToken })).ExpectAsync(HttpStatusCode.OK);
        Assert.False(string.IsNullOrEmpty(refreshed.Str("accessToken")));
    }

    private static async Task AssertRefusedAsync(CarePathwayAppFactory node, SignIn signIn)
    {
        var client = new CarePathwayApi(node).Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(client, "Authorization", "Bearer " + signIn.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(client, "Cookie", signIn.Cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostJsonAsync("/api/auth/refresh", new { refreshToken = signIn.RefreshToken })).StatusCode);
    }

    private static Task<HttpResponseMessage> MeAsync(HttpClient client, string header, string value)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.TryAddWithoutValidation(header, value);
        return client.SendAsync(request);
    }

    /// <summary>Starts the node, which must fail; answers every message of the failure's exception chain.</summary>
    private static async Task<string> StartFailureAsync(CarePathwayAppFactory node)
    {
        var failure = await Record.ExceptionAsync(() => Task.Run(node.CreateClient));
        Assert.NotNull(failure);
        var messages = new List<string>();
        for (var e = failure; e is not null; e = e.InnerException) messages.Add(e.Message);
        return string.Join(Environment.NewLine, messages);
    }
}

public sealed class SqliteSharedKeyRingTests(SqliteDatabase database, KeyRingFixtures fixtures)
    : SharedKeyRingTests(fixtures), IClassFixture<SqliteDatabase>, IClassFixture<KeyRingFixtures>
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task<string> NewDatabaseAsync(string purpose) => Task.FromResult(database.CreateExtra(purpose));
}

public sealed class PostgresSharedKeyRingTests(PostgresDatabase database, KeyRingFixtures fixtures)
    : SharedKeyRingTests(fixtures), IClassFixture<PostgresDatabase>, IClassFixture<KeyRingFixtures>
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override Task<string> NewDatabaseAsync(string purpose) => database.CreateExtraAsync(purpose);
}
