using CarePathway.Engine.Definitions;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Activities.Clinical;

/// <summary>
/// How long an infusion must run: the minimum, or longer when renal function is below a threshold (R3: clearance
/// below 30 mL/min, 4-6 hours). DoseCalculation works it out for the plan; AdministerInfusion again before each dose,
/// from the clearance then, so a clearance that falls mid-course lengthens that dose.
/// </summary>
internal static class InfusionTimes
{
    public const string InfusionTimeDescription = "Minimum infusion time, e.g. param.minInfusionTime.";
    public const string ClearanceDescription = "Renal function to judge the infusion time by, e.g. var.creatinineClearance.";
    public const string LowClearanceBelowDescription = "Below this clearance the infusion runs for lowClearanceInfusionTime.";
    public const string LowClearanceInfusionTimeDescription = "Infusion time when clearance is low.";

    /// <summary>clearance, lowClearanceBelow and lowClearanceInfusionTime are given together or not at all.</summary>
    public static IEnumerable<ValidationProblem> Check(ActivityDefinition activity, LowClearanceInputs inputs)
    {
        if ((inputs.LowClearanceBelow is null) != (inputs.LowClearanceInfusionTime is null) || (inputs.LowClearanceBelow is not null && inputs.Clearance is null))
            yield return new ValidationProblem(activity.Id, "inputs.lowClearanceBelow", "clearance, lowClearanceBelow and lowClearanceInfusionTime go together");
    }

    /// <summary>The minutes and why, in words a nurse reads on the task.</summary>
    public static (int Minutes, string Explanation) Minutes(ActivityContext context, ExpressionInput infusionTime, LowClearanceInputs inputs)
    {
        var (clearance, lowClearanceBelow, lowClearanceInfusionTime) = (inputs.Clearance, inputs.LowClearanceBelow, inputs.LowClearanceInfusionTime);
        var minimum = (int)Math.Ceiling(context.Evaluate(infusionTime).Result.AsDuration().TotalMinutes);
        // Check gives clearance and lowClearanceInfusionTime with lowClearanceBelow.
        if (lowClearanceBelow is null) return (minimum, $"Infuse over at least {minimum} minutes.");

        var measured = context.Evaluate(clearance!);
        var threshold = context.Evaluate(lowClearanceBelow).Result;
        if (measured.Result.IsNull)
            throw new ActivityFaultException("the infusion time depends on renal function, but none has been calculated (clearance is null)");
        // The clearance by its name when it has one ("eGFR 24.1 mL/min/1.73m2"): the nurse reads what the number is.
        var named = measured.Result.Label is { } label ? $"{label} {measured.Result.ToDisplayString(1)}" : measured.Result.ToDisplayString(1);
        if (measured.Result.AsDecimal() >= threshold.AsDecimal())
            return (minimum, $"Infuse over at least {minimum} minutes ({named} is not below {threshold.ToDisplayString()}).");
        var longer = (int)Math.Ceiling(context.Evaluate(lowClearanceInfusionTime!).Result.AsDuration().TotalMinutes);
        var minutes = Math.Max(minimum, longer);
        return (minutes, $"Infuse over at least {minutes} minutes: {named} is below {threshold.ToDisplayString()}.");
    }
}

/// <summary>The inputs that lengthen an infusion on low renal function; DoseCalculation and AdministerInfusion share them.</summary>
public abstract record LowClearanceInputs
{
    [Input(InfusionTimes.ClearanceDescription, ExpressionType = ExpressionType.Number)]
    public ExpressionInput? Clearance { get; init; }

    [Input(InfusionTimes.LowClearanceBelowDescription, ExpressionType = ExpressionType.Number)]
    public ExpressionInput? LowClearanceBelow { get; init; }

    [Input(InfusionTimes.LowClearanceInfusionTimeDescription, ExpressionType = ExpressionType.Duration)]
    public ExpressionInput? LowClearanceInfusionTime { get; init; }
}
