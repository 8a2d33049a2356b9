namespace CarePathway.Benchmarks;

/// <summary>Finds the repository root (the folder holding CarePathway.sln) from wherever the benchmark runs.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string SampleWorkflow => Path.Combine(Root, "workflows", "sample-nsaid-review.v1.json");

    public static string SampleScenario => Path.Combine(Root, "tests", "scenarios", "sample-nsaid-review.escalate.json");

    private static string FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CarePathway.sln"))) return dir.FullName;
            }
        }

        throw new InvalidOperationException("CarePathway.sln not found above the current or the program's folder: run the benchmark from inside the repository.");
    }
}
