using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CarePathway.Server.Persistence;

/// <summary>
/// The context <c>dotnet ef</c> works on, for the provider named after <c>--</c>:
/// <c>dotnet ef migrations add Name ... -- --provider Sqlite</c> (or <c>Postgres</c>). Without it the tool would start
/// the whole host (Hangfire, the workflow import) to find a context. No database is opened by <c>migrations add</c>
/// or <c>has-pending-model-changes</c>; a connection string is needed only to name the provider.
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<CarePathwayDbContext>
{
    public CarePathwayDbContext CreateDbContext(string[] args)
    {
        var index = Array.IndexOf(args, "--provider");
        if (index < 0 || index + 1 >= args.Length || !Enum.TryParse<DatabaseProvider>(args[index + 1], ignoreCase: true, out var provider))
        {
            throw new ArgumentException("Name the provider after --: `-- --provider Sqlite` or `-- --provider Postgres` (each has its own migrations).");
        }

        var connectionString = provider == DatabaseProvider.Sqlite ? "Data Source=design-time.db" : "Host=localhost;Database=carepathway";
        var options = new DbContextOptionsBuilder<CarePathwayDbContext>();
        PersistenceExtensions.ConfigureProvider(options, new DatabaseSettings(provider, connectionString));
        return new CarePathwayDbContext(options.Options);
    }
}
