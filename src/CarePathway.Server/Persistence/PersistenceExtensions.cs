using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CarePathway.Server.Persistence;

public static class PersistenceExtensions
{
    /// <summary>
    /// Registers <see cref="CarePathwayDbContext"/> on the configured provider, the resolved
    /// <see cref="DatabaseSettings"/> and <see cref="TimeProvider.System"/> (tests may replace it).
    /// Any <see cref="IInterceptor"/> registered as a singleton is added to every context.
    /// </summary>
    public static IServiceCollection AddPersistence(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => DatabaseSettings.FromConfiguration(
            sp.GetRequiredService<IConfiguration>(),
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
        services.AddSingleton<SqliteWriter>();

        services.AddDbContext<CarePathwayDbContext>((sp, options) =>
        {
            ConfigureProvider(options, sp.GetRequiredService<DatabaseSettings>());
            options.AddInterceptors(sp.GetServices<IInterceptor>());
        });
        return services;
    }

    /// <summary>Provider choice and warnings, shared by the app and by tests that build a context themselves.</summary>
    public static DbContextOptionsBuilder ConfigureProvider(DbContextOptionsBuilder options, DatabaseSettings settings)
    {
        switch (settings.Provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(settings.ConnectionString);
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(settings.ConnectionString);
                break;
            default:
                throw new InvalidOperationException($"Unknown provider {settings.Provider}.");
        }

        // Each provider has its own generated migrations and model snapshot (Persistence/Migrations/<provider>).
        options.ReplaceService<IMigrationsAssembly, ProviderMigrationsAssembly>();
        return options;
    }

    /// <summary>Applies the migrations (both providers), after recognising a database built by the hand-written chain. SQLite is switched to WAL so requests and background jobs can read while one writes.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CarePathwayDbContext>();
        if (db.Database.IsSqlite())
        {
            var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
            if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:")
            {
                var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
                if (directory is not null)
                {
                    Directory.CreateDirectory(directory);
                }
            }

            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        // The history table first: EF reads it to learn whether it exists (Npgsql's ExistsAsync, and MigrateAsync before
        // creating it), and logs that read on a fresh database as a failed command (dotnet/efcore#37328), so an
        // operator's first start showed two errors that were none.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        await LegacyMigrationHistory.AdoptAsync(db, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>
    /// Runs a node's start-up work on the database (migrations, seeding, the workflow import) on PostgreSQL under an
    /// advisory lock: nodes starting together on an empty database take turns, and each after the first finds the
    /// work done. Without it a second node ran the migrations again and failed on "already exists", or seeded the
    /// same role twice. SQLite serves one node, so there it just runs.
    /// </summary>
    public static async Task WithStartupLockAsync(this IServiceProvider services, Func<Task> work, CancellationToken cancellationToken = default)
    {
        var settings = services.GetRequiredService<DatabaseSettings>();
        if (settings.Provider != DatabaseProvider.Postgres)
        {
            await work();
            return;
        }

        await using var connection = new Npgsql.NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        using (PostgresAdvisoryLock.Take(connection, PostgresAdvisoryLock.StartUp))
            await work();
    }
}
