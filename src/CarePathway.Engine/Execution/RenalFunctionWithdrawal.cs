using System.Text.Json.Nodes;
using CarePathway.Engine.Activities;
using CarePathway.Engine.Activities.Clinical;
using CarePathway.Engine.Patients;

namespace CarePathway.Engine.Execution;

/// <summary>
/// A renal function does not outlive the creatinine it was worked out from (H11): a pathway that goes back to a gate
/// after a withdrawal does not pass its RenalFunction step again, so without this its rules and the next dose's
/// infusion time would go on reading a clearance nobody can vouch for. The variable is worked out again, by the same
/// formula, from the patient's latest valid results; when they no longer allow it (no creatinine left), it is removed,
/// so a rule reading it holds for a clinician instead of passing.
/// </summary>
internal static class RenalFunctionWithdrawal
{
    private const string CreatinineCode = RenalFunctionActivity.CreatinineCode;

    public static bool StandsOn(IReadOnlyDictionary<string, RenalFunctionSource>? sources, LabWithdrawn lab) =>
        lab.Concerns(CreatinineCode) && sources is not null && sources.Values.Any(s => s.CreatinineObservedAt == lab.ObservedAt);

    /// <summary>Works out again each variable <paramref name="lab"/> stood under; each change, as the journal shows it.</summary>
    public static JsonArray Correct(InstanceState state, LabWithdrawn lab, PatientContext patient, DateTimeOffset now)
    {
        var changes = new JsonArray();
        if (!lab.Concerns(CreatinineCode) || state.RenalFunctions is not { } renalFunctions) return changes;
        foreach (var (variable, source) in renalFunctions.Where(r => r.Value.CreatinineObservedAt == lab.ObservedAt).ToList())
        {
            var was = state.Variables.GetValueOrDefault(variable)?.DeepClone();
            var estimate = TryEstimate(patient, now, source.Method);
            if (estimate is null)
            {
                state.Variables.Remove(variable);
                renalFunctions.Remove(variable);
            }
            else
            {
                state.Variables[variable] = estimate.Variable.ToJsonNode();
                renalFunctions[variable] = estimate.Source;
            }

            changes.Add(new JsonObject
            {
                ["variable"] = variable,
                ["was"] = was,
                ["now"] = estimate?.Journal(),
            });
        }

        return changes;
    }

    private static RenalEstimate? TryEstimate(PatientContext patient, DateTimeOffset now, string method)
    {
        try
        {
            return RenalFunctionActivity.Estimate(patient, now, method);
        }
        catch (ActivityFaultException)
        {
            return null;
        }
    }
}
