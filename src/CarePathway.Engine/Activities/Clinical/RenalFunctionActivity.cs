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
/// Estimates renal function (R9) from the patient's latest weight, height, age, sex and creatinine, in
/// whatever unit the creatinine was reported, and stores it in a variable for gates and dosing.
/// Missing measurements raise an incident naming what is missing; a lab gate before it should make sure
/// the creatinine is there.
/// </summary>
public sealed class RenalFunctionActivity : Activity<RenalFunctionActivity.Inputs>
{
    public const string CockcroftGault = "cockcroft-gault";
    public const string BedsideSchwartz = "bedside-schwartz";
    public const string ByAge = "by-age";
    internal const string CreatinineCode = "2160-0";

    public sealed record Inputs
    {
        [Input("Which formula; by-age: bedside Schwartz from age 1 (R9: children 1-18), Cockcroft-Gault from cockcroftGaultFromAge.", Options = [CockcroftGault, BedsideSchwartz, ByAge])]
        public required string Method { get; init; }

        [Input("With by-age: the age in years from which Cockcroft-Gault is used, e.g. param.cockcroftGaultFromAgeYears.", ExpressionType = ExpressionType.Number, Label = "Cockcroft-Gault from age (years)")]
        public ExpressionInput? CockcroftGaultFromAge { get; init; }

        [Input("A declared variable that receives the result.")]
        public required string Variable { get; init; }
    }

    protected override ActivityDescriptor About { get; } = new()
    {
        Type = "RenalFunction",
        DisplayName = "Renal function",
        Category = "Clinical",
        Description = "Cockcroft-Gault creatinine clearance (mL/min) or bedside Schwartz eGFR (mL/min/1.73m2) from the latest measurements.",
        Outcomes = [Outcomes.Done],
    };

    // R9: bedside Schwartz is for children aged 1-18; below 1 year neither formula applies.
    private const int SchwartzFromAgeYears = 1;

    public override IEnumerable<ValidationProblem> Validate(ActivityDefinition activity, Inputs inputs, WorkflowDefinition definition)
    {
        foreach (var problem in DeclaredVariable.Check(activity, "variable", inputs.Variable, definition)) yield return problem;
        if ((inputs.Method == ByAge) != (inputs.CockcroftGaultFromAge is not null))
            yield return new ValidationProblem(activity.Id, "inputs.cockcroftGaultFromAge", "is given with the by-age method, and only with it");
    }

    public override ActivityResult Execute(ActivityContext context, Inputs inputs)
    {
        var method = MethodFor(context, inputs);
        var estimate = Estimate(context.Patient, context.Now, method);
        context.SetVariable(inputs.Variable, estimate.Variable);
        (context.State.RenalFunctions ??= new(StringComparer.Ordinal))[inputs.Variable] = estimate.Source;
        context.Journal(JournalTypes.RenalCalculated, null, estimate.Journal());
        return ActivityResult.Done(Outcomes.Done);
    }

    /// <summary>
    /// The renal function by <paramref name="method"/> (a formula, not by-age) from the patient's latest results: what
    /// this step stores, and what a withdrawal of the creatinine it read works out again (<see cref="RenalFunctionWithdrawal"/>).
    /// </summary>
    /// <exception cref="ActivityFaultException">A measurement or the creatinine the formula needs is not recorded.</exception>
    internal static RenalEstimate Estimate(PatientContext patient, DateTimeOffset now, string method)
    {
        var creatinine = patient.LatestLab(CreatinineCode)
            ?? throw new ActivityFaultException("renal function needs a creatinine result (2160-0 or 14682-9); none is recorded");
        try
        {
            var result = method == CockcroftGault
                ? RenalFunction.CockcroftGault(patient.AgeYearsOn(now), Required(patient, MeasurementKinds.Weight),
                    creatinine.Value, creatinine.Unit, patient.Sex == "female" ? Sex.Female : Sex.Male)
                : RenalFunction.BedsideSchwartz(Required(patient, MeasurementKinds.Height), creatinine.Value, creatinine.Unit);
            return new RenalEstimate(method, result, creatinine);
        }
        catch (ArgumentException ex)
        {
            throw new ActivityFaultException($"renal function: {ex.Message}", ex);
        }
    }

    /// <summary>The formula for this patient: the one named, or by age (the renal formula follows the patient's age).</summary>
    private static string MethodFor(ActivityContext context, Inputs inputs)
    {
        if (inputs.Method != ByAge) return inputs.Method;
        var age = context.Patient.AgeYearsOn(context.Now);
        if (age < SchwartzFromAgeYears)
            throw new ActivityFaultException($"renal function: no formula of the reference applies at age {age} (bedside Schwartz is for ages 1-18, R9)");
        return age >= context.Evaluate(inputs.CockcroftGaultFromAge!).Result.AsDecimal() ? CockcroftGault : BedsideSchwartz;
    }

    private static decimal Required(PatientContext patient, string kind) =>
        patient.Latest(kind)?.Value ?? throw new ActivityFaultException($"renal function needs the patient's {kind}; none is recorded");
}

/// <summary>One renal function worked out: the value a variable holds, and the creatinine it was worked out from.</summary>
internal sealed record RenalEstimate(string Method, RenalFunctionResult Result, LabObservation Creatinine)
{
    public Value Variable => Value.Quantity(ClinicalFormat.Computed(Result.Value), Result.Unit);

    /// <summary>What the instance keeps beside the variable: how it was worked out, which names it when a rule reads it.</summary>
    public RenalFunctionSource Source => new(Method, Creatinine.ObservedAt, Result.Working);

    public JsonObject Journal() => new()
    {
        ["method"] = Method,
        ["value"] = Result.Rounded,
        ["unit"] = Result.Unit,
        ["explanation"] = Result.Explanation,
    };
}
