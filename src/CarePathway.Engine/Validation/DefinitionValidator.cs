using CarePathway.Engine.Activities;
using CarePathway.Engine.Definitions;

namespace CarePathway.Engine.Validation;

/// <summary>
/// Checks a definition and lists every problem at once, each with the activity, the field and a
/// plain message, so an author can fix them all in one pass. Publishing is refused while any remain.
/// </summary>
public sealed class DefinitionValidator(ActivityCatalog catalog)
{
    public IReadOnlyList<ValidationProblem> Validate(WorkflowDefinition definition)
    {
        var problems = new List<ValidationProblem>();
        problems.AddRange(DeclarationRules.CheckParameters(definition.Parameters));
        problems.AddRange(DeclarationRules.CheckVariables(definition.Variables));
        var inputs = new InputRules(definition);
        problems.AddRange(CheckActivities(definition, inputs));
        problems.AddRange(GraphRules.Check(definition, catalog));
        return problems;
    }

    /// <summary>Reads and validates a JSON document; reading problems come first and stop the graph checks.</summary>
    public DefinitionReadResult ValidateJson(string json)
    {
        var read = DefinitionJson.Read(json);
        if (read.Definition is null) return read;
        var problems = Validate(read.Definition);
        return new DefinitionReadResult(problems.Count == 0 ? read.Definition : null, problems);
    }

    private IEnumerable<ValidationProblem> CheckActivities(WorkflowDefinition definition, InputRules inputs)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var activity in definition.Activities)
        {
            if (!Identifiers.IsValidActivityId(activity.Id))
                yield return new ValidationProblem(activity.Id, "id", "must be letters, digits, dashes or underscores");
            if (!seen.Add(activity.Id))
                yield return new ValidationProblem(activity.Id, "id", "is used by two activities");
            if (!catalog.TryGet(activity.Type, out var type))
            {
                yield return new ValidationProblem(activity.Id, "type", $"unknown activity type '{activity.Type}'");
                continue;
            }

            foreach (var problem in inputs.Check(activity, type.Descriptor)) yield return problem;
            foreach (var problem in type.Validate(activity, definition)) yield return problem;
        }

        var starts = definition.Activities.Count(a => a.Type == "Start");
        if (starts != 1)
            yield return new ValidationProblem(null, "activities", starts == 0 ? "there is no Start activity" : $"there are {starts} Start activities; a pathway has exactly one");
        if (!definition.Activities.Any(a => a.Type == "End"))
            yield return new ValidationProblem(null, "activities", "there is no End activity");
    }
}
