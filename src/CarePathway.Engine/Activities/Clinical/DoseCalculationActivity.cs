using System.Globalization;
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
public sealed class DoseCalculationActivity : Activity<DoseCalculationActivity.Inputs>
{
    private const string Nearest = "nearest";
    private const string Down = "down";
    private const string Reviewed = "reviewed";

    public sealed record Inputs : LowClearanceInputs
    {
        [Input("e.g. pamidronate.")]
        public required string Drug { get; init; }

        [Input("Weight-based dose per infusion, e.g. param.pamidronateMgPerKg (give this or fixedDoseMg).", ExpressionType = ExpressionType.Number, Label = "Dose (mg/kg)")]
        public ExpressionInput? MgPerKg { get; init; }

        [Input("A fixed dose per infusion, e.g. param.zoledronicAcidDoseMg (give this or mgPerKg).", ExpressionType = ExpressionType.Number)]
        public ExpressionInput? FixedDoseMg { get; init; }

        [Input("Per-dose cap in mg.", ExpressionType = ExpressionType.Number)]
        public ExpressionInput? MaxDoseMg { get; init; }

        [Input("Infusions in the cycle (default 1), e.g. 3 on consecutive days.", ExpressionType = ExpressionType.Number)]
        public ExpressionInput? Doses { get; init; }

        [Input("Cumulative cap over a rolling 365 days, counted from administered doses.", ExpressionType = ExpressionType.Number)]
        public ExpressionInput? AnnualCapMgPerKg { get; init; }

        [Input("Rate for day 1 of the first-ever cycle of this drug.", ExpressionType = ExpressionType.Number)]
        public ExpressionInput? ReducedFirstDoseMgPerKg { get; init; }

        [Input("Doses are rounded to multiples of this (default 1 mg).", ExpressionType = ExpressionType.Number)]
        public ExpressionInput? RoundingStepMg { get; init; }

        [Input("Round to the nearest step (default) or down.", Options = [Nearest, Down])]
        public string Rounding { get; init; } = Nearest;

        [Input(InfusionTimes.InfusionTimeDescription, ExpressionType = ExpressionType.Duration)]
        public required ExpressionInput InfusionTime { get; init; }


        [Input("Raise a weight-review task when the weight changed by more than this since the course started.", ExpressionType = ExpressionType.Number)]
        public ExpressionInput? WeightChangePercent { get; init; }

        [Input("The weight review is due this long after it is raised (a deadline, as a task's respondWithin).", ExpressionType = ExpressionType.Duration)]
        public ExpressionInput? WeightReviewRespondWithin { get; init; }
    }

    protected override ActivityDescriptor About { get; } = new()
    {
        Type = "DoseCalculation",
        DisplayName = "Dose calculation",
        Category = "Clinical",
        Description = "Plans the next cycle's doses within the per-dose and rolling-annual caps, and its infusion time; a clinician approves the plan.",
        Outcomes = [Outcomes.Calculated, Outcomes.Deferred],
    };

    public override IReadOnlyList<string> OutcomesOf(Inputs inputs) =>
        inputs.AnnualCapMgPerKg is not null ? [Outcomes.Calculated, Outcomes.Deferred] : [Outcomes.Calculated];

    public override IEnumerable<ValidationProblem> Validate(ActivityDefinition activity, Inputs inputs, WorkflowDefinition definition)
    {
        if ((inputs.MgPerKg is null) == (inputs.FixedDoseMg is null))
            yield return new ValidationProblem(activity.Id, "inputs.mgPerKg", "give exactly one of mgPerKg and fixedDoseMg");
        foreach (var weightBased in new[] { inputs.AnnualCapMgPerKg, inputs.ReducedFirstDoseMgPerKg }.OfType<ExpressionInput>().Where(_ => inputs.MgPerKg is null))
            yield return new ValidationProblem(activity.Id, $"inputs.{weightBased.Name}", "applies to weight-based doses only: give mgPerKg");
        foreach (var problem in InfusionTimes.Check(activity, inputs)) yield return problem;
    }

