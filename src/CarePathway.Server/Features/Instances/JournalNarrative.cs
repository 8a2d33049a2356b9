using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CarePathway.Engine.Clinical;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Server.Persistence;

namespace CarePathway.Server.Features.Instances;

/// <summary>Who a journal entry is credited to: a person's own act, or a step the engine took by itself.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JournalActorKind>))]
public enum JournalActorKind
{
    /// <summary>What a person did: started or stopped the pathway, answered or passed on a task, recorded a result or a dose.</summary>
    [JsonStringEnumMemberName("person")] Person,

    /// <summary>What the engine did on its own, even when a person's act set it off (a gate evaluated, a dose planned, a timer).</summary>
    [JsonStringEnumMemberName("system")] System,
}

/// <summary>
/// The journal in clinical words: each entry as a sentence built from its data, the definition's activity names and the
/// task titles the journal holds ("Cycle 2 day 1: pamidronate 32 mg given over 4 h by nurse"), credited to the person who
/// acted or to the system. The engine's plumbing (a step executed, a timer set, a wait begun, a value set) has no
/// sentence: the clinical timeline leaves it out and the raw journal keeps it. The entry's own fields stay as stored.
/// </summary>
internal sealed class JournalNarrative(WorkflowDefinition? definition)
{
    /// <summary>Who the system's steps are credited to.</summary>
    public const string System = "System";

    /// <summary>The entry types that record a person's own act; everything else the engine did by itself.</summary>
    private static readonly HashSet<string> PersonActs =
    [
        JournalTypes.PathwayStarted, JournalTypes.PathwaySuspended, JournalTypes.PathwayResumed, JournalTypes.PathwayCancelled,
        JournalTypes.PathwayMigrated, JournalTypes.TaskCompleted, JournalTypes.TaskAssigned, JournalTypes.InfusionAdministered,
        JournalTypes.EligibilityOverridden, JournalTypes.LabWithdrawn, JournalTypes.EventReceived,
    ];

    private readonly Dictionary<string, string> _activityNames =
        (definition?.Activities ?? []).ToDictionary(a => a.Id, a => a.DisplayName, StringComparer.Ordinal);

    private readonly Dictionary<string, string> _taskTitles = new(StringComparer.Ordinal);

    /// <summary>The entries in order (each task's title is read from its task.created before its completion is told).</summary>
    public IReadOnlyList<JournalEntryDto> Narrate(IEnumerable<JournalEntry> entries) => [.. entries.Select(Narrate)];

    private JournalEntryDto Narrate(JournalEntry row)
    {
        var data = JsonNode.Parse(row.DataJson);
        var fields = data as JsonObject ?? [];
        if (row.Type == JournalTypes.TaskCreated && Text(fields, "taskId") is { } taskId && Text(fields, "title") is { } title) _taskTitles[taskId] = title;
        var person = PersonActs.Contains(row.Type);
        var credited = person ? Text(fields, "by") ?? row.Actor ?? "unknown" : System;
        return new JournalEntryDto(row.Sequence, row.At, row.Type, row.ActivityId, row.Outcome, row.CauseKind, row.Actor, data)
        {
            Summary = Sentence(row, fields),
            ActorKind = person ? JournalActorKind.Person : JournalActorKind.System,
            CreditedTo = credited,
        };
    }

    private string? Sentence(JournalEntry row, JsonObject d) => row.Type switch
    {
        JournalTypes.PathwayStarted => $"Pathway started: {definition?.Name ?? row.ActivityId ?? "pathway"}, version {Text(d, "version")}",
        JournalTypes.PathwayCompleted => "Pathway completed",
        JournalTypes.PathwaySuspended => "Pathway suspended" + Because(d),
        JournalTypes.PathwayResumed => "Pathway resumed",
        JournalTypes.PathwayCancelled => "Pathway cancelled" + Because(d),
        JournalTypes.PathwayMigrated => $"Moved from version {Text(d, "fromVersion")} to version {Text(d, "toVersion")}" + Because(d),
        JournalTypes.EligibilityOverridden => "Started outside who the pathway is for" + Because(d),
        JournalTypes.TaskCreated => $"Task opened: {Text(d, "title")}",
        JournalTypes.TaskCompleted => $"{TaskTitle(d)}: {OutcomeWords(row.Outcome ?? Text(d, "outcome"))}" + Because(d),
        JournalTypes.TaskCancelled => $"Task closed, no longer needed: {TaskTitle(d)}",
        JournalTypes.TaskAssigned => Assignment(d),
        JournalTypes.ReminderCreated => $"Reminder: {TaskTitle(d)}",
        JournalTypes.Decision => $"{ActivityName(row)}: {OutcomeWords(row.Outcome)}",
        JournalTypes.TimerFired => $"{ActivityName(row)}: its time came",
        JournalTypes.EventReceived => Received(d),
        JournalTypes.LabRequested => $"Labs requested for the {Text(d, "gate")} gate: {LabNames(d["codes"])}",
        JournalTypes.GatePassed => $"Lab gate passed ({Text(d, "gate")})",
        JournalTypes.GateHeld => $"Held at the {Text(d, "gate")} gate: {string.Join("; ", Texts(d["reasons"]))}",
        JournalTypes.RenalCalculated => $"Renal function: {Number(d, "value")} {Text(d, "unit")}",
        JournalTypes.DoseCalculated => Planned(row, d),
        JournalTypes.DoseScheduled => $"Next {Text(d, "drug")} cycle due {Day(d, "dueAt")}",
        JournalTypes.InfusionAdministered => Given(d),
        JournalTypes.ClearanceExpired => $"The labs of the {Text(d, "gate")} gate went out of date: the dose is no longer cleared",
        JournalTypes.LabWithdrawn => $"{LabCatalog.NameOf(Text(d, "code") ?? "")} result entered in error" + Because(d),
        JournalTypes.Incident => $"Incident at {ActivityName(row)}: {Text(d, "message")}",
        JournalTypes.IncidentResolved => "Incident resolved",
        JournalTypes.ActivityExecuted or JournalTypes.VariableSet or JournalTypes.TimerScheduled or JournalTypes.EventAwaited => null,
        _ => row.ActivityId is null ? row.Type : $"{ActivityName(row)}: {row.Type}",
    };

