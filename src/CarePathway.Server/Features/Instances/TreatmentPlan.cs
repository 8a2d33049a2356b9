using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CarePathway.Engine.Clinical;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Runtime;
using CarePathway.Server.Features.Engine;
using CarePathway.Server.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Instances;

/// <summary>
/// A course at a glance, as a treatment plan in an EHR: each cycle's days (planned, given, held, deferred) with dates
/// and doses, the cumulative dose in the rolling year against the annual cap after each dose given, and what is next and
/// when. Read from the journal (every cycle planned, dose given and gate held, in order) and the instance as it is now
/// (its waits and open tasks); nothing is worked out that the engine did not record, but the rolling-year sum, which is
/// the dose calculator's own.
/// </summary>
public sealed record GetTreatmentPlan(Guid InstanceId) : IRequest<TreatmentPlan>;

/// <summary>Drug: The drug of the latest cycle planned; null before any. Cycles: Every cycle planned, first first; a re-planned cycle shows its latest plan. Cumulative: The rolling-year dose after each dose given, against the annual cap. Next: What the pathway waits for now, soonest first (undated last).</summary>
public sealed record TreatmentPlan(Guid InstanceId, string? Drug, IReadOnlyList<PlanCycle> Cycles, CumulativeDose Cumulative, IReadOnlyList<NextStep> Next);

/// <summary>Outcome: The plan's outcome: within-caps, reduced-to-annual-cap or defer. Decision: approved or overridden once a clinician decided (the current cycle's, from the course); null otherwise.</summary>
public sealed record PlanCycle(int Cycle, string Drug, DateTimeOffset PlannedAt, string Outcome, decimal? WeightKg, string? Decision, string? DecidedBy, IReadOnlyList<PlanDay> Days);

/// <summary>PlannedMg: The day's dose as planned (0 for a deferred cycle). HeldBecause: Why the day's gate held, when it holds now (the rules that did not hold).</summary>
public sealed record PlanDay(int Day, decimal PlannedMg, PlanDayStatus Status, decimal? GivenMg, DateTimeOffset? GivenAt, int? InfusionMinutes, string? GivenBy,
    DateTimeOffset? HeldAt, string? HeldBecause);

[JsonConverter(typeof(JsonStringEnumConverter<PlanDayStatus>))]
public enum PlanDayStatus
{
    [JsonStringEnumMemberName("planned")] Planned,
    [JsonStringEnumMemberName("given")] Given,
    [JsonStringEnumMemberName("held")] Held,
    [JsonStringEnumMemberName("deferred")] Deferred,
}

/// <summary>AnnualCapMgPerKg: The latest plan's annual cap; null when the pathway sets none. AnnualCapMg: That cap at the latest plan's weight.</summary>
public sealed record CumulativeDose(decimal? AnnualCapMgPerKg, decimal? WeightKg, decimal? AnnualCapMg, IReadOnlyList<CumulativePoint> Points);

/// <summary>RollingYearMg: The mg given in the rolling year up to and including this dose. RollingYearMgPerKg: The same per kg of the weight its cycle was planned at.</summary>
public sealed record CumulativePoint(DateTimeOffset At, decimal DoseMg, decimal RollingYearMg, decimal? RollingYearMgPerKg);

/// <summary>What: In words: the task's title, the step a timer wakes, or the results awaited. Kind: task, timer or event.</summary>
public sealed record NextStep(string What, DateTimeOffset? When, BookmarkKind Kind, Guid? TaskId, string? ActivityId);

internal sealed class TreatmentPlanHandler(CarePathwayDbContext db, CompiledDefinitions definitions) : IRequestHandler<GetTreatmentPlan, TreatmentPlan>
{
    public async Task<TreatmentPlan> Handle(GetTreatmentPlan request, CancellationToken cancellationToken)
    {
        var row = await db.WorkflowInstances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == request.InstanceId, cancellationToken)
            ?? throw new NotFoundException($"instance {request.InstanceId}");
        var state = InstanceState.FromJson(row.StateJson);
        var clinical = new[] { JournalTypes.DoseCalculated, JournalTypes.InfusionAdministered, JournalTypes.GateHeld, JournalTypes.GatePassed };
        var journal = await db.JournalEntries.AsNoTracking().Where(j => j.InstanceId == row.Id && clinical.Contains(j.Type))
            .OrderBy(j => j.Sequence).ToListAsync(cancellationToken);
        var openTasks = await db.HumanTasks.AsNoTracking().Where(t => t.InstanceId == row.Id && t.Status == HumanTaskStatus.Open)
            .Select(t => new { t.Id, t.Title, t.DueAt, t.ActivityId }).ToListAsync(cancellationToken);
        var definition = (await definitions.GetAsync(db, row.DefinitionId, row.Version, cancellationToken))?.Definition;
        var names = (definition?.Activities ?? []).ToDictionary(a => a.Id, a => a.DisplayName, StringComparer.Ordinal);

