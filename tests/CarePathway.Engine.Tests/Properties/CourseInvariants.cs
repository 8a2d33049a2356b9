using System.Globalization;
using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Simulation;

namespace CarePathway.Engine.Tests.Properties;

/// <summary>What must hold for one drug of a course, whatever happened: the limits the pathway's parameters set.</summary>
/// <param name="Drug">The drug as DoseCalculation names it.</param>
/// <param name="PerDoseCapMg">No administered dose above this (null: no cap).</param>
/// <param name="AnnualCapMgPerKg">No rolling 365-day total (administered doses) above this per kg of the weight the dose was planned with.</param>
/// <param name="MinMonthsBetweenDoses">No two doses less than this many calendar months apart (e.g. ibandronate, 3).</param>
/// <param name="CreatinineWithin">Every dose starts within this time of a creatinine result (the pathway's per-dose freshness).</param>
/// <param name="CalciumWithin">The first dose of every cycle starts within this time of a calcium result (total or corrected).</param>
internal sealed record CourseLimits(string Drug, decimal? PerDoseCapMg = null, decimal? AnnualCapMgPerKg = null, int? MinMonthsBetweenDoses = null,
    TimeSpan? CreatinineWithin = null, TimeSpan? CalciumWithin = null);

/// <summary>
/// The safety invariants of a clinical course, checked on a simulation's result: usable for any definition (built in a
/// test or read from workflows/*.json) with any scenario. Each method returns the violations it found, described for
/// a reader; an empty list means the invariant holds.
/// </summary>
internal static class CourseInvariants
{
    /// <summary>The task kind whose "overridden" outcome (with a reason) stands in for a passed gate.</summary>
    public const string ApprovalKind = "infusion-approval";

    /// <summary>Simulates <paramref name="scenario"/> on <paramref name="definition"/> and checks every invariant.</summary>
    public static IReadOnlyList<string> Check(CompiledDefinition definition, Scenario scenario, IReadOnlyList<CourseLimits> limits)
    {
        var result = Simulator.Run(scenario, definition);
        return [.. Violations(scenario, result, limits)];
    }

    public static IEnumerable<string> Violations(Scenario scenario, SimulationResult result, IReadOnlyList<CourseLimits> limits)
    {
        var administered = result.FinalState.Course.Administered;
        var timeline = Entries(result, "infusion.administered");
        if (timeline.Count != administered.Count)
            yield return $"the timeline shows {timeline.Count} infusions but the course recorded {administered.Count}";

        foreach (var violation in GatedAdministrations(result)) yield return violation;
        foreach (var limit in limits)
        {
            var doses = administered.Where(a => a.Drug == limit.Drug).ToList();
            foreach (var violation in PerDoseCap(doses, limit)) yield return violation;
            foreach (var violation in AnnualCap(scenario, result, doses, limit)) yield return violation;
            foreach (var violation in Interval(doses, limit)) yield return violation;
            foreach (var violation in FreshLabs(result, doses, limit)) yield return violation;
        }
    }

    /// <summary>Task kinds a nurse works (the infusion record): they are due when the work is, as a clinician's tasks are.</summary>
    private static readonly string[] NursingKinds = ["administer-infusion"];

    /// <summary>
    /// Every clinician's and nurse's task has a due date, so overdue work shows on the worklist (hazard 5): an undated
    /// approval or review waits unseen for ever.
    /// </summary>
    public static IEnumerable<string> DatedClinicalTasks(SimulationResult result) =>
        Entries(result, "task.created")
            .Where(t => (t["role"]?.GetValue<string>() == "clinician" || NursingKinds.Contains(t["kind"]?.GetValue<string>())) && t["dueDay"] is null)
            .Select(t => $"day {t["day"]}: the {t["kind"]} task \"{t["title"]}\" has no due date");

    /// <summary>What may end a course: a person's decision on a task, a gate that held (explained), or the last dose given.</summary>
    private static readonly string[] ExplicitEnds = ["task.completed", "gate.held", "infusion.administered"];

    /// <summary>
    /// No course ends without an explicit outcome: the step before the pathway completes (what it cancelled aside) is a
    /// decision someone recorded, a held gate with its reasons, or the course's last infusion, never a silent branch.
    /// </summary>
    public static IEnumerable<string> ExplicitEnd(SimulationResult result)
    {
        var entries = result.Timeline.Select(e => e!.AsObject()).Where(e => Type(e) is not ("task.cancelled" or "timer.cancelled")).ToList();
        var completed = entries.FindIndex(e => Type(e) == "pathway.completed");
        if (completed < 0) yield break;
        if (completed == 0 || !ExplicitEnds.Contains(Type(entries[completed - 1])))
            yield return $"day {entries[completed]["day"]}: the course completed after {(completed == 0 ? "nothing" : Type(entries[completed - 1]))}, not after a decision, a held gate or its last infusion";
    }

    private const string Creatinine = "2160-0";
    private static readonly string[] Calcium = ["29265-6", "17861-6"];

    /// <summary>
    /// No dose without a creatinine, and no cycle without a calcium, recent enough when it started (hazards 2 and 3): a
    /// result exactly as old as the window is still fresh, as the gates read it.
    /// </summary>
    public static IEnumerable<string> FreshLabs(SimulationResult result, IReadOnlyList<AdministrationRecord> doses, CourseLimits limit)
    {
        var labs = Entries(result, "lab.resulted");
        DateTimeOffset? LatestBefore(DateTimeOffset at, params string[] codes) =>
            labs.Where(l => codes.Contains(l["code"]!.GetValue<string>()) && At(l) <= at).Select(l => (DateTimeOffset?)At(l)).Max();
        foreach (var dose in doses)
        {
            if (limit.CreatinineWithin is { } window && !(LatestBefore(dose.StartedAt, Creatinine) is { } creatinine && dose.StartedAt - creatinine <= window))
                yield return $"{limit.Drug} cycle {dose.Cycle} day {dose.CycleDay} started {dose.StartedAt:O} with no creatinine in the {window} before";
            if (limit.CalciumWithin is { } calciumWindow && dose.CycleDay == 1
                && !(LatestBefore(dose.StartedAt, Calcium) is { } calcium && dose.StartedAt - calcium <= calciumWindow))
                yield return $"{limit.Drug} cycle {dose.Cycle} started {dose.StartedAt:O} with no calcium in the {calciumWindow} before";
        }
    }

