namespace CarePathway.Engine.Tests.Testing;

/// <summary>Finds the repository root (where CarePathway.sln lives) from the test's output folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Workflows => Path.Combine(Root, "workflows");

    public static string Scenarios => Path.Combine(Root, "tests", "scenarios");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CarePathway.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException($"no CarePathway.sln above {AppContext.BaseDirectory}");
    }
}
