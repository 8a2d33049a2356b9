using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;

namespace CarePathway.Engine.Simulation;

/// <summary>
/// Turns journal records into timeline entries (<c>day</c>, <c>at</c>, <c>type</c> and fields per
/// type). Records without a timeline meaning (variable.set, activity.executed...) are left out:
/// the timeline is for reading a course, the journal for auditing every step.
/// </summary>
public sealed class Timeline(DateTimeOffset start)
{
    public JsonArray Entries { get; } = [];

    public int DayOf(DateTimeOffset at) => (int)Math.Floor((at - start).TotalDays);

    public void Add(DateTimeOffset at, string type, JsonObject fields)
    {
        var entry = new JsonObject { ["day"] = DayOf(at), ["at"] = at.ToString("O"), ["type"] = type };
        foreach (var (name, value) in fields) entry[name] = value?.DeepClone();
        Entries.Add(entry);
    }

    public void Add(JournalRecord record)
    {
        var d = record.Data;
        switch (record.Type)
        {
            case JournalTypes.PathwayStarted:
                Add(record.At, record.Type, new JsonObject { ["definitionId"] = d["definitionId"]?.DeepClone(), ["version"] = d["version"]?.DeepClone() });
                break;
            case JournalTypes.PathwayCompleted or JournalTypes.PathwayCancelled:
                Add(record.At, record.Type, []);
                break;
            case JournalTypes.TaskCreated:
                Add(record.At, record.Type, new JsonObject
                {
                    ["taskId"] = d["taskId"]?.DeepClone(),
                    ["kind"] = d["kind"]?.DeepClone(),
                    ["activity"] = d["activity"]?.DeepClone(),
                    ["role"] = d["role"]?.DeepClone(),
                    ["title"] = d["title"]?.DeepClone(),
                    ["dueDay"] = DueDay(d),
                });
                break;
            case JournalTypes.TaskCompleted:
                Add(record.At, record.Type, new JsonObject
                {
                    ["taskId"] = d["taskId"]?.DeepClone(),
                    ["kind"] = d["kind"]?.DeepClone(),
                    ["outcome"] = d["outcome"]?.DeepClone(),
                    ["by"] = d["by"]?.DeepClone(),
                    ["reason"] = d["reason"]?.DeepClone(),
                });
                break;
            case JournalTypes.TaskCancelled:
                Add(record.At, record.Type, new JsonObject { ["taskId"] = d["taskId"]?.DeepClone(), ["reason"] = d["reason"]?.DeepClone() });
                break;
            case JournalTypes.Decision:
                Add(record.At, record.Type, new JsonObject
                {
                    ["activity"] = d["activity"]?.DeepClone(),
                    ["outcome"] = d["outcome"]?.DeepClone(),
                    ["explanation"] = d["explanation"]?.DeepClone(),
                });
                break;
            case JournalTypes.TimerFired:
                Add(record.At, record.Type, new JsonObject { ["activity"] = record.ActivityId });
                break;
            case JournalTypes.Incident:
                Add(record.At, record.Type, new JsonObject { ["activity"] = record.ActivityId, ["message"] = d["message"]?.DeepClone() });
                break;
            case JournalTypes.ReminderCreated:
                Add(record.At, record.Type, new JsonObject
                {
                    ["kind"] = d["kind"]?.DeepClone(),
                    ["dueDay"] = DueDay(d),
                });
                break;
            case JournalTypes.DoseScheduled:
                Add(record.At, record.Type, new JsonObject { ["drug"] = d["drug"]?.DeepClone(), ["dueDay"] = DueDay(d) });
                break;
            case var type when ClinicalFields.TryGetValue(type, out var fields):
                Add(record.At, type, new JsonObject(fields.Select(f => KeyValuePair.Create(f, d[f]?.DeepClone()))));
                break;
            case JournalTypes.EventAwaited:
                AddRequest(record.At, d["eventType"]!.GetValue<string>(), d["key"]!.GetValue<string>());
                break;
        }
    }

    /// <summary>The fields each clinical record shows on the timeline (the journal keeps the full working).</summary>
    private static readonly Dictionary<string, string[]> ClinicalFields = new(StringComparer.Ordinal)
    {
        [JournalTypes.LabRequested] = ["codes"],
        [JournalTypes.GatePassed] = ["gate", "explanation"],
        [JournalTypes.GateHeld] = ["gate", "reasons"],
        [JournalTypes.ClearanceExpired] = ["gate", "freshUntil"],
        [JournalTypes.RenalCalculated] = ["method", "value", "unit", "explanation"],
        [JournalTypes.DoseCalculated] = ["drug", "cycle", "mgPerKg", "doseMg", "doses", "capped", "outcome", "cumulativeMgPerKg365"],
        [JournalTypes.InfusionAdministered] = ["drug", "doseMg", "cycle", "cycleDay", "infusionMinutes"],
    };

    private int? DueDay(JsonObject data) => data["dueAt"] is JsonValue due ? DayOf(due.GetValue<DateTimeOffset>()) : null;

    private void AddRequest(DateTimeOffset at, string eventType, string key)
    {
        switch (eventType)
        {
            case EventTypes.Lab:
                Add(at, "lab.requested", new JsonObject { ["codes"] = new JsonArray(key) });
                break;
            case EventTypes.Assessment:
                Add(at, "assessment.requested", new JsonObject { ["name"] = key });
                break;
            default:
                Add(at, "measurement.requested", new JsonObject { ["kind"] = key });
                break;
        }
    }
}
