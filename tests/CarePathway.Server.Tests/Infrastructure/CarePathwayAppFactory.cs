using CarePathway.Server.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CarePathway.Server.Tests.Infrastructure;

/// <summary>
/// The whole server in process (Development environment, so the demo users exist) on its own
/// database. Derived factories choose the provider; one factory serves one test class.
/// </summary>
public abstract class CarePathwayAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    protected abstract DatabaseProvider Provider { get; }

    protected string ConnectionString { get; set; } = "";

    public virtual Task InitializeAsync() => Task.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:CarePathway", ConnectionString);
        // Quartz keeps schedulers in a process-wide registry by name.
        builder.UseSetting("Scheduling:SchedulerName", "api-test-" + Guid.NewGuid().ToString("N"));
    }

    public new virtual async Task DisposeAsync() => await base.DisposeAsync();
}

public sealed class SqliteAppFactory : CarePathwayAppFactory
{
    private readonly SqliteDatabase database = new();

    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

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

    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

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
