namespace CarePathway.Server.Persistence;

/// <summary>The database behind the server: configuration key <c>Database:Provider</c>.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The resolved database settings, shared by EF Core and the Hangfire job storage.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string ConnectionStringName = "CarePathway";

    public static DatabaseSettings FromConfiguration(IConfiguration configuration, string contentRootPath)
    {
        var providerText = configuration["Database:Provider"];
        var provider = string.IsNullOrWhiteSpace(providerText)
            ? DatabaseProvider.Sqlite
            : Enum.TryParse<DatabaseProvider>(providerText, ignoreCase: true, out var parsed)
                ? parsed
                : providerText.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase) || providerText.Equals("Npgsql", StringComparison.OrdinalIgnoreCase)
                    ? DatabaseProvider.Postgres
                    : throw new InvalidOperationException($"Database:Provider '{providerText}' is not supported; use Sqlite or Postgres.");

        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == DatabaseProvider.Postgres)
            {
                throw new InvalidOperationException(
                    $"Database:Provider is Postgres but ConnectionStrings:{ConnectionStringName} is not set.");
            }

            var dataDirectory = Path.Combine(contentRootPath, "App_Data");
            Directory.CreateDirectory(dataDirectory);
            connectionString = $"Data Source={Path.Combine(dataDirectory, "carepathway.db")}";
        }

        return new DatabaseSettings(provider, connectionString);
    }
}
