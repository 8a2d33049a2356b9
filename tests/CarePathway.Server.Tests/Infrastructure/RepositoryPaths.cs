namespace CarePathway.Server.Tests.Infrastructure;

/// <summary>Files of the repository the tests read (the shipped pathways, scenarios, the web app's snapshot).</summary>
public static class RepositoryPaths
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CarePathway.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("CarePathway.sln not found above " + AppContext.BaseDirectory);
    }

    public static string Of(params string[] parts) => Path.Combine([Root(), .. parts]);
}
