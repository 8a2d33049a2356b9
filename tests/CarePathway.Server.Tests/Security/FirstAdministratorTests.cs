extern alias cli;

using System.Net;
using cli::CarePathway.Cli.Commands;
using CarePathway.Server.Security;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Security;

/// <summary>
/// A deployment as the README describes it: a fresh PostgreSQL database, the first administrator from
/// <c>carepathway create-admin</c>, a Production server (no demo users), who creates a coordinator through the API.
/// </summary>
public sealed class FirstAdministratorTests
{
    [Fact]
    public async Task The_cli_makes_the_first_administrator_of_a_fresh_database_who_creates_a_coordinator_in_production()
    {
        await using var database = new PostgresDatabase();
        await database.InitializeAsync();
        var (output, error) = (new StringWriter(), new StringWriter());
        var code = await CreateAdminCommand.RunAsync(
            ["--user-name", "site-admin", "--display-name", "Site Administrator", "--database-provider", "Postgres", "--connection", database.ConnectionString],
            new StringReader("first administrator passphrase\n"), output, error);
        Assert.True(code == 0, error.ToString());

        var node = new ExistingDatabaseAppFactory(Server.Persistence.DatabaseProvider.Postgres, database.ConnectionString)
            .WithSetting("environment", "Production")
            .WithSetting(KeyRing.AllowUnprotectedKeysKey, "true");
        await node.RunAsync(async n =>
        {
            var api = CarePathwayApi.For(n);
            await (await api.Anonymous().PostJsonAsync("/api/auth/login", new { userName = DemoUsers.Administrator, password = SecuritySeeder.DemoPassword }))
                .ExpectProblemAsync(HttpStatusCode.Unauthorized);

            var admin = await api.SignInAsync("site-admin", "first administrator passphrase");
            Assert.Equal("Site Administrator", (await admin.GetJsonAsync("/api/auth/me")).Str("displayName"));
            await (await admin.PostJsonAsync("/api/accounts", new { userName = "ward-coordinator", password = AccountTests.GoodPassword, roles = AccountTests.RoleList("coordinator") }))
                .ExpectAsync(HttpStatusCode.Created);
            var coordinator = await api.SignInAsync("ward-coordinator", AccountTests.GoodPassword);
            await coordinator.GetJsonAsync("/api/patients");

            var audit = (await admin.GetJsonAsync("/api/audit?action=account.")).Items();
            Assert.Equal([("cli", "site-admin"), ("site-admin", "ward-coordinator")], audit.Select(a => (a.Str("userName"), a.Str("targetId"))).Reverse());
            return 0;
        });
    }
}