    public override ActivityResult Execute(ActivityContext context, Inputs inputs)
    {
        var course = context.Course;
        var drug = inputs.Drug;
        var weight = context.Patient.Latest(MeasurementKinds.Weight)?.Value;

        // The plan is for the course's next cycle (CycleToPlan); the course takes it, its number and the start weight only once
        // it is complete, so a calculation that fails (no weight, no clearance) and is retried plans the same cycle.
        var plan = inputs.MgPerKg is { } mgPerKg ? WeightBased(context, inputs, mgPerKg, weight) : Fixed(context, inputs, weight);
        var (minutes, timeExplanation) = InfusionTimes.Minutes(context, inputs.InfusionTime, inputs);
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
        RaiseWeightReview(context, inputs, weight);
        return ActivityResult.Done(plan.Outcome == DosePlanOutcomes.Defer ? Outcomes.Deferred : Outcomes.Calculated);
    }

    private static DosePlan WeightBased(ActivityContext context, Inputs inputs, ExpressionInput mgPerKg, decimal? weight)
    {
        var course = context.Course;
        var drug = inputs.Drug;
        var kg = weight ?? throw new ActivityFaultException("a weight-based dose needs the patient's weight; none is recorded");
        var rate = Number(context, mgPerKg)!.Value;
        var given = context.Patient.DosesOf(drug, context.State.InstanceId, course);
        var firstEver = given.Count == 0;
        var request = new DoseRequest(
            kg,
            rate,
            Number(context, inputs.MaxDoseMg),
            firstEver ? Number(context, inputs.ReducedFirstDoseMgPerKg) : null,
            new DoseRounding(Number(context, inputs.RoundingStepMg) ?? 1m, inputs.Rounding == Down ? DoseRoundingMode.DownToStep : DoseRoundingMode.NearestStep),
            [.. given.Select(a => new AdministeredDose(DateOnly.FromDateTime(a.StartedAt.UtcDateTime), a.DoseMg))],
            Number(context, inputs.AnnualCapMgPerKg),
            DateOnly.FromDateTime(context.Now.UtcDateTime),
            Doses(context, inputs.Doses));
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

    private static DosePlan Fixed(ActivityContext context, Inputs inputs, decimal? weight)
    {
        var dose = Number(context, inputs.FixedDoseMg)!.Value;
        var cap = Number(context, inputs.MaxDoseMg);
        var capped = cap is { } c && dose > c;
        var given = capped ? cap!.Value : dose;
        var count = Doses(context, inputs.Doses);
        return new DosePlan
        {
            Drug = inputs.Drug,
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

    private static void RaiseWeightReview(ActivityContext context, Inputs inputs, decimal? weight)
    {
        var course = context.Course;
        if (inputs.WeightChangePercent is not { } weightChangePercent || course.WeightReviewRaised || weight is not { } now || course.StartWeightKg is not { } start) return;
        var limit = context.Evaluate(weightChangePercent).Result.AsDecimal();
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
            // It does not hold the dose (the dose already uses the latest weight), so its title does not say it does (hazard 7).
            Title = string.Create(CultureInfo.InvariantCulture, $"Weight changed {change:+0.0;-0.0}% since the start of the course: review it (doses use the latest weight)"),
            Instructions = text + " Doses use the latest weight.",
            Outcomes = [Reviewed],
            DefaultOutcome = Reviewed,
            DueAt = TaskInputs.DueAt(context, inputs.WeightReviewRespondWithin),
            DueIsDeadline = inputs.WeightReviewRespondWithin is not null,
            Evidence = new JsonObject { ["startWeightKg"] = start, ["weightKg"] = now, ["changePercent"] = Math.Round(change, 1), ["explanation"] = text },
        }, blocking: false);
    }

    private static int Doses(ActivityContext context, ExpressionInput? input)
    {
        var doses = Number(context, input) ?? 1m;
        return doses >= 1 && doses == decimal.Truncate(doses) ? (int)doses : throw new ActivityFaultException($"doses must be a whole number of at least 1, not {doses}");
    }

    /// <summary>The magnitude of an optional number or quantity input (mg, mg/kg); null when absent.</summary>
    private static decimal? Number(ActivityContext context, ExpressionInput? input) =>
        input is not null && context.Evaluate(input).Result is { IsNull: false } value ? value.AsDecimal() : null;
}
