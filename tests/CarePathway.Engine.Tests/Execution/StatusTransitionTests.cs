using CarePathway.Engine.Execution;
using CarePathway.Engine.Runtime;

namespace CarePathway.Engine.Tests.Execution;

/// <summary>
/// The lifecycles, written out a second time: each table must allow exactly the pairs listed here, so changing a
/// lifecycle is a decision made in two places, and every pair not listed must throw.
/// </summary>
public class StatusTransitionTests
{
    private static readonly (InstanceStatus, InstanceStatus)[] InstanceAllowed =
    [
        (InstanceStatus.Running, InstanceStatus.Suspended), (InstanceStatus.Running, InstanceStatus.Faulted),
        (InstanceStatus.Running, InstanceStatus.Completed), (InstanceStatus.Running, InstanceStatus.Cancelled),
        (InstanceStatus.Suspended, InstanceStatus.Running), (InstanceStatus.Suspended, InstanceStatus.Faulted),
        (InstanceStatus.Suspended, InstanceStatus.Cancelled),
        (InstanceStatus.Faulted, InstanceStatus.Running), (InstanceStatus.Faulted, InstanceStatus.Suspended),
        (InstanceStatus.Faulted, InstanceStatus.Cancelled),
    ];

    private static readonly (TokenStatus, TokenStatus)[] TokenAllowed =
    [
        (TokenStatus.Ready, TokenStatus.Waiting), (TokenStatus.Ready, TokenStatus.Parked), (TokenStatus.Ready, TokenStatus.Faulted),
        (TokenStatus.Waiting, TokenStatus.Waiting), (TokenStatus.Waiting, TokenStatus.Faulted),
        (TokenStatus.Parked, TokenStatus.Ready),
        (TokenStatus.Faulted, TokenStatus.Ready), (TokenStatus.Faulted, TokenStatus.Waiting),
    ];

    private static readonly (HumanTaskStatus, HumanTaskStatus)[] TaskAllowed =
    [
        (HumanTaskStatus.Open, HumanTaskStatus.Completed), (HumanTaskStatus.Open, HumanTaskStatus.Cancelled),
    ];

    private static readonly (TimerState, TimerState)[] TimerAllowed =
    [
        (TimerState.Pending, TimerState.Pending), (TimerState.Pending, TimerState.Scheduled),
        (TimerState.Pending, TimerState.Cancelled), (TimerState.Pending, TimerState.Fired),
        (TimerState.Scheduled, TimerState.Pending), (TimerState.Scheduled, TimerState.Cancelled), (TimerState.Scheduled, TimerState.Fired),
        (TimerState.Fired, TimerState.Pending), (TimerState.Fired, TimerState.Cancelled),
    ];

    [Fact]
    public void The_instance_table_allows_exactly_its_lifecycle() => AssertExactly(InstanceStatusTransitions.Table, InstanceAllowed);

    [Fact]
    public void The_path_table_allows_exactly_its_lifecycle() => AssertExactly(TokenStatusTransitions.Table, TokenAllowed);

    [Fact]
    public void The_task_table_allows_exactly_its_lifecycle() => AssertExactly(HumanTaskStatusTransitions.Table, TaskAllowed);

    [Fact]
    public void The_timer_table_allows_exactly_its_lifecycle() => AssertExactly(TimerStateTransitions.Table, TimerAllowed);

    [Fact]
    public void A_forbidden_change_names_the_subject_and_both_statuses()
    {
        var error = Assert.Throws<IllegalTransitionException>(() =>
            HumanTaskStatusTransitions.Table.Check("task 42", HumanTaskStatus.Cancelled, HumanTaskStatus.Completed));

        Assert.Equal("task 42 is cancelled and cannot become completed", error.Message);
        Assert.Throws<IllegalTransitionException>(() => InstanceStatusTransitions.Table.Check("instance 1", InstanceStatus.Completed, InstanceStatus.Running));
        Assert.Throws<IllegalTransitionException>(() => TimerStateTransitions.Table.Check("timer t", TimerState.Fired, TimerState.Fired));
    }

    [Fact]
    public void A_table_must_list_every_status()
    {
        var error = Assert.Throws<ArgumentException>(() => new TransitionTable<HumanTaskStatus>(new Dictionary<HumanTaskStatus, HumanTaskStatus[]>
        {
            [HumanTaskStatus.Open] = [HumanTaskStatus.Completed],
        }));

        Assert.StartsWith("HumanTaskStatus transitions do not list Completed, Cancelled", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Finished_means_completed_or_cancelled()
    {
        Assert.Equal([InstanceStatus.Completed, InstanceStatus.Cancelled], Enum.GetValues<InstanceStatus>().Where(s => s.IsFinished()));
        // A finished instance goes nowhere: the table and IsFinished agree.
        Assert.All(Enum.GetValues<InstanceStatus>().Where(s => s.IsFinished()),
            from => Assert.DoesNotContain(Enum.GetValues<InstanceStatus>(), to => InstanceStatusTransitions.Table.CanBecome(from, to)));
    }

    private static void AssertExactly<TStatus>(TransitionTable<TStatus> table, (TStatus From, TStatus To)[] allowed) where TStatus : struct, Enum
    {
        foreach (var from in Enum.GetValues<TStatus>())
        {
            foreach (var to in Enum.GetValues<TStatus>())
            {
                if (allowed.Contains((from, to)))
                {
                    Assert.True(table.CanBecome(from, to), $"{from} -> {to} should be allowed");
                    Assert.Equal(to, table.Check("it", from, to));
                }
                else
                {
                    Assert.False(table.CanBecome(from, to), $"{from} -> {to} should be forbidden");
                    var error = Assert.Throws<IllegalTransitionException>(() => table.Check("it", from, to));
                    Assert.Equal($"it is {from.WireName()} and cannot become {to.WireName()}", error.Message);
                }
            }
        }
    }
}
