using Microsoft.Data.Sqlite;

namespace CarePathway.Server.Tests.Infrastructure;

/// <summary>Temporary SQLite database files for one test class, deleted afterwards.</summary>
public sealed class SqliteDatabase : IAsyncLifetime
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "carepathway-tests", Guid.NewGuid().ToString("N"));

    public string ConnectionString { get; private set; } = "";

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(directory);
        ConnectionString = CreateExtra("main");
        return Task.CompletedTask;
    }

    public string CreateExtra(string purpose) =>
        new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, $"{purpose}-{Guid.NewGuid():N}.db"), Pooling = false }.ConnectionString;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a file still open by a finalising connection is left in the temp folder.
        }

        return Task.CompletedTask;
    }
}
