using CarePathway.Engine.Activities;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Validation;

namespace CarePathway.Cli.Commands;

internal static class ValidateCommand
{
    public static int Run(string target, TextWriter output, TextWriter error)
    {
        IReadOnlyList<DefinitionFile> files;
        var validator = new DefinitionValidator(ActivityCatalog.Default);
        try
        {
            files = DefinitionFiles.Load(target, validator);
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

        // Advice does not make a file invalid (a published version stays as it is); it goes beside the summary, not into
        // the one-line-per-problem output.
        var warnings = 0;
        foreach (var file in files.Where(f => f.Definition is not null))
        {
            foreach (var advice in validator.Advise(file.Definition!))
            {
                error.WriteLine($"{file.Path}: warning: {advice.Subject}: {advice.Field}: {advice.Message}");
                warnings++;
            }
        }

        var invalid = files.Count(f => f.Problems.Count > 0);
        error.WriteLine($"{files.Count} definition file(s), {invalid} invalid, {warnings} warning(s)");
        return invalid == 0 ? 0 : 1;
    }
}
