using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Definitions;

/// <summary>
/// Definition files on disk (the shipped <c>workflows/</c> folder, or one file): read, validated,
/// and checked across files for two files claiming the same id and version.
/// </summary>
public static class DefinitionFiles
{
    public static IReadOnlyList<DefinitionFile> Load(string fileOrFolder, DefinitionValidator validator)
    {
        var paths = Directory.Exists(fileOrFolder)
            ? Directory.GetFiles(fileOrFolder, "*.json", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal).ToList()
            : File.Exists(fileOrFolder) ? [fileOrFolder] : throw new FileNotFoundException($"no file or folder '{fileOrFolder}'");

        var files = paths.Select(path => new DefinitionFile(path, File.ReadAllText(path), validator.ValidateJson(File.ReadAllText(path)))).ToList();
        var claimed = new Dictionary<(string, int), string>();
        foreach (var file in files)
        {
            var read = DefinitionJson.Read(file.Json).Definition;
            if (read is null) continue;
            if (claimed.TryGetValue((read.DefinitionId, read.Version), out var other))
            {
                file.AddProblem(new ValidationProblem(null, "version",
                    $"{read.DefinitionId} version {read.Version} is also defined in {Path.GetFileName(other)}"));
            }
            else
            {
                claimed[(read.DefinitionId, read.Version)] = file.Path;
            }
        }

        return files;
    }
}

public sealed class DefinitionFile(string path, string json, DefinitionReadResult result)
{
    private readonly List<ValidationProblem> _problems = [.. result.Problems];

    public string Path { get; } = path;
    public string Json { get; } = json;
    public IReadOnlyList<ValidationProblem> Problems => _problems;
    public WorkflowDefinition? Definition => _problems.Count == 0 ? result.Definition : null;

    internal void AddProblem(ValidationProblem problem) => _problems.Add(problem);
}
