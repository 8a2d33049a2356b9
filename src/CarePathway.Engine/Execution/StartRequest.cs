using System.Text.Json.Nodes;

namespace CarePathway.Engine.Execution;

/// <summary>What starting a pathway for a patient needs.</summary>
public sealed record StartRequest(Guid InstanceId, Guid PatientId, string StartedBy)
{
    /// <summary>Overrides of the definition's parameter defaults, by name, validated against their types.</summary>
    public IReadOnlyDictionary<string, JsonNode?> Parameters { get; init; } = new Dictionary<string, JsonNode?>();

    /// <summary>A clinician starts the pathway for a patient its eligibility rules exclude, with a reason (checked by the runtime).</summary>
    public EligibilityOverride? EligibilityOverride { get; init; }
}

/// <summary>Who started a pathway outside its eligibility, and why; kept with the instance and journaled.</summary>
public sealed record EligibilityOverride(string By, string Reason);

/// <summary>A start refused because its parameter overrides do not fit the definition.</summary>
public class InvalidStartException(IReadOnlyList<Validation.ValidationProblem> problems)
    : Exception("the pathway cannot start: " + string.Join("; ", problems))
{
    public IReadOnlyList<Validation.ValidationProblem> Problems { get; } = problems;
}

/// <summary>
/// The patient is outside who the pathway is for (its Start's eligibility rules); each problem names the rule and why
/// it does not hold. Nothing was stored: a clinician may start it with a reason (a host answers 422).
/// </summary>
public sealed class IneligibleStartException(IReadOnlyList<Validation.ValidationProblem> problems) : InvalidStartException(problems);
