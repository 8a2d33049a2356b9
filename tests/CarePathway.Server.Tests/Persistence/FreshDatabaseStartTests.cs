using System.Net;
using CarePathway.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CarePathway.Server.Tests.Persistence;

/// <summary>
/// A first start on an empty database logs no error: an operator reading the first log of a new install should not
/// find "Failed executing DbCommand" for EF asking whether its history table exists (dotnet/efcore#37328).
/// </summary>
public abstract class FreshDatabaseStartTests(CarePathwayAppFactory fresh)
{
    [Fact]
    public async Task The_first_start_on_an_empty_database_migrates_it_and_logs_no_error()
    {
        var logs = new CapturedLogs();
        await fresh.WithServices(services => services.AddSingleton<ILoggerProvider>(logs)).RunAsync(async node =>
        {
            await (await node.CreateClient().GetAsync("/health/ready")).ExpectAsync(HttpStatusCode.OK);
            return 0;
        });

        Assert.Contains(logs.Entries, e => e.Message.Contains("Applying migration", StringComparison.Ordinal));
        Assert.Empty(logs.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => e.Message));
    }
}

public sealed class SqliteFreshDatabaseStartTests(SqliteAppFactory factory) : FreshDatabaseStartTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresFreshDatabaseStartTests(PostgresAppFactory factory) : FreshDatabaseStartTests(factory), IClassFixture<PostgresAppFactory>;
