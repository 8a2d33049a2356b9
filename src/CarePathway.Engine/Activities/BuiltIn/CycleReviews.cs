using System.Globalization;
using System.Text.Json.Nodes;
using CarePathway.Engine.Clinical;
using CarePathway.Engine.Execution;

namespace CarePathway.Engine.Activities.BuiltIn;

/// <summary>
/// What a review of a cycle or dose shows about the doses not given (hazard 6): a cycle ended with some of its doses
/// not given, or a dose given only after a missed attempt, is reviewed knowing which were missed, when and why. Every
/// pathway's task of a reviewing kind (<see cref="TaskKinds.ResponseReview"/>, <see cref="TaskKinds.MissedDoseReview"/>)
/// gets it, instances already running included, so no pathway has to remember to ask for it.
/// </summary>
internal static class CycleReviews
{
    public static bool Reviews(string kind) => kind is TaskKinds.ResponseReview or TaskKinds.MissedDoseReview;

    /// <summary>The evidence of a review now: the doses of the cycle planned last that were not given; null when there are none.</summary>
    public static JsonObject? Evidence(CourseState course)
    {
        if (course.Plan is not { } plan || course.NotGivenIn(plan.Cycle) is not { Count: > 0 } missed) return null;
        var given = course.Administered.Count(a => a.Cycle == plan.Cycle);
        return new JsonObject
        {
            ["missedDosesSummary"] = string.Create(CultureInfo.InvariantCulture,
                $"Cycle {plan.Cycle}: {Count(missed.Count)} recorded not given, {Count(given)} given."),
            ["missedDoses"] = new JsonArray([.. missed.Select(Entry)]),
        };
    }

    private static string Count(int doses) => doses == 1 ? "1 dose" : string.Create(CultureInfo.InvariantCulture, $"{doses} doses");

    private static JsonNode Entry(NotGivenRecord missed) => new JsonObject
    {
        ["drug"] = missed.Drug,
        ["cycle"] = missed.Cycle,
        ["cycleDay"] = missed.CycleDay,
        ["plannedMg"] = missed.PlannedMg,
        ["recordedAt"] = missed.RecordedAt,
        ["recordedBy"] = missed.RecordedBy,
        ["reason"] = missed.Reason,
        ["text"] = string.Create(CultureInfo.InvariantCulture,
            $"Cycle {missed.Cycle}, day {missed.CycleDay}: {missed.Drug} {ClinicalFormat.N(missed.PlannedMg)} mg not given, recorded {missed.RecordedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC by {missed.RecordedBy}")
            + (missed.Reason is { } reason ? $" ({reason})" : " (no reason recorded)"),
    };
}
