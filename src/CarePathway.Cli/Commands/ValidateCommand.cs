using CarePathway.Engine.Activities;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Validation;

namespace CarePathway.Cli.Commands;

internal static class ValidateCommand
{
    public static int Run(string target, TextWriter output, TextWriter error)
    {
        IReadOnlyList<DefinitionFile> files;
        try
        {
            files = DefinitionFiles.Load(target, new DefinitionValidator(ActivityCatalog.Default));
        }
        catch (FileNotFoundException ex)
        {
            error.WriteLine(ex.Message);
            return Usage.BadArguments;
        }

        if (files.Count == 0)
        {
            error.WriteLine($"{target}: no .json definition files");
            return 1;
        }

        foreach (var file in files)
        {
            foreach (var problem in file.Problems)
            {
                output.WriteLine($"{file.Path}: {problem.Subject}: {problem.Field}: {problem.Message}");
            }
        }

        var invalid = files.Count(f => f.Problems.Count > 0);
        error.WriteLine($"{files.Count} definition file(s), {invalid} invalid");
        return invalid == 0 ? 0 : 1;
    }
}
