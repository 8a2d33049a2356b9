namespace CarePathway.Engine.Simulation;

/// <summary>
/// How much one simulation may do: a pathway that loops (a 1 s delay back to itself) would otherwise run until
/// its virtual end and fill memory with its timeline. A simulation that reaches a limit stops there and says which
/// (<see cref="SimulationResult.StoppedBy"/>); what it did until then is kept.
/// </summary>
/// <remarks>
/// A loop can also run between the pathway and the scenario's answers without the clock moving: a dose recorded as not
/// given, its review taking "give later" at once, the dose asked for again and, the last answer repeating, not given
/// again. Each round is a few steps, but what it records grows (every review lists the cycle's missed doses), so within
/// the step limit it took minutes and tens of gigabytes; <see cref="MaxStepsWithoutTimePassing"/> stops it early.
/// </remarks>
/// <param name="MaxSteps">Happenings taken from the agenda (timers fired, answers given, results recorded).</param>
/// <param name="MaxTimelineEntries">Entries of the timeline.</param>
public sealed record SimulationLimits(int MaxSteps, int MaxTimelineEntries)
{
    /// <summary>Far above any real course (the two-year CRMO course takes about a thousand steps), well below a runaway loop.</summary>
    public static SimulationLimits Default { get; } = new(100_000, 100_000);

    /// <summary>
    /// Steps in a row that happen within one second of simulated time: far above a real course's busiest moment (every
    /// shipped pathway's scenarios, the two-year CRMO course among them, run to their end under it).
    /// </summary>
    public int MaxStepsWithoutTimePassing { get; init; } = 1_000;

    /// <summary>
    /// The limit reached after <paramref name="steps"/> steps, <paramref name="stalledSteps"/> of them in a row within a
    /// second, with <paramref name="entries"/> timeline entries; or null.
    /// </summary>
    internal string? Reached(int steps, int stalledSteps, int entries) =>
        steps >= MaxSteps ? $"steps: the simulation stopped after {MaxSteps} steps (its step limit)"
        : entries >= MaxTimelineEntries ? $"output: the simulation stopped at {MaxTimelineEntries} timeline entries (its output limit)"
        : stalledSteps >= MaxStepsWithoutTimePassing
            ? $"stalled: the simulation stopped after {MaxStepsWithoutTimePassing} steps within one second of simulated time (the pathway and the scenario's answers answer each other in a loop)"
        : null;
}
