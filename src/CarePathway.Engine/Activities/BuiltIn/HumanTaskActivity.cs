using System.Text.Json;
using System.Text.Json.Nodes;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Expressions;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Activities.BuiltIn;

/// <summary>A task for a person; the path waits for its outcome. Form answers land in variables of the same name.</summary>
public sealed class HumanTaskActivity : Activity
{
    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "HumanTask",
        DisplayName = "Human task",
        Category = "People",
        Description = "Creates a task for a role and waits until someone completes it with one of its outcomes.",
        Inputs =
        [
            TaskInputs.Kind, TaskInputs.Role, TaskInputs.Title, TaskInputs.Instructions, TaskInputs.DueIn,
            new InputDescriptor { Name = "outcomes", Kind = InputKind.TextList, Description = "The choices offered (default: done)." },
            new InputDescriptor { Name = "defaultOutcome", Kind = InputKind.Text, Description = "Taken in simulation when nobody answers by the due date." },
            new InputDescriptor
            {
                Name = "formFields", Kind = InputKind.ObjectList, Description = "Values to capture; each is stored in the declared variable of the same name.",
                Fields =
                [
                    new InputDescriptor { Name = "name", Kind = InputKind.Text, Required = true, Description = "Field and variable name." },
                    new InputDescriptor { Name = "label", Kind = InputKind.Text, Required = true, Description = "What the form shows." },
                    new InputDescriptor { Name = "type", Kind = InputKind.Choice, Required = true, Options = ["number", "string", "boolean", "date"], Description = "Value type." },
                    new InputDescriptor { Name = "required", Kind = InputKind.Boolean, Description = "Must be filled to complete the task." },
                ],
            },
        ],
        OutcomesFrom = "outcomes",
        Blocking = true,
    };

    public override IReadOnlyList<string> OutcomesOf(ActivityDefinition activity) => DeclaredOutcomes(activity);

    public override IEnumerable<ValidationProblem> Validate(ActivityDefinition activity, WorkflowDefinition definition)
    {
        var outcomes = DeclaredOutcomes(activity);
        if (outcomes.Distinct(StringComparer.Ordinal).Count() != outcomes.Count)
            yield return new ValidationProblem(activity.Id, "inputs.outcomes", "outcome names must be different");
        if (activity.Inputs.TryGetValue("defaultOutcome", out var d) && d.ValueKind == JsonValueKind.String && !outcomes.Contains(d.GetString()!))
            yield return new ValidationProblem(activity.Id, "inputs.defaultOutcome", $"'{d.GetString()}' is not one of the task's outcomes");
        foreach (var field in FormFieldNames(activity).Where(f => !definition.Variables.Any(v => v.Name == f)))
            yield return new ValidationProblem(activity.Id, "inputs.formFields", $"form field '{field}' has no declared variable to store it in");
    }

    public override ActivityResult Execute(ActivityContext context)
    {
        var form = context.HasInput("formFields") ? (JsonArray)JsonNode.Parse(context.Activity.Inputs["formFields"].GetRawText())! : [];
        TaskInputs.Create(context, context.RequiredText("role"), DeclaredOutcomes(context.Activity), blocking: true,
            defaultOutcome: context.Text("defaultOutcome"), form: form);
        return ActivityResult.Wait;
    }

    public override IReadOnlyList<ValidationProblem> Refuses(ActivityDefinition activity, Stimulus stimulus) =>
        stimulus is TaskCompleted completion ? TaskCompletionRules.Check(DeclaredOutcomes(activity), [], completion.Outcome, completion.Reason) : [];

    public override ActivityResult Resume(ActivityContext context, Bookmark bookmark, Stimulus stimulus)
    {
        var completion = (TaskCompleted)stimulus;
        TaskInputs.JournalCompletion(context, completion);
        foreach (var field in FormFieldNames(context.Activity))
        {
            if (completion.Data?[field] is { } answer) context.SetVariable(field, Value.FromJson(answer));
        }

        return ActivityResult.Done(completion.Outcome);
    }

    private static List<string> DeclaredOutcomes(ActivityDefinition activity) =>
        activity.Inputs.TryGetValue("outcomes", out var o) && o.ValueKind == JsonValueKind.Array
            ? [.. o.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
            : [Outcomes.Done];

    private static IEnumerable<string> FormFieldNames(ActivityDefinition activity) =>
        activity.Inputs.TryGetValue("formFields", out var f) && f.ValueKind == JsonValueKind.Array
            ? f.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String)
                .Select(e => e.GetProperty("name").GetString()!)
            : [];
}
