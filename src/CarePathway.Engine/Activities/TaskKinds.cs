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
}
