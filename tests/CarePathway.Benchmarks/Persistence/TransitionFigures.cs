namespace CarePathway.Benchmarks.Persistence;

/// <summary>What one way of committing transitions achieved on one database.</summary>
internal sealed record TransitionFigures(string Database, string Path, IReadOnlyList<double> LatenciesMs, double CommandsPerTransition, double CommandMs, int Commits)
{
    public int Transitions => LatenciesMs.Count;

    public double TotalMs => LatenciesMs.Sum();

    public double PerSecond => Transitions / (TotalMs / 1000.0);

    public double MeanMs => TotalMs / Transitions;

    public double Percentile(double p) => Percentiles.Of(LatenciesMs, p);
}

/// <summary>A database whose rows could not be measured, and why.</summary>
internal sealed record SkippedDatabase(string Database, string Reason);
