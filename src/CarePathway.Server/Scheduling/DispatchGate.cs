using CarePathway.Server.Persistence;
using Npgsql;

namespace CarePathway.Server.Scheduling;

/// <summary>
/// One timer-outbox dispatch pass at a time: in this process (the commit-signalled loop, the start-up pass and the
/// recurring sweep) and, on PostgreSQL, across every node (a session advisory lock on a job-storage connection; a
/// node that dies releases it with its connection). Passes that overlapped each read the same pending rows and each
/// gave them a Hangfire job: the timer benchmark found up to four jobs per timer and a queue four times longer than
/// the timers, late by minutes. Serialised, a pass reads only what the one before left pending.
/// </summary>
internal sealed class DispatchGate(DatabaseSettings database, JobStorageFactory storage) : IDisposable
{
    private const long LockKey = 0x43505F54494D4552; // "CP_TIMER"

    private readonly SemaphoreSlim inProcess = new(1, 1);

    public async Task<IAsyncDisposable> EnterAsync(CancellationToken ct)
    {
        await inProcess.WaitAsync(ct);
        if (database.Provider != DatabaseProvider.Postgres) return new Held(this, null);
        NpgsqlConnection? connection = null;
        try
        {
            connection = new NpgsqlConnection(storage.JobsConnectionString());
            await connection.OpenAsync(ct);
            // No command timeout: the wait lasts as long as another node's pass (a start-up dispatch of many rows on a
            // loaded machine outlasted Npgsql's 30 s and failed that node's start, the crash test found); a pass whose
            // node dies releases the lock with its connection, and stopping cancels the wait.
            await using (var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection) { CommandTimeout = 0 })
            {
                command.Parameters.AddWithValue("key", LockKey);
                await command.ExecuteNonQueryAsync(ct);
            }

            return new Held(this, connection);
        }
        catch
        {
            if (connection is not null) await connection.DisposeAsync();
            inProcess.Release();
            throw;
        }
    }

    public void Dispose() => inProcess.Dispose();

    private sealed class Held(DispatchGate gate, NpgsqlConnection? connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                // Closing the session releases its advisory lock (the connection is not reused with it held: pooling
                // resets the session with DISCARD ALL, which releases session locks too).
                if (connection is not null)
                {
                    await using (var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection))
                    {
                        command.Parameters.AddWithValue("key", LockKey);
                        await command.ExecuteNonQueryAsync();
                    }

                    await connection.DisposeAsync();
                }
            }
            finally
            {
                gate.inProcess.Release();
            }
        }
    }
}
