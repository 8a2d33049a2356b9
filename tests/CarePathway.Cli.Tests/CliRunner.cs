using System.Reflection;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace CarePathway.Cli.Tests;

/// <summary>
/// Runs the carepathway CLI's compiled entry point in-process with captured output. Console
/// redirection is process-wide, so this assembly's tests run one at a time.
/// </summary>
internal static class CliRunner
{
    private static readonly MethodInfo EntryPoint = Assembly.Load(new AssemblyName("carepathway")).EntryPoint
        ?? throw new InvalidOperationException("carepathway has no entry point");

    public static CliResult Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var (oldOut, oldError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var exitCode = (int)EntryPoint.Invoke(null, [args])!;
            return new CliResult(exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }

    public static string RepoRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CarePathway.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException($"no CarePathway.sln above {AppContext.BaseDirectory}");
    }
}

internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public string[] OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>A scratch folder deleted after the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("carepathway-cli-").FullName;

    public string Write(string name, string content)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, content);
        return file;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