    /// <summary>"Cycle 2 day 1: pamidronate 32 mg given over 4 h by nurse".</summary>
    private static string Given(JsonObject d)
    {
        var minutes = d["infusionMinutes"]?.GetValue<int>() ?? 0;
        return $"Cycle {Text(d, "cycle")} day {Text(d, "cycleDay")}: {Text(d, "drug")} {Number(d, "doseMg")} mg given"
            + (minutes > 0 ? $" over {Duration(minutes)}" : "") + $" by {Text(d, "by")}";
    }

    /// <summary>"Cycle 1 planned: pamidronate 36 mg a day for 3 days (within caps)", or the cycle deferred.</summary>
    private static string Planned(JournalEntry row, JsonObject d)
    {
        var outcome = row.Outcome ?? Text(d, "outcome");
        if (outcome == DosePlanOutcomes.Defer) return $"Cycle {Text(d, "cycle")} of {Text(d, "drug")} deferred: the annual cap leaves no dose";
        var doses = Texts(d["doses"]).ToList();
        var days = doses.Distinct().Count() == 1
            ? $"{doses[0]} mg a day for {doses.Count} day{(doses.Count == 1 ? "" : "s")}"
            : string.Join(", ", doses) + " mg on consecutive days";
        return $"Cycle {Text(d, "cycle")} planned: {Text(d, "drug")} {days} ({OutcomeWords(outcome)})";
    }

    private static string Received(JsonObject d)
    {
        var payload = d["payload"] as JsonObject ?? [];
        return Text(d, "eventType") == EventTypes.Lab && Text(d, "key") is { } code
            ? $"Result in: {LabCatalog.NameOf(code)} {Number(payload, "value")} {Text(payload, "unit")}".TrimEnd()
            : $"Recorded: {Text(d, "eventType")} {Text(d, "key")}".TrimEnd();
    }

    private string Assignment(JsonObject d) => Text(d, "action") switch
    {
        "claimed" => $"Task claimed: {TaskTitle(d)}",
        "released" => $"Task released to the team (was {Text(d, "from")}): {TaskTitle(d)}",
        _ when Text(d, "from") is { } from => $"Task reassigned to {Text(d, "to")} (was {from}): {TaskTitle(d)}",
        _ => $"Task assigned to {Text(d, "to")}: {TaskTitle(d)}",
    };

    private string TaskTitle(JsonObject d) =>
        Text(d, "taskId") is { } id && _taskTitles.TryGetValue(id, out var title) ? title : Text(d, "kind") ?? "task";

    private string ActivityName(JournalEntry row) =>
        row.ActivityId is { } id ? _activityNames.GetValueOrDefault(id, id) : "pathway";

    /// <summary>An outcome as a ward says it; decisions' true/false as yes/no, the rest with dashes as spaces.</summary>
    private static string OutcomeWords(string? outcome) => outcome switch
    {
        null => "done",
        "true" => "yes",
        "false" => "no",
        _ => outcome.Replace('-', ' '),
    };

    private static string Because(JsonObject d) => Text(d, "reason") is { Length: > 0 } reason ? $" ({reason})" : "";

    private static string LabNames(JsonNode? codes) => string.Join(", ", Texts(codes).Select(c => $"{LabCatalog.NameOf(c)} ({c})"));

    /// <summary>240 → "4 h", 90 → "1 h 30 min".</summary>
    private static string Duration(int minutes) =>
        string.Join(" ", new[] { minutes / 60 > 0 ? $"{minutes / 60} h" : "", minutes % 60 > 0 ? $"{minutes % 60} min" : "" }.Where(p => p.Length > 0));

    private static string? Text(JsonObject d, string name) => d[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        var other => other.ToJsonString(),
    };

    private static IEnumerable<string> Texts(JsonNode? array) =>
        array is JsonArray items ? items.Select(i => i is JsonValue v && v.TryGetValue<string>(out var s) ? s : i?.ToJsonString() ?? "") : [];

    private static string Number(JsonObject d, string name) =>
        d[name] is JsonValue v && v.TryGetValue<decimal>(out var n) ? n.ToString("0.##", CultureInfo.InvariantCulture) : Text(d, name) ?? "";

    private static string Day(JsonObject d, string name) =>
        d[name] is JsonValue v && v.TryGetValue<DateTimeOffset>(out var at) ? at.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture) : Text(d, name) ?? "";
}
