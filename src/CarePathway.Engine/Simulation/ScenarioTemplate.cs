using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CarePathway.Engine.Clinical;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;

namespace CarePathway.Engine.Simulation;

/// <summary>
/// A scenario to start from for a definition (the designer's "Reset to template"): a patient the pathway's eligibility
/// admits, a usual result for every lab it reads whenever it asks, and every task answered with its first outcome, so
/// the run shows the whole path at once and reaches an end. The answers are found by running the definition: the
/// tasks a run creates (with their real outcomes, which a task kind alone does not fix: a reminder's order-labs is
/// "done", a lab gate's "ordered") are answered in the next run, and a task that keeps the course going round (a review
/// answered "continue") takes, the second time, an outcome that leaves the loop for an end.
/// </summary>
public static partial class ScenarioTemplate
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Three years: longer than any shipped course (CRMO's is two).</summary>
    public const int UntilDays = 1095;

    /// <summary>Runs tried before the template is given as it stands (each run answers what the one before found).</summary>
    private const int MaxRuns = 12;

    /// <summary>Steps and timeline entries of each run that finds the answers (a two-year CRMO course is about a hundred entries).</summary>
    private const int ExploringLimit = 2_000;

    /// <summary>A patient per age band, tried in turn until one passes the pathway's eligibility.</summary>
    private static readonly (int AgeYears, decimal WeightKg, decimal HeightCm)[] Candidates =
    [
        (10, 32m, 138m), (15, 52m, 162m), (5, 18m, 110m), (45, 70m, 168m), (70, 65m, 162m),
    ];

    /// <summary>A usual result per lab in its usual unit, inside every shipped gate's limits (clinical-reference R8).</summary>
    private static readonly Dictionary<string, decimal> UsualResults = new(StringComparer.Ordinal)
    {
        ["2160-0"] = 0.6m, ["14682-9"] = 53m, ["17861-6"] = 9.4m, ["29265-6"] = 2.35m, ["1995-0"] = 1.2m,
        [CorrectedCalcium.AlbuminCode] = 4.2m, ["19123-9"] = 2.0m, ["2601-3"] = 0.85m, ["2777-1"] = 4.5m,
        ["9318-7"] = 10m, ["62292-8"] = 30m, ["14635-7"] = 75m,
    };

    /// <summary>The usual result the template gives for <paramref name="code"/>, or null for a code it does not know.</summary>
    public static decimal? UsualResult(string code) => UsualResults.TryGetValue(code, out var v) ? v : null;

    public static ScenarioTemplateResult For(CompiledDefinition definition) => For(definition, SimulationLimits.Default, CancellationToken.None);

    /// <summary>As <see cref="For(CompiledDefinition)"/>, each run within <paramref name="limits"/>; <paramref name="ct"/> stops it.</summary>
    public static ScenarioTemplateResult For(CompiledDefinition definition, SimulationLimits limits, CancellationToken ct)
    {
        var pathway = definition.Definition;
        var (patient, eligible) = EligiblePatient(definition, limits, ct);
        var labs = LabAnswers(pathway);
        var answers = new Dictionary<string, List<JsonNode>>(StringComparer.Ordinal);
        var graph = new OutcomeGraph(pathway);
        // A run with half its answers may go round fast (a daily loop of a task not yet answered); what it shows in its
        // first couple of thousand entries is enough to answer it, and a real course is a tenth of that.
        var exploring = new SimulationLimits(Math.Min(limits.MaxSteps, ExploringLimit), Math.Min(limits.MaxTimelineEntries, ExploringLimit));
        var scenario = Build(pathway, patient, labs, answers);
        var tasks = new Dictionary<string, TemplateTask>(StringComparer.Ordinal);
        // Nobody fits (rules on facts or a diagnosis): running it shows which rule refused, for the author to edit.
        if (!eligible) return new ScenarioTemplateResult(scenario, []);
        for (var run = 0; run < MaxRuns; run++)
        {
            var result = Simulator.Run(ScenarioReader.Read(scenario.ToJsonString()), definition, exploring, ct);
            foreach (var task in result.CreatedTasks) tasks.TryAdd(task.ActivityId, new TemplateTask(task.ActivityId, task.Kind, task.Outcomes));
            // Tasks that took their default are answered too, so the author sees (and can change) every answer.
            var unanswered = result.CreatedTasks.Where(t => !answers.ContainsKey(t.ActivityId)).DistinctBy(t => t.ActivityId).ToList();
            foreach (var task in unanswered) answers[task.ActivityId] = [AnswerWith(task, FirstOutcome(task))];
            if (unanswered.Count == 0 && (result.Status.IsFinished() || !LeaveLoop(result, answers, graph))) break;
            scenario = Build(pathway, patient, labs, answers);
        }

        return new ScenarioTemplateResult(scenario, [.. tasks.Values.OrderBy(t => ActivityOrder(pathway, t.Activity))]);
    }

    private static JsonObject Build(WorkflowDefinition pathway, JsonObject patient, JsonObject labs, Dictionary<string, List<JsonNode>> answers) => new()
    {
        ["pathway"] = pathway.DefinitionId,
        ["start"] = Start.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["patient"] = patient.DeepClone(),
        ["events"] = new JsonArray(),
        ["answers"] = new JsonObject
        {
            ["labs"] = labs.DeepClone(),
            ["assessments"] = new JsonObject(),
            ["tasks"] = new JsonObject(),
            [AnswerBook.Activities] = new JsonObject(answers.OrderBy(a => ActivityOrder(pathway, a.Key))
                .Select(a => KeyValuePair.Create(a.Key, (JsonNode?)new JsonArray([.. a.Value.Select(v => v.DeepClone())])))),
        },
        ["until"] = UntilDays,
    };

    private static int ActivityOrder(WorkflowDefinition pathway, string id) => pathway.Activities.ToList().FindIndex(a => a.Id == id);

    private static (JsonObject Patient, bool Eligible) EligiblePatient(CompiledDefinition definition, SimulationLimits limits, CancellationToken ct)
    {
        JsonObject? first = null;
        foreach (var (age, weight, height) in Candidates)
        {
            var patient = new JsonObject
            {
                ["birthDate"] = DateOnly.FromDateTime(Start.UtcDateTime).AddYears(-age).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["sex"] = "female",
                ["weightKg"] = weight,
                ["heightCm"] = height,
                ["diagnosis"] = "",
                ["facts"] = new JsonObject(),
            };
            first ??= patient;
            var probe = new JsonObject { ["pathway"] = definition.Definition.DefinitionId, ["patient"] = patient.DeepClone(), ["until"] = 0 };
            try
            {
                Simulator.Run(ScenarioReader.Read(probe.ToJsonString()), definition, limits, ct);
                return (patient, true);
            }
            catch (IneligibleStartException)
            {
                // Outside this pathway's ages: try the next band.
            }
        }

        return (first!, false);
    }

    /// <summary>Every catalog lab the definition names (gate codes, awaited labs, <c>lab("…")</c> in its rules), answered whenever asked.</summary>
    private static JsonObject LabAnswers(WorkflowDefinition pathway)
    {
        var codes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var activity in pathway.Activities)
            foreach (var input in activity.Inputs.Values) CollectCodes(input, codes);
        return new JsonObject(codes.Where(c => UsualResults.ContainsKey(c)).Select(c => KeyValuePair.Create(c, (JsonNode?)new JsonArray(
            new JsonObject { ["value"] = UsualResults[c], ["unit"] = LabCatalog.Find(c)!.UsualUnit }))));
    }

    private static void CollectCodes(JsonElement value, SortedSet<string> codes)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var text = value.GetString()!;
                if (LabCatalog.Find(text) is not null) codes.Add(text);
                foreach (Match m in LabCall().Matches(text)) if (LabCatalog.Find(m.Groups[1].Value) is not null) codes.Add(m.Groups[1].Value);
                break;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray()) CollectCodes(item, codes);
                break;
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject()) CollectCodes(property.Value, codes);
                break;
        }
    }

    [GeneratedRegex("""(?:lab|baseline)\("([^"]+)"\)""")]
    private static partial Regex LabCall();

    private static string FirstOutcome(TaskSpec task) => task.Outcomes.FirstOrDefault(o => !task.ReasonRequiredFor.Contains(o)) ?? task.Outcomes[0];

    /// <summary>A plain outcome, or one with the reason the product asks for with it (a rejection, an override).</summary>
    private static JsonNode AnswerWith(TaskSpec task, string outcome) =>
        task.ReasonRequiredFor.Contains(outcome) ? new JsonObject { ["outcome"] = outcome, ["reason"] = "simulated" } : JsonValue.Create(outcome);

    /// <summary>
    /// The run went round until its last day: the task made most often whose answer leads back to itself is answered,
    /// its second time, with an outcome that reaches an end without coming back (one needing no reason first). False
    /// when there is none.
    /// </summary>
    private static bool LeaveLoop(SimulationResult result, Dictionary<string, List<JsonNode>> answers, OutcomeGraph graph)
    {
        var loop = result.CreatedTasks
            .Where(t => answers.TryGetValue(t.ActivityId, out var list) && list.Count == 1)
            .GroupBy(t => t.ActivityId)
            .Where(g => g.Count() > 1)
            .Select(g => (Task: g.First(), Times: g.Count(), Exit: g.First().Outcomes.FirstOrDefault(o => graph.LeavesFor(g.Key, o))))
            // An exit that needs a reason is a refusal (a rejected approval): a review's "stop" ends the course as planned.
            .OrderBy(c => c.Exit is not null && c.Task.ReasonRequiredFor.Contains(c.Exit))
            .ThenByDescending(c => c.Times)
            .FirstOrDefault(c => c.Exit is not null && graph.ComesBack(c.Task.ActivityId, answers[c.Task.ActivityId][0] is JsonValue v ? v.GetValue<string>() : answers[c.Task.ActivityId][0]["outcome"]!.GetValue<string>()));
        if (loop.Task is null) return false;
        answers[loop.Task.ActivityId].Add(AnswerWith(loop.Task, loop.Exit!));
        return true;
    }

    /// <summary>Where each activity's outcomes lead, to tell a looping answer from one that leaves for an end.</summary>
    private sealed class OutcomeGraph(WorkflowDefinition pathway)
    {
        private readonly HashSet<string> _ends = [.. pathway.Activities.Where(a => a.Type == "End").Select(a => a.Id)];

        /// <summary>Following <paramref name="outcome"/> of <paramref name="activity"/> can come back to it.</summary>
        public bool ComesBack(string activity, string outcome) => Reachable(Targets(activity, outcome), avoid: null).Contains(activity);

        /// <summary>Following <paramref name="outcome"/> of <paramref name="activity"/> reaches an end without coming back to it.</summary>
        public bool LeavesFor(string activity, string outcome) =>
            !ComesBack(activity, outcome) && Reachable(Targets(activity, outcome), avoid: activity).Overlaps(_ends);

        private IEnumerable<string> Targets(string activity, string outcome) =>
            pathway.Connections.Where(c => c.From == activity && c.Outcome == outcome).Select(c => c.To);

        private HashSet<string> Reachable(IEnumerable<string> from, string? avoid)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var next = new Stack<string>(from);
            while (next.TryPop(out var id))
            {
                if (id == avoid || !seen.Add(id)) continue;
                foreach (var c in pathway.Connections.Where(c => c.From == id)) next.Push(c.To);
            }

            return seen;
        }
    }
}

/// <summary>A template and the tasks its runs met, each with the outcomes its task offers (what a scenario form lets one pick).</summary>
public sealed record ScenarioTemplateResult(JsonObject Scenario, IReadOnlyList<TemplateTask> Tasks);

/// <summary>A task an activity makes: its kind and the outcomes the task may be completed with.</summary>
public sealed record TemplateTask(string Activity, string Kind, IReadOnlyList<string> Outcomes);
