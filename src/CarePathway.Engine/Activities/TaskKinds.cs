namespace CarePathway.Engine.Activities;

/// <summary>
/// Task kinds the clinical activities create themselves. Pathways name the kinds of their own tasks
/// (nsaid-review, infusion-approval, imaging...); these are the ones an activity type fixes.
/// </summary>
public static class TaskKinds
{
    public const string OrderLabs = "order-labs";
    public const string AdministerInfusion = "administer-infusion";
    public const string WeightReview = "weight-review";
    public const string GateEscalation = "gate-escalation";

    /// <summary>
    /// Kinds pathways name that review a cycle or a dose: the review after it (response-review) and the clinician's
    /// decision on a dose not given (missed-dose-review). A task of either kind shows the doses of the cycle that were
    /// not given (<see cref="BuiltIn.CycleReviews"/>), whatever the pathway.
    /// </summary>
    public const string ResponseReview = "response-review";

    /// <inheritdoc cref="ResponseReview"/>
    public const string MissedDoseReview = "missed-dose-review";
}
