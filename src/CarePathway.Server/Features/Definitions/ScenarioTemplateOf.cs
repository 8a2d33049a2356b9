using System.Text.Json.Nodes;
using CarePathway.Engine.Activities;
using CarePathway.Engine.Clinical;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Simulation;
using CarePathway.Engine.Validation;
using CarePathway.Server.Features.Common;
using MediatR;

namespace CarePathway.Server.Features.Definitions;

/// <summary>
/// The designer's prefilled scenario for a document (an unsaved draft is fine): see <see cref="ScenarioTemplate"/>. Built
/// by running the document, so within the same limits and time budget as <see cref="SimulateDefinition"/>.
/// </summary>
public sealed record ScenarioTemplateOf(JsonNode? Definition) : IRequest<ScenarioTemplateAnswer>, IValidatable
{
    public IEnumerable<ValidationProblem> Validate()
    {
        if (Definition is not JsonObject) yield return new ValidationProblem(null, "definition", "is required (the definition document)");
    }
}

internal sealed class ScenarioTemplateOfHandler(DefinitionValidator validator, ActivityCatalog catalog, TimeProvider clock) : IRequestHandler<ScenarioTemplateOf, ScenarioTemplateAnswer>
{
    public Task<ScenarioTemplateAnswer> Handle(ScenarioTemplateOf request, CancellationToken cancellationToken)
    {
        var definition = SimulateDefinitionHandler.Compile(validator, request.Definition!);
        using var budget = new CancellationTokenSource(SimulateDefinition.TimeBudget, clock);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            var (scenario, tasks) = ScenarioTemplate.For(new CompiledDefinition(definition, catalog), SimulateDefinition.Limits, either.Token);
            return Task.FromResult(new ScenarioTemplateAnswer(scenario, tasks, [.. LabCatalog.Tests.Select(t => new LabChoice(t.Code, t.Name, t.UsualUnit))]));
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw RequestValidationException.Field("definition", $"building its scenario ran longer than {SimulateDefinition.TimeBudget.TotalSeconds:0} s (the time budget): look for a loop", unprocessable: true);
        }
    }
}

/// <summary>
/// A scenario to start from, the tasks its runs met with each task's own outcomes, and the labs a scenario may send (the
/// lab catalog): what the designer's scenario form offers.
/// </summary>
public sealed record ScenarioTemplateAnswer(JsonObject Scenario, IReadOnlyList<TemplateTask> Tasks, IReadOnlyList<LabChoice> Labs);

/// <summary>A lab of the catalog: its LOINC code, name and the unit its rules compare in.</summary>
public sealed record LabChoice(string Code, string Name, string Unit);