    public static IEnumerable<string> PerDoseCap(IReadOnlyList<AdministrationRecord> doses, CourseLimits limit) =>
        limit.PerDoseCapMg is not { } cap
            ? []
            : doses.Where(d => d.DoseMg > cap).Select(d => $"{d.Drug} {d.DoseMg} mg (cycle {d.Cycle}, day {d.CycleDay}) is above the per-dose cap {cap} mg");

    /// <summary>
    /// For every dose, the administered mg dated in the 365 days up to it (inclusive) stays within the cap times the weight
    /// its cycle was planned with (the latest weight when its last dose.calculated before it was written).
    /// </summary>
    public static IEnumerable<string> AnnualCap(Scenario scenario, SimulationResult result, IReadOnlyList<AdministrationRecord> doses, CourseLimits limit)
    {
        if (limit.AnnualCapMgPerKg is not { } cap) yield break;
        var plans = Entries(result, "dose.calculated").Where(e => e["drug"]!.GetValue<string>() == limit.Drug).ToList();
        var given = Entries(result, "infusion.administered").Where(e => e["drug"]!.GetValue<string>() == limit.Drug).ToList();
        for (var i = 0; i < doses.Count && i < given.Count; i++)
        {
            var dose = doses[i];
            var day = DateOnly.FromDateTime(dose.StartedAt.UtcDateTime);
            var total = doses.Where(d => DateOnly.FromDateTime(d.StartedAt.UtcDateTime) is var other && other >= day.AddDays(-365) && other <= day).Sum(d => d.DoseMg);
            var plannedAt = plans.Where(p => p["cycle"]!.GetValue<int>() == dose.Cycle && At(p) <= At(given[i])).Select(At).DefaultIfEmpty(At(given[i])).Max();
            var weight = WeightAt(scenario, result, plannedAt);
            if (weight is { } kg && total > cap * kg)
                yield return $"{limit.Drug}: {total} mg in the 365 days to {day:yyyy-MM-dd} is above {cap} mg/kg x {kg} kg = {cap * kg} mg";
        }
    }

    public static IEnumerable<string> Interval(IReadOnlyList<AdministrationRecord> doses, CourseLimits limit)
    {
        if (limit.MinMonthsBetweenDoses is not { } months) yield break;
        var ordered = doses.OrderBy(d => d.StartedAt).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].StartedAt < ordered[i - 1].StartedAt.AddMonths(months))
                yield return $"{limit.Drug} given at {ordered[i - 1].StartedAt:O} and again at {ordered[i].StartedAt:O}, less than {months} months apart";
        }
    }

    /// <summary>
    /// Every infusion follows, since the one before it, a passed gate or a clinician override with a reason that was not
    /// withdrawn by a held gate, and did not start before that clearance.
    /// </summary>
    public static IEnumerable<string> GatedAdministrations(SimulationResult result)
    {
        var administered = result.FinalState.Course.Administered;
        DateTimeOffset? clearedAt = null;
        var index = 0;
        foreach (var entry in result.Timeline.Select(e => e!.AsObject()))
        {
            switch (Type(entry))
            {
                case "gate.passed":
                    clearedAt ??= At(entry);
                    break;
                case "gate.held":
                    clearedAt = null;
                    break;
                case "task.completed" when entry["kind"]?.GetValue<string>() == ApprovalKind && entry["outcome"]?.GetValue<string>() == "overridden":
                    if (string.IsNullOrWhiteSpace(entry["reason"]?.GetValue<string>())) yield return $"an override at {At(entry):O} has no reason";
                    else clearedAt ??= At(entry);
                    break;
                case "infusion.administered":
                    var started = index < administered.Count ? administered[index].StartedAt : At(entry);
                    if (clearedAt is null)
                        yield return $"infusion {index + 1} (recorded {At(entry):O}) has no passed gate or override with a reason since the previous one";
                    else if (started < clearedAt)
                        yield return $"infusion {index + 1} started at {started:O}, before its clearance at {clearedAt:O}";
                    clearedAt = null;
                    index++;
                    break;
            }
        }
    }

    /// <summary>The patient's weight at <paramref name="at"/>: the scenario's starting weight, then each weight recorded on the timeline.</summary>
    public static decimal? WeightAt(Scenario scenario, SimulationResult result, DateTimeOffset at) =>
        Entries(result, "measurement.recorded")
            .Where(e => e["kind"]?.GetValue<string>() == "weight" && At(e) <= at)
            .Select(e => (decimal?)e["value"]!.GetValue<decimal>())
            .LastOrDefault() ?? scenario.Patient.WeightKg;

    public static List<JsonObject> Entries(SimulationResult result, string type) =>
        [.. result.Timeline.Select(e => e!.AsObject()).Where(e => Type(e) == type)];

    private static string Type(JsonObject entry) => entry["type"]!.GetValue<string>();

    private static DateTimeOffset At(JsonObject entry) => DateTimeOffset.Parse(entry["at"]!.GetValue<string>(), CultureInfo.InvariantCulture);
}
