using CarePathway.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Tests.Infrastructure;

/// <summary>Contexts on a given database, configured exactly as the app configures them.</summary>
public static class TestDatabases
{
    public static CarePathwayDbContext CreateContext(DatabaseSettings settings)
    {
        var options = new DbContextOptionsBuilder<CarePathwayDbContext>();
        PersistenceExtensions.ConfigureProvider(options, settings);
        return new CarePathwayDbContext(options.Options);
    }

    public static CarePathwayDbContext CreateContext(DatabaseProvider provider, string connectionString) =>
        CreateContext(new DatabaseSettings(provider, connectionString));
}
