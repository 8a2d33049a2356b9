using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CarePathway.Server.Persistence;

/// <summary>
/// The migrations of the active provider only. Each provider has its own generated chain and model snapshot in
/// <c>Persistence/Migrations/Sqlite</c> and <c>Persistence/Migrations/Postgres</c> (one namespace each), all in this
/// assembly for the one <see cref="CarePathwayDbContext"/>; EF's own lookup would take every migration of the context
/// from both folders. Used at run time and by <c>dotnet ef</c> alike (it is set in <see cref="PersistenceExtensions.ConfigureProvider"/>),
/// so a migration added for one provider lands beside that provider's snapshot.
/// </summary>
public sealed class ProviderMigrationsAssembly : IMigrationsAssembly
{
    private readonly string migrationsNamespace;
    private readonly IMigrationsIdGenerator idGenerator;
    private IReadOnlyDictionary<string, TypeInfo>? migrations;
    private ModelSnapshot? modelSnapshot;
    private bool snapshotLookedUp;

    public ProviderMigrationsAssembly(ICurrentDbContext currentContext, IMigrationsIdGenerator idGenerator)
    {
        migrationsNamespace = NamespaceOf(ProviderOf(currentContext.Context.Database));
        this.idGenerator = idGenerator;
    }

    /// <summary>The namespace (and folder under <c>Persistence/Migrations</c>) of a provider's migrations.</summary>
    public static string NamespaceOf(DatabaseProvider provider) => $"{typeof(CarePathwayDbContext).Namespace}.Migrations.{provider}";

    private static DatabaseProvider ProviderOf(DatabaseFacade database) =>
        database.IsSqlite() ? DatabaseProvider.Sqlite
        : database.IsNpgsql() ? DatabaseProvider.Postgres
        : throw new InvalidOperationException($"No migrations for provider {database.ProviderName}.");

    public Assembly Assembly => typeof(CarePathwayDbContext).Assembly;

    public IReadOnlyDictionary<string, TypeInfo> Migrations => migrations ??= FindMigrations();

    public ModelSnapshot? ModelSnapshot
    {
        get
        {
            if (!snapshotLookedUp)
            {
                modelSnapshot = ProviderTypes()
                    .Where(type => type.IsSubclassOf(typeof(ModelSnapshot)))
                    .Select(type => (ModelSnapshot)Activator.CreateInstance(type)!)
                    .SingleOrDefault();
                snapshotLookedUp = true;
            }

            return modelSnapshot;
        }
    }

    public string? FindMigrationId(string nameOrId) =>
        Migrations.Keys.FirstOrDefault(idGenerator.IsValidId(nameOrId)
            ? id => string.Equals(id, nameOrId, StringComparison.OrdinalIgnoreCase)
            : id => string.Equals(idGenerator.GetName(id), nameOrId, StringComparison.OrdinalIgnoreCase));

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        var migration = (Migration)Activator.CreateInstance(migrationClass.AsType())!;
        migration.ActiveProvider = activeProvider;
        return migration;
    }

    private SortedList<string, TypeInfo> FindMigrations()
    {
        var found = new SortedList<string, TypeInfo>(StringComparer.Ordinal);
        foreach (var type in ProviderTypes().Where(type => type.IsSubclassOf(typeof(Migration))))
        {
            var id = type.GetCustomAttribute<MigrationAttribute>()?.Id
                ?? throw new InvalidOperationException($"Migration {type.FullName} has no [Migration] id.");
            found.Add(id, type);
        }

        return found;
    }

    private IEnumerable<TypeInfo> ProviderTypes() =>
        Assembly.DefinedTypes.Where(type =>
            type.Namespace == migrationsNamespace
            && !type.IsAbstract
            && type.GetCustomAttribute<DbContextAttribute>()?.ContextType == typeof(CarePathwayDbContext));
}
