using CarePathway.Engine.Runtime;
using CarePathway.Server.Persistence;
using CarePathway.Server.Scheduling;
using CarePathway.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Tests.Scheduling;

/// <summary>The timer outbox on Hangfire: each harness is one process (on SQLite with its own in-memory job storage).</summary>
public abstract class TimerSchedulingTests
{
    protected abstract DatabaseProvider Provider { get; }

    protected abstract Task<string> NewDatabaseAsync(string purpose);

    [Fact]
    public async Task A_timer_dispatched_before_a_shutdown_fires_once_in_the_next_process_even_when_overdue()
    {
        var connectionString = await NewDatabaseAsync("restart");
        var handler = new RecordingTimerHandler();
        string bookmarkId;

        await using (var first = new SchedulingHarness(Provider, connectionString, handler))
        {
            await first.MigrateAsync();
            bookmarkId = await first.AddTimerRequestAsync(DateTimeOffset.UtcNow.AddSeconds(1));
            Assert.Equal(new TimerDispatchResult(1, 0), await first.DispatchAsync());
            // The job server never ran: this "process" goes down before the timer is due.
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(handler.Fired);

        await using var second = new SchedulingHarness(Provider, connectionString, handler);
        await second.StartAsync();

        Assert.True(await handler.WaitForAsync(1, TimeSpan.FromSeconds(30)), "The timer did not fire after the restart.");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(bookmarkId, Assert.Single(handler.Fired).BookmarkId);
        var request = await second.WithDbAsync(db => db.TimerRequests.SingleAsync(x => x.Id == bookmarkId));
        Assert.Equal(TimerState.Fired, request.State);
    }

    [Fact]
    public async Task A_request_committed_but_never_dispatched_is_dispatched_at_start_up_and_fires_now_when_overdue()
    {
        var connectionString = await NewDatabaseAsync("outbox");
        var handler = new RecordingTimerHandler();
        await using var harness = new SchedulingHarness(Provider, connectionString, handler);
        await harness.MigrateAsync();
        var bookmarkId = await harness.AddTimerRequestAsync(DateTimeOffset.UtcNow.AddHours(-2));

        await harness.StartAsync();

        Assert.True(await handler.WaitForAsync(1, TimeSpan.FromSeconds(30)), "The overdue timer did not fire.");
        Assert.Equal(bookmarkId, Assert.Single(handler.Fired).BookmarkId);
    }

    [Fact]
    public async Task Dispatch_passes_at_the_same_moment_give_each_timer_one_job()
    {
        var connectionString = await NewDatabaseAsync("concurrent");
        await using var harness = new SchedulingHarness(Provider, connectionString, new RecordingTimerHandler());
        await harness.MigrateAsync();
        for (var i = 0; i < 50; i++) await harness.AddTimerRequestAsync(DateTimeOffset.UtcNow.AddHours(1));

        // The commit-signalled loop, the recurring sweep and (on PostgreSQL) the other nodes' loops, all at once.
        var passes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(harness.DispatchAsync)));

