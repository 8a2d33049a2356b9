using System.Collections.Frozen;

namespace CarePathway.Engine.Execution;

/// <summary>
/// Which status may follow which: the one place a lifecycle is written down. Code that changes a status asks
/// <see cref="Check"/>, so an illegal change (a completed instance running again, a cancelled task completed)
/// fails loudly instead of being stored. Every status must be listed, a final one with no successors, so a
/// new member cannot be added without deciding where it may go.
/// </summary>
public sealed class TransitionTable<TStatus> where TStatus : struct, Enum
{
    private readonly FrozenDictionary<TStatus, FrozenSet<TStatus>> _allowed;

    public TransitionTable(IReadOnlyDictionary<TStatus, TStatus[]> allowed)
    {
        var missing = Enum.GetValues<TStatus>().Where(s => !allowed.ContainsKey(s)).ToList();
        if (missing.Count > 0)
            throw new ArgumentException($"{typeof(TStatus).Name} transitions do not list {string.Join(", ", missing)}", nameof(allowed));
        _allowed = allowed.ToFrozenDictionary(p => p.Key, p => p.Value.ToFrozenSet());
    }

    /// <summary>Whether a status <paramref name="from"/> may change to <paramref name="to"/>; staying put counts only where listed.</summary>
    public bool CanBecome(TStatus from, TStatus to) => _allowed[from].Contains(to);

    /// <summary>
    /// <paramref name="to"/>, if <paramref name="subject"/> (e.g. "task 3f2…") may go there from <paramref name="from"/>;
    /// otherwise throws <see cref="IllegalTransitionException"/>.
    /// </summary>
    public TStatus Check(string subject, TStatus from, TStatus to) =>
        CanBecome(from, to) ? to : throw new IllegalTransitionException(subject, from.WireName(), to.WireName());
}

/// <summary>A status change its transition table forbids; nothing was changed (a host answers 409).</summary>
public sealed class IllegalTransitionException(string subject, string from, string to)
    : InvalidOperationException($"{subject} is {from} and cannot become {to}");
