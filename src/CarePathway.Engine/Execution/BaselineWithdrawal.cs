using System.Text.Json.Nodes;
using CarePathway.Engine.Clinical;
using CarePathway.Engine.Patients;

namespace CarePathway.Engine.Execution;

/// <summary>
/// A baseline does not outlive the result it was captured from (H11): when that result is entered in error, every
/// later "creatinine against baseline" would otherwise go on comparing with a value nobody can vouch for. A reported
/// baseline is captured again from the latest valid result of its code drawn no later than it (what the baseline gate
/// would have read had the wrong result never been there); with none, or for a calculated code (whose sources cannot
/// be told apart afterwards), it is removed, so the gates that compare with it hold for a clinician instead of passing.
/// </summary>
internal static class BaselineWithdrawal
{
    public static bool StandsOn(IReadOnlyDictionary<string, LabValue> baselines, LabWithdrawn lab) =>
        baselines.Any(b => CapturedFrom(b.Key, b.Value, lab));

    /// <summary>Corrects the baselines <paramref name="lab"/> stood under; each change, as the journal shows it.</summary>
    public static JsonArray Correct(Dictionary<string, LabValue> baselines, LabWithdrawn lab, PatientContext patient)
    {
        var changes = new JsonArray();
        foreach (var (code, was) in baselines.Where(b => CapturedFrom(b.Key, b.Value, lab)).ToList())
        {
            var now = Recapture(code, was, patient);
            if (now is null) baselines.Remove(code);
            else baselines[code] = now;
            changes.Add(new JsonObject { ["code"] = code, ["was"] = Json(was), ["now"] = now is null ? null : Json(now) });
        }

        return changes;
    }

    private static bool CapturedFrom(string code, LabValue baseline, LabWithdrawn lab) =>
        LabCatalog.CalculatedFrom(code).Count > 0
            ? lab.Concerns(code) && baseline.ObservedAt <= lab.ObservedAt
            : LabCatalog.Answers(lab.Code, code) && baseline.ObservedAt == lab.ObservedAt;

    private static LabValue? Recapture(string code, LabValue was, PatientContext patient)
    {
        if (LabCatalog.CalculatedFrom(code).Count > 0) return null;
        var earlier = PatientContext.Latest(patient.Labs.Where(l => LabCatalog.Answers(l.Code, code) && l.ObservedAt <= was.ObservedAt), l => l.ObservedAt);
        if (earlier is null) return null;
        var (value, unit) = LabCatalog.ReadAs(code, earlier.Code, earlier.Value, earlier.Unit);
        return new LabValue(value, unit, earlier.ObservedAt);
    }

    private static JsonObject Json(LabValue baseline) =>
        new() { ["value"] = baseline.Value, ["unit"] = baseline.Unit, ["observedAt"] = baseline.ObservedAt };
}
