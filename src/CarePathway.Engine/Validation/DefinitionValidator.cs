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
        var bound = new Dictionary<ActivityDefinition, BoundActivity?>(ReferenceEqualityComparer.Instance);
        problems.AddRange(CheckActivities(definition, inputs, bound));
        // An activity whose inputs do not bind has no outcomes to check its connections against (as one of an unknown type).
        problems.AddRange(GraphRules.Check(definition, a => bound.GetValueOrDefault(a)?.OutcomesOf()));
        return problems;
    }

    /// <summary>
    /// Advice on a definition that does not make it invalid: waits that can hold a patient unseen (a blocking task with
    /// no due date, an event wait with no timeout, a gate that rechecks for ever or whose lab order has no due date), and
    /// a drug planned with no minimum infusion time on its settings (<see cref="InfusionTimeAdvice"/>).
    /// Activities whose inputs do not bind have their problems from <see cref="Validate"/> instead.
    /// </summary>
    public IReadOnlyList<ValidationProblem> Advise(WorkflowDefinition definition)
    {
        var inputs = new InputRules(definition);
        var bound = definition.Activities
            .Select(a => catalog.TryGet(a.Type, out var type) ? type.Bind(a, inputs.CheckExpression).Bound : null)
            .OfType<BoundActivity>()
            .ToList();
        return [.. bound.SelectMany(b => b.Advise()),
            .. bound.OfType<BoundActivity<Activities.Clinical.DoseCalculationActivity.Inputs>>().SelectMany(d => InfusionTimeAdvice.Check(definition, d))];
    }

    /// <summary>Reads and validates a JSON document; reading problems come first and stop the graph checks.</summary>
    public DefinitionReadResult ValidateJson(string json)
    {
        var read = DefinitionJson.Read(json);
        if (read.Definition is null) return read;
        var problems = Validate(read.Definition);
        return new DefinitionReadResult(problems.Count == 0 ? read.Definition : null, problems);
    }

    /// <summary>Checks each activity and binds its inputs, keeping in <paramref name="bound"/> those that bind.</summary>
    private List<ValidationProblem> CheckActivities(WorkflowDefinition definition, InputRules inputs, Dictionary<ActivityDefinition, BoundActivity?> bound)
    {
        var problems = new List<ValidationProblem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var activity in definition.Activities)
        {
            if (!Identifiers.IsValidActivityId(activity.Id))
                problems.Add(new ValidationProblem(activity.Id, "id", "must be letters, digits, dashes or underscores"));
            if (!seen.Add(activity.Id))
                problems.Add(new ValidationProblem(activity.Id, "id", "is used by two activities"));
            if (!catalog.TryGet(activity.Type, out var type))
            {
                problems.Add(new ValidationProblem(activity.Id, "type", $"unknown activity type '{activity.Type}'"));
                continue;
            }

            var (binding, inputProblems) = type.Bind(activity, inputs.CheckExpression);
            problems.AddRange(inputProblems);
            // The activity's own rules read its typed inputs, so they wait until those are well formed.
            if (binding is not null) problems.AddRange(binding.Validate(definition));
            bound[activity] = binding;
        }

        var starts = definition.Activities.Count(a => a.Type == "Start");
        if (starts != 1)
            problems.Add(new ValidationProblem(null, "activities", starts == 0 ? "there is no Start activity" : $"there are {starts} Start activities; a pathway has exactly one"));
        if (!definition.Activities.Any(a => a.Type == "End"))
            problems.Add(new ValidationProblem(null, "activities", "there is no End activity"));
        return problems;
    }
}
