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
    private const string CreatinineCode = "2160-0";

    public sealed record Inputs
    {
        [Input("Which formula.", Options = [CockcroftGault, BedsideSchwartz])]
        public required string Method { get; init; }

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

    public override IEnumerable<ValidationProblem> Validate(ActivityDefinition activity, Inputs inputs, WorkflowDefinition definition) =>
        DeclaredVariable.Check(activity, "variable", inputs.Variable, definition);

    public override ActivityResult Execute(ActivityContext context, Inputs inputs)
    {
        var method = inputs.Method;
        var creatinine = context.Patient.Labs.Where(l => LabCatalog.Answers(l.Code, CreatinineCode)).MaxBy(l => l.ObservedAt)
            ?? throw new ActivityFaultException("renal function needs a creatinine result (2160-0 or 14682-9); none is recorded");
        RenalFunctionResult result;
        try
        {
            result = method == CockcroftGault
                ? RenalFunction.CockcroftGault(context.Patient.AgeYearsOn(context.Now), Required(context, MeasurementKinds.Weight),
                    creatinine.Value, creatinine.Unit, context.Patient.Sex == "female" ? Sex.Female : Sex.Male)
                : RenalFunction.BedsideSchwartz(Required(context, MeasurementKinds.Height), creatinine.Value, creatinine.Unit);
        }
        catch (ArgumentException ex)
        {
            throw new ActivityFaultException($"renal function: {ex.Message}", ex);
        }

        var value = ClinicalFormat.Computed(result.Value);
        context.SetVariable(inputs.Variable, Value.Quantity(value, result.Unit).WithLabel(method == CockcroftGault ? "creatinine clearance" : "eGFR"));
        context.Journal(JournalTypes.RenalCalculated, null, new JsonObject
        {
            ["method"] = method,
            ["value"] = result.Rounded,
            ["unit"] = result.Unit,
            ["explanation"] = result.Explanation,
        });
        return ActivityResult.Done(Outcomes.Done);
    }

    private static decimal Required(ActivityContext context, string kind) =>
        context.Patient.Latest(kind)?.Value ?? throw new ActivityFaultException($"renal function needs the patient's {kind}; none is recorded");
}
