using System.Text.Json;
using CarePathway.Engine.Activities;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Simulation;
using CarePathway.Engine.Validation;

namespace CarePathway.Cli.Commands;

internal static class SimulateCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        string? scenarioPath = null;
        string? workflows = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--scenario" when i + 1 < args.Count: scenarioPath = args[++i]; break;
                case "--workflows" when i + 1 < args.Count: workflows = args[++i]; break;
                default: return Usage.Print(error);
            }
        }

        if (scenarioPath is null) return Usage.Print(error);
        workflows ??= FindWorkflowsFolder();
        if (workflows is null)
        {
            error.WriteLine("no workflows folder here or above: pass --workflows <folder>");
            return Usage.BadArguments;
        }

        try
        {
            var scenario = ScenarioReader.Read(File.ReadAllText(scenarioPath));
            var definition = FindDefinition(workflows, scenario);
            var result = Simulator.Run(scenario, new CompiledDefinition(definition, ActivityCatalog.Default));
            output.WriteLine(result.ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }
        catch (Exception ex) when (ex is ScenarioException or InvalidStartException or IOException)
        {
            error.WriteLine($"{scenarioPath}: {ex.Message}");
            return 1;
        }
    }

    /// <summary>The scenario's version, or the highest version present (the published one for shipped files).</summary>
    private static WorkflowDefinition FindDefinition(string workflows, Scenario scenario)
    {
        var candidates = DefinitionFiles.Load(workflows, new DefinitionValidator(ActivityCatalog.Default))
            .Where(f => f.Definition?.DefinitionId == scenario.Pathway)
            .Select(f => f.Definition!)
            .ToList();
        var chosen = scenario.Version is { } v ? candidates.FirstOrDefault(d => d.Version == v) : candidates.MaxBy(d => d.Version);
        return chosen ?? throw new ScenarioException("pathway",
            $"no valid definition '{scenario.Pathway}'{(scenario.Version is { } w ? $" version {w}" : "")} in {workflows}");
    }

    private static string? FindWorkflowsFolder()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "workflows");
            if (Directory.Exists(candidate)) return candidate;
        }

        return null;
    }
}
