using CarePathway.Engine.Runtime;
using CarePathway.Server.Persistence;
using CarePathway.Server.Scheduling;
using CarePathway.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Quartz;
using Quartz.Impl.Matchers;

namespace CarePathway.Server.Tests.Scheduling;

public abstract class TimerSchedulingTests
{
    protected abstract DatabaseProvider Provider { get; }

    protected abstract Task<string> NewDatabaseAsync(string purpose);

    private static string NewSchedulerName() => "test-" + Guid.NewGuid().ToString("N");

    private static async Task<int> TimerJobCountAsync(IScheduler scheduler) =>
        (await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(TimerJob.Group))).Count;

    [Fact]
    public async Task A_timer_scheduled_before_a_shutdown_fires_once_in_the_next_process_even_when_it_misfired()
    {
        var connectionString = await NewDatabaseAsync("restart");
        var schedulerName = NewSchedulerName();
        var handler = new RecordingTimerHandler();
        string bookmarkId;

        await using (var first = new SchedulingHarness(Provider, connectionString, schedulerName, handler, misfireThreshold: TimeSpan.FromSeconds(1)))
        {
            await first.MigrateAsync();
            bookmarkId = await first.AddTimerRequestAsync(DateTimeOffset.UtcNow.AddSeconds(1));
            Assert.Equal(new TimerDispatchResult(1, 0), await first.DispatchAsync());
            // The scheduler was never started: this "process" goes down before the timer is due.
        }

        await Task.Delay(TimeSpan.FromSeconds(3)); // now the trigger is late by more than the misfire threshold
        Assert.Empty(handler.Fired);

        await using var second = new SchedulingHarness(Provider, connectionString, schedulerName, handler, misfireThreshold: TimeSpan.FromSeconds(1));
        var scheduler = await second.Holder.GetSchedulerAsync();
        await scheduler.Start();

        Assert.True(await handler.WaitForAsync(1, TimeSpan.FromSeconds(30)), "The timer did not fire after the restart.");
        await Task.Delay(TimeSpan.FromSeconds(2));
        var fired = Assert.Single(handler.Fired);
        Assert.Equal(bookmarkId, fired.BookmarkId);

        var request = await second.WithDbAsync(db => db.TimerRequests.SingleAsync(x => x.Id == bookmarkId));
        Assert.Equal(TimerState.Fired, request.State);
        Assert.Equal(0, await TimerJobCountAsync(scheduler));
    }

    [Fact]
    public async Task A_request_committed_but_never_dispatched_is_scheduled_at_start_up_and_fires_now_when_overdue()
    {
        var connectionString = await NewDatabaseAsync("outbox");
        var handler = new RecordingTimerHandler();
        await using var harness = new SchedulingHarness(Provider, connectionString, NewSchedulerName(), handler);
        await harness.MigrateAsync();
        var bookmarkId = await harness.AddTimerRequestAsync(DateTimeOffset.UtcNow.AddHours(-2));

        // What SchedulerHostedService does when the host starts.
        var scheduler = await harness.Holder.GetSchedulerAsync();
        await harness.DispatchAsync();
        await scheduler.Start();

        Assert.True(await handler.WaitForAsync(1, TimeSpan.FromSeconds(30)), "The overdue timer did not fire.");
        Assert.Equal(bookmarkId, Assert.Single(handler.Fired).BookmarkId);
    }

    [Fact]
    public async Task Dispatching_the_outbox_is_idempotent_and_cancellation_deletes_the_job()
    {
        var connectionString = await NewDatabaseAsync("idempotent");
        await using var harness = new SchedulingHarness(Provider, connectionString, NewSchedulerName(), new RecordingTimerHandler());
        await harness.MigrateAsync();
        var keep = await harness.AddTimerRequestAsync(DateTimeOffset.UtcNow.AddDays(1));
        var cancel = await harness.AddTimerRequestAsync(DateTimeOffset.UtcNow.AddDays(2));
        var scheduler = await harness.Holder.GetSchedulerAsync();

        Assert.Equal(new TimerDispatchResult(2, 0), await harness.DispatchAsync());
        Assert.Equal(new TimerDispatchResult(0, 0), await harness.DispatchAsync());
        Assert.Equal(2, await TimerJobCountAsync(scheduler));

        // A crash between scheduling and marking leaves the row pending: dispatching again must not duplicate the job.
        await harness.WithDbAsync(db => db.TimerRequests.Where(x => x.Id == keep)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, TimerState.Pending)));
        Assert.Equal(new TimerDispatchResult(1, 0), await harness.DispatchAsync());
        Assert.Equal(2, await TimerJobCountAsync(scheduler));
        Assert.Single(await scheduler.GetTriggersOfJob(TimerJob.KeyFor(keep)));

        await harness.WithDbAsync(db => db.TimerRequests.Where(x => x.Id == cancel)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, TimerState.Cancelled)));
        Assert.Equal(new TimerDispatchResult(0, 1), await harness.DispatchAsync());
        Assert.Equal(new TimerDispatchResult(0, 0), await harness.DispatchAsync());
        Assert.False(await scheduler.CheckExists(TimerJob.KeyFor(cancel)));
        Assert.True(await scheduler.CheckExists(TimerJob.KeyFor(keep)));
        Assert.Equal(
            [TimerState.Scheduled],
            await harness.WithDbAsync(db => db.TimerRequests.Select(x => x.State).ToListAsync()));
    }

    [Fact]
    public async Task A_timer_handed_back_while_its_refused_run_is_still_finishing_fires_again()
    {
        var connectionString = await NewDatabaseAsync("reissue");
        var handler = new FirstRunHeldHandler();
        await using var harness = new SchedulingHarness(Provider, connectionString, NewSchedulerName(), handler);
        await harness.MigrateAsync();
        var bookmarkId = await harness.AddTimerRequestAsync(DateTimeOffset.UtcNow.AddSeconds(-1));
        var scheduler = await harness.Holder.GetSchedulerAsync();
        await harness.DispatchAsync();
        await scheduler.Start();
        await handler.FirstRunStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The instance was suspended, so that first run is refused; the resume hands the timer back while it is still going.
        await harness.WithDbAsync(db => db.TimerRequests.Where(x => x.Id == bookmarkId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, TimerState.Pending)));
        Assert.Equal(new TimerDispatchResult(1, 0), await harness.DispatchAsync());
        handler.ReleaseFirstRun();

        await Eventually.UntilAsync(() => Task.FromResult(handler.Runs), runs => runs >= 2, "the handed-back timer to fire again");
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
