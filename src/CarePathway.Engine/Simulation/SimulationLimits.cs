namespace CarePathway.Engine.Simulation;

/// <summary>
/// How much one simulation may do: a pathway that loops (a 1 s delay back to itself) would otherwise run until
/// its virtual end and fill memory with its timeline. A simulation that reaches a limit stops there and says which
/// (<see cref="SimulationResult.StoppedBy"/>); what it did until then is kept.
/// </summary>
/// <param name="MaxSteps">Happenings taken from the agenda (timers fired, answers given, results recorded).</param>
/// <param name="MaxTimelineEntries">Entries of the timeline.</param>
public sealed record SimulationLimits(int MaxSteps, int MaxTimelineEntries)
{
    /// <summary>Far above any real course (the two-year CRMO course takes about a thousand steps), well below a runaway loop.</summary>
    public static SimulationLimits Default { get; } = new(100_000, 100_000);

    /// <summary>The limit reached after <paramref name="steps"/> steps with <paramref name="entries"/> timeline entries, or null.</summary>
    internal string? Reached(int steps, int entries) =>
        steps >= MaxSteps ? $"steps: the simulation stopped after {MaxSteps} steps (its step limit)"
        : entries >= MaxTimelineEntries ? $"output: the simulation stopped at {MaxTimelineEntries} timeline entries (its output limit)"
        : null;
}
