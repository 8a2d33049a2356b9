using System.Text.Json.Nodes;
using CarePathway.Engine.Activities;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Tests.Testing;

/// <summary>
/// Small clinical definitions the activity and property tests share: a pamidronate-like course (3-day cycles,
/// per-dose and rolling-annual caps, a gate before each day's dose) and an ibandronate-like one (fixed dose,
/// DoseSchedule with addMonths). Every number is a parameter, as in the shipped pathways.
/// </summary>
internal static class ClinicalPathways
{
    public const string Creatinine = "2160-0";
    public const string CreatinineMolar = "14682-9";
    public const string Calcium = "17861-6";
    public const string WithinTenPercent = "lab(\"2160-0\") <= baseline(\"2160-0\") * 1.10";
    public const string RenalRuleLabel = "Creatinine within 10% of baseline";

    public static readonly object CreatinineRecorded = new { label = "Creatinine recorded", expression = "has(lab(\"2160-0\"))" };
    public static readonly object RenalRule = new { label = RenalRuleLabel, expression = WithinTenPercent };

    /// <summary>Compiles a definition after checking the validator finds nothing wrong with it.</summary>
    public static CompiledDefinition Valid(PathwayBuilder builder)
    {
        var problems = new DefinitionValidator(ActivityCatalog.Default).Validate(builder.Build());
        Assert.True(problems.Count == 0, "the test definition is not valid:\n" + string.Join("\n", problems));
        return builder.Compile();
    }

    /// <summary>An object's properties without the null ones: optional activity inputs for the builder.</summary>
    public static Dictionary<string, object> Inputs(params (string Name, object? Value)[] inputs) =>
        inputs.Where(i => i.Value is not null).ToDictionary(i => i.Name, i => i.Value!, StringComparer.Ordinal);