        var cycles = Cycles(journal, state.Course);
        var tasks = openTasks.Select(t => new NextStep(t.Title, t.DueAt, BookmarkKind.Task, t.Id, t.ActivityId));
        var timers = state.Bookmarks.Where(b => b.Kind == BookmarkKind.Timer)
            .Select(b => new NextStep(names.GetValueOrDefault(b.ActivityId, b.ActivityId), b.DueAt, BookmarkKind.Timer, null, b.ActivityId));
        var results = state.Bookmarks.Where(b => b.Kind == BookmarkKind.Event && !b.Watches).GroupBy(b => b.ActivityId)
            .Select(g => new NextStep($"Results for {names.GetValueOrDefault(g.Key, g.Key)}: " + string.Join(", ", g.Select(b => b.EventType == EventTypes.Lab
                ? $"{LabCatalog.NameOf(b.EventKey ?? "")} ({b.EventKey})" : $"{b.EventType} {b.EventKey}".TrimEnd())), g.Min(b => b.DueAt), BookmarkKind.Event, null, g.Key));
        var next = tasks.Concat(timers).Concat(results).OrderBy(n => n.When is null).ThenBy(n => n.When).ToList();
        return new TreatmentPlan(row.Id, cycles.LastOrDefault()?.Drug, cycles, Cumulative(cycles, journal), next);
    }

    /// <summary>The cycles as the journal planned them, each day marked given (with what was recorded), held or deferred.</summary>
    private static List<PlanCycle> Cycles(IReadOnlyList<JournalEntry> journal, CourseState course)
    {
        var cycles = new List<PlanCycle>();
        foreach (var entry in journal)
        {
            var d = JsonNode.Parse(entry.DataJson) as JsonObject ?? [];
            switch (entry.Type)
            {
                case JournalTypes.DoseCalculated:
                    var number = d["cycle"]!.GetValue<int>();
                    var outcome = d["outcome"]?.GetValue<string>() ?? entry.Outcome ?? "";
                    var doses = (d["doses"] as JsonArray ?? []).Select(x => x!.GetValue<decimal>()).ToList();
                    var status = outcome == DosePlanOutcomes.Defer ? PlanDayStatus.Deferred : PlanDayStatus.Planned;
                    cycles.RemoveAll(c => c.Cycle == number);
                    cycles.Add(new PlanCycle(number, d["drug"]!.GetValue<string>(), entry.At, outcome, d["weightKg"]?.GetValue<decimal>(), null, null,
                        [.. doses.Select((mg, i) => new PlanDay(i + 1, mg, status, null, null, null, null, null, null))]));
                    break;
                case JournalTypes.InfusionAdministered:
                    Replace(cycles, d["cycle"]!.GetValue<int>(), d["cycleDay"]!.GetValue<int>(), day => day with
                    {
                        Status = PlanDayStatus.Given,
                        GivenMg = d["doseMg"]!.GetValue<decimal>(),
                        GivenAt = d["startedAt"]!.GetValue<DateTimeOffset>(),
                        InfusionMinutes = d["infusionMinutes"]?.GetValue<int>(),
                        GivenBy = d["by"]?.GetValue<string>(),
                        HeldAt = null,
                        HeldBecause = null,
                    });
                    break;
                case JournalTypes.GateHeld or JournalTypes.GatePassed when NextDayToGive(cycles) is var (cycle, day):
                    var held = entry.Type == JournalTypes.GateHeld;
                    var why = string.Join("; ", (d["reasons"] as JsonArray ?? []).Select(r => r!.GetValue<string>()));
                    Replace(cycles, cycle, day, planned => planned with
                    {
                        Status = held ? PlanDayStatus.Held : PlanDayStatus.Planned,
                        HeldAt = held ? entry.At : null,
                        HeldBecause = held ? why : null,
                    });
                    break;
            }
        }

        // The decision is the course's own, for the cycle it holds.
        if (course.Plan is { } plan && cycles.FindIndex(c => c.Cycle == plan.Cycle) is var at and >= 0)
            cycles[at] = cycles[at] with { Decision = plan.Decision?.WireName(), DecidedBy = plan.DecidedBy };
        return cycles;
    }

    /// <summary>The latest cycle's first day not yet given, when it is one to give (not deferred); a gate now stands before it.</summary>
    private static (int Cycle, int Day)? NextDayToGive(List<PlanCycle> cycles) =>
        cycles.LastOrDefault() is { } last && last.Days.FirstOrDefault(d => d.Status is PlanDayStatus.Planned or PlanDayStatus.Held && d.PlannedMg > 0m) is { } day
            ? (last.Cycle, day.Day)
            : null;

    private static void Replace(List<PlanCycle> cycles, int cycle, int day, Func<PlanDay, PlanDay> change)
    {
        var at = cycles.FindIndex(c => c.Cycle == cycle);
        if (at < 0 || day < 1 || day > cycles[at].Days.Count) return;
        var days = cycles[at].Days.ToList();
        days[day - 1] = change(days[day - 1]);
        cycles[at] = cycles[at] with { Days = days };
    }

    /// <summary>After each dose given: the rolling-year mg (the dose calculator's window) and per kg at its cycle's weight.</summary>
    private static CumulativeDose Cumulative(List<PlanCycle> cycles, IReadOnlyList<JournalEntry> journal)
    {
        var given = cycles.SelectMany(c => c.Days.Where(d => d.GivenAt is not null).Select(d => (Cycle: c, At: d.GivenAt!.Value, Mg: d.GivenMg!.Value)))
            .OrderBy(g => g.At).ToList();
        var points = given.Select((g, i) =>
        {
            var sofar = given.Take(i + 1).Select(x => new AdministeredDose(DateOnly.FromDateTime(x.At.UtcDateTime), x.Mg));
            var mg = DoseCalculator.AdministeredInWindow(sofar, DateOnly.FromDateTime(g.At.UtcDateTime));
            return new CumulativePoint(g.At, g.Mg, mg, g.Cycle.WeightKg is { } kg and > 0m ? Math.Round(mg / kg, 2, MidpointRounding.AwayFromZero) : null);
        }).ToList();
        var latest = journal.LastOrDefault(j => j.Type == JournalTypes.DoseCalculated) is { } plan ? JsonNode.Parse(plan.DataJson) as JsonObject : null;
        var capPerKg = latest?["annualCapMgPerKg"]?.GetValue<decimal>();
        var weight = latest?["weightKg"]?.GetValue<decimal>();
        return new CumulativeDose(capPerKg, weight, capPerKg * weight, points);
    }
}
