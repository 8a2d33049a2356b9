using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using CarePathway.Engine.Runtime;
using CarePathway.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CarePathway.Server.Scheduling;

/// <summary>Wakes the outbox loop of <see cref="JobServerHostedService"/>; notifications coalesce.</summary>
public sealed class TimerOutboxSignal
{
    private readonly Channel<bool> channel = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => channel.Writer.TryWrite(true);

    /// <summary>Waits for a notification (notifications sent meanwhile count as one).</summary>
    public async Task WaitAsync(CancellationToken ct)
    {
        await channel.Reader.WaitToReadAsync(ct);
        channel.Reader.TryRead(out _);
    }
}

/// <summary>
/// After a commit that added or changed timer requests (a SaveChanges outside a transaction, or the commit of the
/// transaction it ran in: the loop must not look before the rows are visible), signals the outbox loop, so the
/// features layer's timers are handed to Hangfire at once without the request doing it.
/// </summary>
internal sealed class TimerOutboxInterceptor(TimerOutboxSignal signal) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, object> pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Signal(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Signal(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    private void Note(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var touched = context.ChangeTracker.Entries<TimerRequest>().Any(e =>
            e.State is EntityState.Added or EntityState.Modified
            && e.Entity.State is TimerState.Pending or TimerState.Cancelled);
        if (touched)
        {
            pending.AddOrUpdate(context, true);
        }
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Signal(eventData.Context, committed: true);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Signal(eventData.Context, committed: true);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Forget(DbContext? context)
    {
        if (context is not null) pending.Remove(context);
    }

    private void Signal(DbContext? context, bool committed = false)
    {
        if (context is null || (!committed && context.Database.CurrentTransaction is not null)) return;
        if (pending.Remove(context)) signal.Notify();
    }
}