        Assert.Equal(50, passes.Sum(p => p.Scheduled));
        Assert.Equal(50, harness.ScheduledJobs);
    }

    [Fact]
    public async Task A_timer_dispatched_twice_fires_once_and_a_cancelled_one_never_and_leaves_no_job()
    {
        var connectionString = await NewDatabaseAsync("idempotent");
        var handler = new RecordingTimerHandler();
        await using var harness = new SchedulingHarness(Provider, connectionString, handler);
        await harness.MigrateAsync();
        // Due late enough that every dispatch below still schedules (a due time already passed is enqueued instead,
        // which the count of scheduled jobs would miss) on a loaded machine.
        var keep = await harness.AddTimerRequestAsync(DateTimeOffset.UtcNow.AddSeconds(10));
        var cancel = await harness.AddTimerRequestAsync(DateTimeOffset.UtcNow.AddSeconds(10));

        Assert.Equal(new TimerDispatchResult(2, 0), await harness.DispatchAsync());
        Assert.Equal(new TimerDispatchResult(0, 0), await harness.DispatchAsync());
        // Handed back (a resume): dispatched again, a new job, and the old one is deleted.
        await harness.MoveAsync(keep, TimerState.Pending);
        Assert.Equal(new TimerDispatchResult(1, 0), await harness.DispatchAsync());
        Assert.Equal(2, harness.ScheduledJobs);

        // Cancelled: the row goes and so does its job, leaving nothing scheduled for it.
        await harness.MoveAsync(cancel, TimerState.Cancelled);
        Assert.Equal(new TimerDispatchResult(0, 1), await harness.DispatchAsync());
        Assert.Equal(new TimerDispatchResult(0, 0), await harness.DispatchAsync());
        Assert.Equal(1, harness.ScheduledJobs);
        await harness.StartAsync();

        Assert.True(await handler.WaitForAsync(1, TimeSpan.FromSeconds(30)), "The timer did not fire.");
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(keep, Assert.Single(handler.Fired).BookmarkId);
        Assert.Equal(
            [(keep, TimerState.Fired)],
            (await harness.WithDbAsync(db => db.TimerRequests.Select(x => new { x.Id, x.State }).ToListAsync())).Select(x => (x.Id, x.State)));
    }

    [Fact]
    public async Task A_timer_handed_back_while_its_refused_run_is_still_finishing_fires_again()
    {
        var connectionString = await NewDatabaseAsync("reissue");
        var handler = new FirstRunHeldHandler();
        await using var harness = new SchedulingHarness(Provider, connectionString, handler);
        await harness.MigrateAsync();
        var bookmarkId = await harness.AddTimerRequestAsync(DateTimeOffset.UtcNow.AddSeconds(-1));
        await harness.StartAsync();
        await handler.FirstRunStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The instance was suspended, so that first run is refused; the resume hands the timer back while it is still going.
        await harness.MoveAsync(bookmarkId, TimerState.Pending);
        // The started job server's loop, signalled by the hand-back, or this pass: passes take turns, so one of them
        // gives it its new job and the other finds nothing left pending.
        await harness.DispatchAsync();
        Assert.Equal(TimerState.Scheduled, await harness.WithDbAsync(db => db.TimerRequests.Where(x => x.Id == bookmarkId).Select(x => x.State).SingleAsync()));
        handler.ReleaseFirstRun();

        await Eventually.UntilAsync(() => Task.FromResult(handler.Runs), runs => runs >= 2, "the handed-back timer to fire again");
    }

    [Fact]
    public async Task A_timer_job_that_runs_early_waits_for_the_due_time_or_reschedules_itself()
    {
        var connectionString = await NewDatabaseAsync("early");
        var handler = new RecordingTimerHandler();
        await using var harness = new SchedulingHarness(Provider, connectionString, handler);
        await harness.MigrateAsync();
        var soon = await harness.AddTimerAsync(DateTimeOffset.UtcNow.AddSeconds(2));
        var later = await harness.AddTimerAsync(DateTimeOffset.UtcNow.AddHours(1));
        var dueSoon = await harness.WithDbAsync(db => db.TimerRequests.Where(x => x.Id == soon.BookmarkId).Select(x => x.DueAt).SingleAsync());

        // Hangfire fires delayed jobs up to a second early; these run well before their due times.
        await harness.FireJobAsync(soon.InstanceId, soon.BookmarkId);
        await harness.FireJobAsync(later.InstanceId, later.BookmarkId);

        var fired = Assert.Single(handler.Fired);
        Assert.Equal(soon.BookmarkId, fired.BookmarkId);
        Assert.True(fired.At >= dueSoon, $"The timer due at {dueSoon:O} was delivered early, at {fired.At:O}.");
        Assert.Equal(1, harness.ScheduledJobs);
        Assert.Equal(TimerState.Pending, await harness.WithDbAsync(db => db.TimerRequests.Where(x => x.Id == later.BookmarkId).Select(x => x.State).SingleAsync()));
    }

    /// <summary>Holds the first run of any timer until released, as a run still finishing when its timer is handed back.</summary>
    private sealed class FirstRunHeldHandler : ITimerFiredHandler
    {
        private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int runs;

        public TaskCompletionSource FirstRunStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Runs => Volatile.Read(ref runs);

        public async Task HandleAsync(Guid instanceId, string bookmarkId, CancellationToken ct)
        {
            if (Interlocked.Increment(ref runs) != 1) return;
            FirstRunStarted.SetResult();
            await release.Task.WaitAsync(ct);
        }

        public void ReleaseFirstRun() => release.SetResult();
    }
}

public sealed class SqliteTimerSchedulingTests(SqliteDatabase database) : TimerSchedulingTests, IClassFixture<SqliteDatabase>
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task<string> NewDatabaseAsync(string purpose) => Task.FromResult(database.CreateExtra(purpose));
}

public sealed class PostgresTimerSchedulingTests(PostgresDatabase database) : TimerSchedulingTests, IClassFixture<PostgresDatabase>
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override Task<string> NewDatabaseAsync(string purpose) => database.CreateExtraAsync(purpose);
}
