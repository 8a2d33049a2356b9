using CarePathway.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CarePathway.Server.Features.Live;

/// <summary>Configuration section <c>LiveUpdates</c>: how often a node looks for pathway changes to push to open pages.</summary>
public sealed class LiveUpdateOptions
{
    public const string SectionName = "LiveUpdates";

    /// <summary>How often the database's change sequence is read while a page listens (one indexed query per node).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often an idle stream sends a comment, so proxies and browsers keep it open.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>
/// What tells open pages that something changed: the journal's highest id, read from the database by every node
/// (not an in-process event, so a task completed on another node is seen too). Every change of a task (created,
/// completed, cancelled, claimed, assigned, released) and of a pathway is journaled in the same transaction, so the
/// sequence moves exactly when a worklist may have. Polled only while someone listens.
/// </summary>
internal sealed class ChangeFeed(IServiceScopeFactory scopes, TimeProvider clock, IOptions<LiveUpdateOptions> options, ILogger<ChangeFeed> logger)
    : BackgroundService
{
    private long _sequence = -1;
    private int _listeners;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The journal's highest id when last read; -1 before the first read.</summary>
    public long Sequence => Interlocked.Read(ref _sequence);

    /// <summary>Counts a listener for as long as the answer is held: the feed polls only while there is one.</summary>
    public IDisposable Listen()
    {
        Interlocked.Increment(ref _listeners);
        return new Listener(this);
    }

    /// <summary>Completes once the sequence is other than <paramref name="seen"/> (at once if it is already).</summary>
    public Task WaitForChangeAsync(long seen, CancellationToken ct)
    {
        // Taken before the check: a change published between the two completes this one.
        var changed = Volatile.Read(ref _changed);
        return Sequence != seen ? Task.CompletedTask : changed.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (Volatile.Read(ref _listeners) == 0) continue;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var latest = await scope.ServiceProvider.GetRequiredService<CarePathwayDbContext>().JournalEntries.MaxAsync(e => (long?)e.Id, stoppingToken) ?? 0;
                if (latest != Sequence) Publish(latest);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database is busy or away: pages keep what they show and hear of the change at the next read.
                logger.LogWarning(ex, "Reading the change sequence failed; will retry.");
            }
        }
    }

    private void Publish(long sequence)
    {
        Interlocked.Exchange(ref _sequence, sequence);
        var previous = Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        previous.TrySetResult();
    }

    private sealed class Listener(ChangeFeed feed) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) Interlocked.Decrement(ref feed._listeners);
        }
    }
}
