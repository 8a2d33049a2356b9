using CarePathway.Server.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CarePathway.Server.Tests.Infrastructure;

/// <summary>
/// The whole server in process (Development environment, so the demo users exist) on its own
/// database. Derived factories choose the provider; one factory serves one test class.
/// </summary>
public abstract class CarePathwayAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>
    /// The test clients share one client address, and the suite signs in far more often than a person: the sign-in
    /// rate limit is lifted here (the tests of the limit set their own).
    /// </summary>
    private readonly Dictionary<string, string?> settings = new(StringComparer.Ordinal) { ["SignIn:PermitLimit"] = "1000000" };

    public abstract DatabaseProvider Provider { get; }

    public string ConnectionString { get; protected set; } = "";

    /// <summary>Extra configuration (e.g. <c>Workflows:Folder</c>); set before the server starts.</summary>
    public CarePathwayAppFactory WithSetting(string key, string? value)
    {
        settings[key] = value;
        return this;
    }

    /// <summary>A second server on this factory's database (and so its job storage on PostgreSQL), as after a restart; it does not own the database.</summary>
    public CarePathwayAppFactory OnSameDatabase() => new ExistingDatabaseAppFactory(Provider, ConnectionString);

    /// <summary>Replaces or adds services (after the server's own); set before the server starts.</summary>
    public CarePathwayAppFactory WithServices(Action<IServiceCollection> configure)
    {
        serviceOverrides.Add(configure);
        return this;
    }

    private readonly List<Action<IServiceCollection>> serviceOverrides = [];

    public virtual Task InitializeAsync() => Task.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:CarePathway", ConnectionString);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => serviceOverrides.ForEach(configure => configure(services)));
    }

    /// <summary>
    /// Stops and disposes the server. Call this one (not <c>await using</c>, which binds to the
    /// base class): when the factory stops the host, the app's own <c>RunAsync</c> sees the
    /// shutdown and stops and disposes the host as well; whichever comes second may find the
    /// job server's services already disposed. The server is down either way.
    /// </summary>
    public new virtual async Task DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        catch (ObjectDisposedException)
        {
            // The app's RunAsync stopped and disposed the host first.
        }
    }

    /// <summary>Runs <paramref name="body"/> against this server, then stops it (see <see cref="DisposeAsync"/>).</summary>
    public async Task<T> RunAsync<T>(Func<CarePathwayAppFactory, Task<T>> body)
    {
        try
        {
            return await body(this);
        }
        finally
        {
            await DisposeAsync();
        }
    }
}

public sealed class SqliteAppFactory : CarePathwayAppFactory
{
    private readonly SqliteDatabase database = new();

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override async Task InitializeAsync()
    {
        await database.InitializeAsync();
        ConnectionString = database.ConnectionString;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await database.DisposeAsync();
    }
}

public sealed class PostgresAppFactory : CarePathwayAppFactory
{
    private readonly PostgresDatabase database = new();

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override async Task InitializeAsync()
    {
        await database.InitializeAsync();
        ConnectionString = database.ConnectionString;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await database.DisposeAsync();
    }
}

/// <summary>
/// A server on a database someone else owns (created and dropped by a fixture or another factory):
/// a restart on the same data, or a second node.
/// </summary>
public sealed class ExistingDatabaseAppFactory : CarePathwayAppFactory
{
    public ExistingDatabaseAppFactory(DatabaseProvider provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
    }

    public override DatabaseProvider Provider { get; }
}
