using System.Text.Json.Nodes;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Expressions;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Activities.BuiltIn;

/// <summary>
/// A task for a person; the path waits for its outcome. Form answers land in variables of the same name. A review of a
/// cycle or dose (<see cref="CycleReviews"/>) shows the doses of the cycle that were not given.
/// </summary>
public sealed class HumanTaskActivity : Activity<HumanTaskActivity.Inputs>
{
    public sealed record Inputs : NamedRoleTaskInputs
    {
        [Input("The choices offered (default: done).")]
        public IReadOnlyList<string> Outcomes { get; init; } = [BuiltIn.Outcomes.Done];

        [Input("Taken in simulation when nobody answers by the due date.")]
        public string? DefaultOutcome { get; init; }

        [Input("Values to capture; each is stored in the declared variable of the same name.")]
        public IReadOnlyList<FormField> FormFields { get; init; } = [];
    }

    public sealed record FormField
    {
        [Input("Field and variable name.")]
        public required string Name { get; init; }

        [Input("What the form shows.")]
        public required string Label { get; init; }

        [Input("Value type.", Options = ["number", "string", "boolean", "date"])]
        public required string Type { get; init; }

        /// <summary>Null when the definition does not say, so the task's form says nothing either.</summary>
        [Input("Must be filled to complete the task.")]
        public bool? Required { get; init; }

        /// <summary>The field as the task's form holds it.</summary>
        public JsonObject ToJson()
        {
            var field = new JsonObject { ["name"] = Name, ["label"] = Label, ["type"] = Type };
            if (Required is { } required) field["required"] = required;
            return field;
        }
    }

    protected override ActivityDescriptor About { get; } = new()
    {
        Type = "HumanTask",
        DisplayName = "Human task",
        Category = "People",
        Description = "Creates a task for a role and waits until someone completes it with one of its outcomes.",
        OutcomesFrom = "outcomes",
        Blocking = true,
    };

    public override IReadOnlyList<string> OutcomesOf(Inputs inputs) => inputs.Outcomes;

    public override IEnumerable<ValidationProblem> Validate(ActivityDefinition activity, Inputs inputs, WorkflowDefinition definition)
    {
        var outcomes = inputs.Outcomes;
        if (outcomes.Distinct(StringComparer.Ordinal).Count() != outcomes.Count)
            yield return new ValidationProblem(activity.Id, "inputs.outcomes", "outcome names must be different");
        if (inputs.DefaultOutcome is { } defaultOutcome && !outcomes.Contains(defaultOutcome))
            yield return new ValidationProblem(activity.Id, "inputs.defaultOutcome", $"'{defaultOutcome}' is not one of the task's outcomes");
        foreach (var field in inputs.FormFields.Where(f => !definition.Variables.Any(v => v.Name == f.Name)))
            yield return new ValidationProblem(activity.Id, "inputs.formFields", $"form field '{field.Name}' has no declared variable to store it in");
    }

    public override ActivityResult Execute(ActivityContext context, Inputs inputs)
    {
        TaskInputs.Create(context, inputs, inputs.Role, inputs.Outcomes, blocking: true,
            defaultOutcome: inputs.DefaultOutcome, form: [.. inputs.FormFields.Select(f => (JsonNode)f.ToJson())],
            evidence: CycleReviews.Reviews(inputs.Kind) ? CycleReviews.Evidence(context.Course) : null);
        return ActivityResult.Wait;
    }

    public override IReadOnlyList<ValidationProblem> Refuses(Inputs inputs, Stimulus stimulus) =>
        stimulus is TaskCompleted completion ? TaskCompletionRules.Check(inputs.Outcomes, [], completion.Outcome, completion.Reason) : [];

    public override ActivityResult Resume(ActivityContext context, Inputs inputs, Bookmark bookmark, Stimulus stimulus)
    {
        var completion = (TaskCompleted)stimulus;
        TaskInputs.JournalCompletion(context, completion, inputs.Kind);
        foreach (var field in inputs.FormFields)
        {
            if (completion.Data?[field.Name] is { } answer) context.SetVariable(field.Name, Value.FromJson(answer));
        }

        return ActivityResult.Done(completion.Outcome);
    }
}
