using System.Text.Json.Nodes;
using CarePathway.Engine.Activities;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Simulation;
using CarePathway.Engine.Validation;
using CarePathway.Server.Features.Common;
using MediatR;

namespace CarePathway.Server.Features.Definitions;

/// <summary>
/// Runs a scenario (the CLI's <c>simulate</c> format) on the document being edited, which may be
/// an unsaved draft: nothing is stored, the answer is the timeline. The scenario's own
/// <c>version</c> is ignored: the document sent is what runs.
/// </summary>
public sealed record SimulateDefinition(JsonNode? Definition, JsonNode? Scenario) : IRequest<SimulationTimeline>, IValidatable
{
    /// <summary>A bound on virtual time, so one request cannot keep the server busy for long (ten years of a course).</summary>
    public const int MaxDays = 3650;

    /// <summary>
    /// Steps and timeline entries one request may use: twenty times a two-year course, far below a pathway looping on
    /// a short delay (4 simulated days of a 1 s loop were 345,600 steps and 79 MB).
    /// </summary>
    public static readonly SimulationLimits Limits = new(MaxSteps: 20_000, MaxTimelineEntries: 20_000);

    /// <summary>Wall-clock time one request may take; a client gone earlier stops it at once.</summary>
    public static readonly TimeSpan TimeBudget = TimeSpan.FromSeconds(10);

    public IEnumerable<ValidationProblem> Validate()
    {
        if (Definition is not JsonObject) yield return new ValidationProblem(null, "definition", "is required (the definition document)");
        if (Scenario is not JsonObject) yield return new ValidationProblem(null, "scenario", "is required (a scenario document)");
    }
}

internal sealed class SimulateDefinitionHandler(DefinitionValidator validator, ActivityCatalog catalog, TimeProvider clock) : IRequestHandler<SimulateDefinition, SimulationTimeline>
{
    public Task<SimulationTimeline> Handle(SimulateDefinition request, CancellationToken cancellationToken)
    {
        var definition = Compile(validator, request.Definition!);

        var scenario = ReadScenario(request.Scenario!);
        if (scenario.Pathway != definition.DefinitionId)
            throw ScenarioProblem("pathway", $"is '{scenario.Pathway}', but the definition is '{definition.DefinitionId}'");
        if (scenario.UntilDays is < 0 or > SimulateDefinition.MaxDays)
            throw ScenarioProblem("until", $"must be between 0 and {SimulateDefinition.MaxDays} days");

        using var budget = new CancellationTokenSource(SimulateDefinition.TimeBudget, clock);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            var result = Simulator.Run(scenario, new CompiledDefinition(definition, catalog), SimulateDefinition.Limits, either.Token);
            return Task.FromResult(new SimulationTimeline(result.Pathway, result.Version, result.Status, result.Timeline, result.StoppedBy, result.WaitingOn));
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw ScenarioProblem("until", $"the simulation ran longer than {SimulateDefinition.TimeBudget.TotalSeconds:0} s (its time budget): simulate fewer days, or look for a loop");
        }
        catch (InvalidStartException refused)
        {
            // The scenario's parameter overrides do not fit the definition's parameters.
            throw new RequestValidationException([.. refused.Problems.Select(p => p with { Field = "scenario." + p.Field })], unprocessable: true);
        }
    }

    /// <summary>The document as the simulator runs it, or 422 naming what is wrong with it.</summary>
    internal static WorkflowDefinition Compile(DefinitionValidator validator, JsonNode json)
    {
        var document = json.DeepClone().AsObject();
        // A new document may not be numbered yet; the server numbers drafts anyway.
        document["version"] ??= 1;
        var read = validator.ValidateJson(document.ToJsonString());
        return read.Definition ?? throw new RequestValidationException(read.Problems, unprocessable: true);
    }

    private static Scenario ReadScenario(JsonNode json)
    {
        try
        {
            return ScenarioReader.Read(json.ToJsonString());
        }
        catch (ScenarioException bad)
        {
            throw ScenarioProblem(bad.Field, bad.Reason);
        }
    }

    private static RequestValidationException ScenarioProblem(string field, string message) =>
        RequestValidationException.Field(field == "$" ? "scenario" : "scenario." + field, message, unprocessable: true);
}

/// <summary>
/// What a simulation did: the instance's final status and its timeline (day, at, type and fields per type).
/// StoppedBy: the limit it stopped at (steps, output, or "stalled:" for answers that kept answering the pathway without
/// simulated time passing; see <see cref="SimulateDefinition.Limits"/>), null when it ran to its end.
/// WaitingOn: what the instance still waits on when the run ended before the pathway did (a task nobody answered, a lab
/// never sent, a timer after the last day), each with since when; empty when it ended.
/// </summary>
public sealed record SimulationTimeline(string Pathway, int Version, InstanceStatus Status, JsonArray Timeline, string? StoppedBy,
    IReadOnlyList<SimulationWait> WaitingOn);