    /// <summary>The parameters a run starts with, from anonymous-object style pairs.</summary>
    public static Dictionary<string, JsonNode?> Parameters(params (string Name, JsonNode? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);

    /// <summary>
    /// The pamidronate-like course: baseline creatinine (captured once), renal function, a 3-day cycle planned within the
    /// per-dose and rolling-annual caps, clinician approval, administration, a creatinine gate before days 2 and 3 (held:
    /// recheck, then a clinician decides), and the next cycle scheduled from the last dose actually given, behind a
    /// pre-cycle gate whose hold only a clinician override gets past.
    /// </summary>
    public static PathwayBuilder Pamidronate() => PathwayBuilder.Create("pamidronate-course")
        .Parameter("labFreshness", "duration", "30d")
        .Parameter("doseFreshness", "duration", "1d")
        .Parameter("mgPerKg", "number", 1, unit: "mg/kg")
        .Parameter("maxDoseMg", "number", 60, unit: "mg")
        .Parameter("annualCapMgPerKg", "number", 11.5, unit: "mg/kg")
        .Parameter("dosesPerCycle", "number", 3)
        .Parameter("useReducedFirstDose", "boolean", false)
        .Parameter("reducedFirstDoseMgPerKg", "number", 0.5, unit: "mg/kg")
        .Parameter("minInfusionTime", "duration", "2h")
        .Parameter("lowClearanceBelow", "number", 30, unit: "mL/min/1.73m2")
        .Parameter("lowClearanceInfusionTime", "duration", "4h")
        .Parameter("weightChangePercent", "number", 10, unit: "%")
        .Parameter("cycleInterval", "duration", "10w")
        .Parameter("minInterval", "duration", "4w")
        .Parameter("cycles", "number", 8)
        .Parameter("recheckAfter", "duration", "2d")
        .Parameter("maxRechecks", "number", 3)
        .Parameter("deferFor", "duration", "4w")
        .Variable("clearance")
        .Activity("start", "Start")
        .Activity("baseline", "LabGate", new
        {
            gate = "baseline renal", codes = new[] { Creatinine }, freshness = "param.labFreshness", captureBaseline = true,
            rules = new[] { CreatinineRecorded },
        })
        .Activity("renal", "RenalFunction", new { method = "bedside-schwartz", variable = "clearance" })
        .Activity("dose", "DoseCalculation", new
        {
            drug = "pamidronate", mgPerKg = "param.mgPerKg", maxDoseMg = "param.maxDoseMg", doses = "param.dosesPerCycle",
            annualCapMgPerKg = "param.annualCapMgPerKg",
            reducedFirstDoseMgPerKg = "if(param.useReducedFirstDose, param.reducedFirstDoseMgPerKg, null)",
            infusionTime = "param.minInfusionTime", clearance = "var.clearance", lowClearanceBelow = "param.lowClearanceBelow",
            lowClearanceInfusionTime = "param.lowClearanceInfusionTime", weightChangePercent = "param.weightChangePercent",
        })
        .Activity("defer", "Delay", new { duration = "param.deferFor" })
        .Activity("approve", "InfusionApproval", new { kind = "infusion-approval", title = "Approve the pamidronate cycle", labs = new[] { Creatinine }, dueIn = "2d" })
        .Activity("give", "AdministerInfusion", new { dueIn = "1d" })
        .Activity("nextDay", "Delay", new { duration = "1d" })
        .Activity("dayGate", "LabGate", new
        {
            gate = "pre-dose renal", codes = new[] { Creatinine }, freshness = "param.doseFreshness", rules = new[] { RenalRule },
            recheckAfter = "param.recheckAfter", maxRechecks = "param.maxRechecks",
        })
        .Activity("dayReview", "InfusionApproval", new { kind = "infusion-approval", title = "Creatinine held: decide on today's dose", labs = new[] { Creatinine } })
        .Activity("next", "Decision", new { condition = "course.cyclesGiven < param.cycles" })
        .Activity("schedule", "DoseSchedule", new
        {
            drug = "pamidronate",
            dueAt = "if(has(course.lastDoseAt), course.lastDoseAt + param.cycleInterval, now())",
            notBefore = "if(has(course.lastDoseAt), course.lastDoseAt + param.minInterval, null)",
        })
        .Activity("cycleGate", "LabGate", new
        {
            gate = "pre-cycle renal", codes = new[] { Creatinine }, freshness = "param.doseFreshness", rules = new[] { RenalRule },
            recheckAfter = "param.recheckAfter", maxRechecks = "param.maxRechecks",
        })
        .Activity("end", "End")
        .Chain("start", "baseline")
        .Connect("baseline", "passed", "renal").Connect("baseline", "held", "end")
        .Chain("renal", "dose")
        .Connect("dose", "calculated", "approve").Connect("dose", "deferred", "defer").Chain("defer", "dose")
        .Connect("approve", "approved", "give").Connect("approve", "overridden", "give").Connect("approve", "rejected", "end")
        .Connect("give", "nextDose", "nextDay").Connect("give", "cycleComplete", "next").Connect("give", "notGiven", "end")
        .Chain("nextDay", "dayGate")
        .Connect("dayGate", "passed", "give").Connect("dayGate", "held", "dayReview")
        .Connect("dayReview", "approved", "give").Connect("dayReview", "overridden", "give").Connect("dayReview", "rejected", "end")
        .Connect("next", "true", "schedule").Connect("next", "false", "end")
        .Connect("schedule", "due", "cycleGate")
        .Connect("cycleGate", "passed", "renal").Connect("cycleGate", "held", "renal");

    /// <summary>
    /// The ibandronate-like course: a creatinine gate (held: recheck, then only an override gets past), a fixed 3 mg dose,
    /// approval, administration, and the next dose due 3 calendar months after the one given, never sooner.
    /// </summary>
    public static PathwayBuilder Ibandronate() => PathwayBuilder.Create("ibandronate-course")
        .Parameter("labFreshness", "duration", "30d")
        .Parameter("maxCreatinine", "number", 2.0, unit: "mg/dL")
        .Parameter("doseMg", "number", 3, unit: "mg")
        .Parameter("maxDoseMg", "number", 3, unit: "mg")
        .Parameter("intervalMonths", "number", 3)
        .Parameter("minInfusionTime", "duration", "15min")
        .Parameter("recheckAfter", "duration", "7d")
        .Parameter("maxRechecks", "number", 2)
        .Activity("start", "Start")
        .Activity("gate", "LabGate", new
        {
            gate = "pre-dose renal", codes = new[] { Creatinine }, freshness = "param.labFreshness", captureBaseline = true,
            rules = new[] { new { label = "Creatinine at most the limit", expression = "lab(\"2160-0\") <= param.maxCreatinine" } },
            recheckAfter = "param.recheckAfter", maxRechecks = "param.maxRechecks",
        })
        .Activity("dose", "DoseCalculation", new { drug = "ibandronate", fixedDoseMg = "param.doseMg", maxDoseMg = "param.maxDoseMg", infusionTime = "param.minInfusionTime" })
        .Activity("approve", "InfusionApproval", new { kind = "infusion-approval", title = "Approve the ibandronate dose", labs = new[] { Creatinine }, dueIn = "2d" })
        .Activity("give", "AdministerInfusion", new { dueIn = "1d" })
        .Activity("schedule", "DoseSchedule", new
        {
            drug = "ibandronate",
            dueAt = "addMonths(course.lastDoseAt, param.intervalMonths)",
            notBefore = "addMonths(course.lastDoseAt, param.intervalMonths)",
        })
        .Activity("end", "End")
        .Chain("start", "gate")
        .Connect("gate", "passed", "dose").Connect("gate", "held", "dose")
        .Connect("dose", "calculated", "approve")
        .Connect("approve", "approved", "give").Connect("approve", "overridden", "give").Connect("approve", "rejected", "end")
        .Connect("give", "nextDose", "schedule").Connect("give", "cycleComplete", "schedule").Connect("give", "notGiven", "end")
        .Connect("schedule", "due", "gate");
}
