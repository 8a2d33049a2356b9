using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CarePathway.Engine.Activities.BuiltIn;
using CarePathway.Engine.Clinical;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Expressions;
using CarePathway.Engine.Patients;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Activities.Clinical;

/// <summary>
/// Plans the doses of the next cycle (R2, R4-R7): weight-based (mg/kg from the latest weight, rounded,
/// per-dose cap, optional reduced first-ever dose, rolling-365-day cap counted from administered doses)
/// or fixed (e.g. zoledronic acid 5 mg), and the infusion time (the minimum, longer when clearance is
/// low). The plan waits for a clinician's decision in an InfusionApproval; when the annual cap leaves
/// no room the path goes on "deferred". A weight change beyond the review threshold raises a task.
/// </summary>
public sealed class DoseCalculationActivity : Activity
{
    private const string Nearest = "nearest";
    private const string Down = "down";
    private const string Reviewed = "reviewed";
    private static readonly string[] WeightBasedOnly = ["annualCapMgPerKg", "reducedFirstDoseMgPerKg"];

    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "DoseCalculation",
        DisplayName = "Dose calculation",
        Category = "Clinical",
        Description = "Plans the next cycle's doses within the per-dose and rolling-annual caps, and its infusion time; a clinician approves the plan.",
        Inputs =
        [
            new InputDescriptor { Name = "drug", Kind = InputKind.Text, Required = true, Description = "e.g. pamidronate." },
            Expr("mgPerKg", "Weight-based dose per infusion, e.g. param.pamidronateMgPerKg (give this or fixedDoseMg)."),
            Expr("fixedDoseMg", "A fixed dose per infusion, e.g. param.zoledronicAcidDoseMg (give this or mgPerKg)."),
            Expr("maxDoseMg", "Per-dose cap in mg."),
            Expr("doses", "Infusions in the cycle (default 1), e.g. 3 on consecutive days."),
            Expr("annualCapMgPerKg", "Cumulative cap over a rolling 365 days, counted from administered doses."),
            Expr("reducedFirstDoseMgPerKg", "Rate for day 1 of the first-ever cycle of this drug."),
            Expr("roundingStepMg", "Doses are rounded to multiples of this (default 1 mg)."),
            new InputDescriptor { Name = "rounding", Kind = InputKind.Choice, Options = [Nearest, Down], Description = "Round to the nearest step (default) or down." },
            new InputDescriptor { Name = "infusionTime", Kind = InputKind.Expression, ExpressionType = ExpressionType.Duration, Required = true, Description = "Minimum infusion time, e.g. param.minInfusionTime." },
            Expr("clearance", "Renal function to judge the infusion time by, e.g. var.creatinineClearance."),
            Expr("lowClearanceBelow", "Below this clearance the infusion runs for lowClearanceInfusionTime."),
            new InputDescriptor { Name = "lowClearanceInfusionTime", Kind = InputKind.Expression, ExpressionType = ExpressionType.Duration, Description = "Infusion time when clearance is low." },
            Expr("weightChangePercent", "Raise a weight-review task when the weight changed by more than this since the course started."),
        ],
        Outcomes = [Outcomes.Calculated, Outcomes.Deferred],
    };

    public override IReadOnlyList<string> OutcomesOf(ActivityDefinition activity) =>
        activity.HasInput("annualCapMgPerKg") ? [Outcomes.Calculated, Outcomes.Deferred] : [Outcomes.Calculated];

    public override IEnumerable<ValidationProblem> Validate(ActivityDefinition activity, WorkflowDefinition definition)
    {
        if (activity.HasInput("mgPerKg") == activity.HasInput("fixedDoseMg"))
            yield return new ValidationProblem(activity.Id, "inputs.mgPerKg", "give exactly one of mgPerKg and fixedDoseMg");
        foreach (var weightBased in WeightBasedOnly.Where(n => activity.HasInput(n) && !activity.HasInput("mgPerKg")))
            yield return new ValidationProblem(activity.Id, $"inputs.{weightBased}", "applies to weight-based doses only: give mgPerKg");
        if (activity.HasInput("lowClearanceBelow") != activity.HasInput("lowClearanceInfusionTime") || (activity.HasInput("lowClearanceBelow") && !activity.HasInput("clearance")))
            yield return new ValidationProblem(activity.Id, "inputs.lowClearanceBelow", "clearance, lowClearanceBelow and lowClearanceInfusionTime go together");
    }

    public override ActivityResult Execute(ActivityContext context)
    {
        var course = context.Course;
        var drug = context.RequiredText("drug");
        var weight = context.Patient.Latest(MeasurementKinds.Weight)?.Value;

        // The plan is for the course's next cycle (CycleToPlan); the course takes it, its number and the start weight only once
        // it is complete, so a calculation that fails (no weight, no clearance) and is retried plans the same cycle.
        var plan = context.HasInput("mgPerKg") ? WeightBased(context, drug, weight) : Fixed(context, drug, weight);
        var (minutes, timeExplanation) = InfusionMinutes(context);
        plan = plan with { InfusionMinutes = minutes, Explanation = plan.Explanation + " " + timeExplanation, InfusionExplanation = timeExplanation };
        course.PlanCycle(plan);

        context.Journal(JournalTypes.DoseCalculated, plan.Outcome, new JsonObject
        {
            ["drug"] = drug,
            ["cycle"] = plan.Cycle,
            ["weightKg"] = plan.WeightKg,
            ["mgPerKg"] = plan.MgPerKg,
            ["doseMg"] = plan.DayDoses[0],
            ["doses"] = new JsonArray([.. plan.DayDoses.Select(d => (JsonNode)JsonValue.Create(d))]),
            ["capped"] = plan.CappedPerDose || plan.Outcome != DosePlanOutcomes.WithinCaps,
            ["outcome"] = plan.Outcome,
            ["perDoseCapMg"] = plan.PerDoseCapMg,
            ["annualCapMgPerKg"] = plan.AnnualCapMgPerKg,
            ["cumulativeMgPerKg365"] = plan.CumulativeMgPerKgAfter is { } after ? Math.Round(after, 2, MidpointRounding.AwayFromZero) : null,
            ["infusionMinutes"] = plan.InfusionMinutes,
            ["explanation"] = plan.Explanation,
        });
        RaiseWeightReview(context, weight);
        return ActivityResult.Done(plan.Outcome == DosePlanOutcomes.Defer ? Outcomes.Deferred : Outcomes.Calculated);
    }

    private static DosePlan WeightBased(ActivityContext context, string drug, decimal? weight)
    {
        var course = context.Course;
        var kg = weight ?? throw new ActivityFaultException("a weight-based dose needs the patient's weight; none is recorded");
        var rate = Number(context, "mgPerKg")!.Value;
        var firstEver = course.LastAdministration(drug) is null;
        var request = new DoseRequest(
            kg,
            rate,
            Number(context, "maxDoseMg"),
            firstEver ? Number(context, "reducedFirstDoseMgPerKg") : null,
            new DoseRounding(Number(context, "roundingStepMg") ?? 1m, context.Text("rounding") == Down ? DoseRoundingMode.DownToStep : DoseRoundingMode.NearestStep),
            [.. course.Administered.Where(a => a.Drug == drug).Select(a => new AdministeredDose(DateOnly.FromDateTime(a.StartedAt.UtcDateTime), a.DoseMg))],
            Number(context, "annualCapMgPerKg"),
            DateOnly.FromDateTime(context.Now.UtcDateTime),
            Doses(context));
        DoseCalculation calculation;
        try
        {
            calculation = DoseCalculator.Calculate(request);
        }
        catch (ArgumentException ex)
        {
            throw new ActivityFaultException($"dose calculation: {ex.Message}", ex);
        }

        return new DosePlan
        {
            Drug = drug,
            Cycle = course.CycleToPlan(),
            WeightKg = kg,
            MgPerKg = rate,
            DayDoses = [.. calculation.Doses.Select(d => d.Mg)],
            CappedPerDose = calculation.CappedPerDose,
            Outcome = calculation.Outcome switch
            {
                DoseOutcome.ReducedToAnnualCap => DosePlanOutcomes.ReducedToAnnualCap,
                DoseOutcome.Defer => DosePlanOutcomes.Defer,
                _ => DosePlanOutcomes.WithinCaps,
            },
            PerDoseCapMg = request.PerDoseCapMg,
            AnnualCapMgPerKg = request.AnnualCapMgPerKg,
            AdministeredMgBefore = calculation.AdministeredMgBefore,
            CumulativeMgPerKgBefore = calculation.CumulativeMgPerKgBefore,
            CumulativeMgPerKgAfter = calculation.CumulativeMgPerKgAfter,
            InfusionMinutes = 0,
            Explanation = calculation.Explanation,
        };
    }

    private static DosePlan Fixed(ActivityContext context, string drug, decimal? weight)
    {
        var dose = Number(context, "fixedDoseMg")!.Value;
        var cap = Number(context, "maxDoseMg");
        var capped = cap is { } c && dose > c;
        var given = capped ? cap!.Value : dose;
        var count = Doses(context);
        return new DosePlan
        {
            Drug = drug,
            Cycle = context.Course.CycleToPlan(),
            WeightKg = weight,
            DayDoses = [.. Enumerable.Repeat(given, count)],
            CappedPerDose = capped,
            Outcome = DosePlanOutcomes.WithinCaps,
            PerDoseCapMg = cap,
            InfusionMinutes = 0,
            Explanation = $"Fixed dose {ClinicalFormat.N(dose)} mg" + (capped ? $" -> {ClinicalFormat.N(given)} mg (per-dose cap)" : "")
                + $" x {count} dose{(count == 1 ? "" : "s")}.",
        };
    }

    private static (int Minutes, string Explanation) InfusionMinutes(ActivityContext context)
    {
        var minimum = (int)Math.Ceiling(context.Evaluate("infusionTime").Result.AsDuration().TotalMinutes);
        if (!context.HasInput("lowClearanceBelow")) return (minimum, $"Infuse over at least {minimum} minutes.");

        var clearance = context.Evaluate("clearance");
        var threshold = context.Evaluate("lowClearanceBelow").Result;
        if (clearance.Result.IsNull)
            throw new ActivityFaultException("the infusion time depends on renal function, but none has been calculated (clearance is null)");
        if (clearance.Result.AsDecimal() >= threshold.AsDecimal())
            return (minimum, $"Infuse over at least {minimum} minutes ({clearance.Result.ToDisplayString(1)} is not below {threshold.ToDisplayString()}).");
        var longer = (int)Math.Ceiling(context.Evaluate("lowClearanceInfusionTime").Result.AsDuration().TotalMinutes);
        var minutes = Math.Max(minimum, longer);
        return (minutes, $"Infuse over at least {minutes} minutes: {clearance.Result.ToDisplayString(1)} is below {threshold.ToDisplayString()}.");
    }

    private static void RaiseWeightReview(ActivityContext context, decimal? weight)
    {
        var course = context.Course;
        if (!context.HasInput("weightChangePercent") || course.WeightReviewRaised || weight is not { } now || course.StartWeightKg is not { } start) return;
        var limit = context.Evaluate("weightChangePercent").Result.AsDecimal();
        var change = (now - start) / start * 100m;
        if (Math.Abs(change) <= limit) return;

        course.RaiseWeightReview();
        var text = string.Create(CultureInfo.InvariantCulture, $"Weight {ClinicalFormat.N(now)} kg is {change:+0.0;-0.0}% from {ClinicalFormat.N(start)} kg at the start of the course (review above {ClinicalFormat.N(limit)}%).");
        TaskInputs.CreateTask(context, new TaskSpec
        {
            Id = Guid.Empty,
            Kind = TaskKinds.WeightReview,
            ActivityId = context.Activity.Id,
            Role = TaskRoles.Clinician,
            Title = "Review the weight change before dosing",
            Instructions = text + " Doses use the latest weight.",
            Outcomes = [Reviewed],
            DefaultOutcome = Reviewed,
            Evidence = new JsonObject { ["startWeightKg"] = start, ["weightKg"] = now, ["changePercent"] = Math.Round(change, 1), ["explanation"] = text },
        }, blocking: false);
    }

    private static int Doses(ActivityContext context)
    {
        var doses = Number(context, "doses") ?? 1m;
        return doses >= 1 && doses == decimal.Truncate(doses) ? (int)doses : throw new ActivityFaultException($"doses must be a whole number of at least 1, not {doses}");
    }

    /// <summary>The magnitude of an optional number or quantity input (mg, mg/kg); null when absent.</summary>
    private static decimal? Number(ActivityContext context, string input) =>
        context.HasInput(input) && context.Evaluate(input).Result is { IsNull: false } value ? value.AsDecimal() : null;

    private static InputDescriptor Expr(string name, string description) =>
        new() { Name = name, Kind = InputKind.Expression, ExpressionType = ExpressionType.Number, Description = description };
}
