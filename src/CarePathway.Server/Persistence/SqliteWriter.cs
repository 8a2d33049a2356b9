namespace CarePathway.Server.Persistence;

/// <summary>
/// One writer at a time on SQLite, waited for asynchronously. SQLite lets one transaction write at a time; when
/// several requests begin write transactions together, the provider's busy handler sleeps each waiting request's
/// thread, and under a ward's load (50 clients) that starved the thread pool: p99 of 36 s, every client stuck at
/// 200. Queuing writers here instead waits without holding a thread, and a write transaction then never meets
/// another one. Readers are not queued (WAL lets them read beside the writer). On PostgreSQL it does nothing:
/// its row locks and the instances' row versions already let writers run side by side.
/// </summary>
public sealed class SqliteWriter(DatabaseSettings settings) : IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>True while this flow of execution holds the turn, so a write inside a write does not wait for itself.</summary>
    private readonly AsyncLocal<bool> _holding = new();

    public async Task<T> WriteAsync<T>(Func<Task<T>> write, CancellationToken ct)
    {
        if (settings.Provider != DatabaseProvider.Sqlite || _holding.Value) return await write();
        await _turn.WaitAsync(ct);
        _holding.Value = true;
        try
        {
            return await write();
        }
        finally
        {
            _holding.Value = false;
            _turn.Release();
        }
    }

    public void Dispose() => _turn.Dispose();
}
