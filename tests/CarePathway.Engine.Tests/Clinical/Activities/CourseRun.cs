using System.Text.Json.Nodes;
using CarePathway.Engine.Activities;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Patients;
using CarePathway.Engine.Tests.Testing;
using static CarePathway.Engine.Tests.Testing.ClinicalPathways;

namespace CarePathway.Engine.Tests.Clinical.Activities;

/// <summary>Drives the <see cref="ClinicalPathways.Pamidronate"/> course through a <see cref="RunHarness"/> the way people would.</summary>
internal static class CourseRun
{
    /// <summary>Worked example 1's child by default: 36 kg, 146 cm, creatinine 0.55 mg/dL two days before the start.</summary>
    public static PatientContext Child(decimal? weightKg = 36m, decimal heightCm = 146m, decimal creatinine = 0.55m)
    {
        var patient = RunHarness.NewPatient();
        patient.Measurements.Clear();
        if (weightKg is { } w) patient.Measurements.Add(new Measurement(MeasurementKinds.Weight, w, "kg", RunHarness.T0.AddDays(-1)));
        patient.Measurements.Add(new Measurement(MeasurementKinds.Height, heightCm, "cm", RunHarness.T0.AddDays(-1)));
        patient.Labs.Add(new LabObservation(Creatinine, creatinine, "mg/dL", RunHarness.T0.AddDays(-2)));
        return patient;
    }

    /// <summary>Starts the pamidronate course; with the default patient it stops at the first cycle's approval.</summary>
    public static RunHarness Start(PatientContext? patient = null, params (string Name, JsonNode? Value)[] parameters)
    {
        var run = new RunHarness(Valid(Pamidronate()), patient ?? Child());
        run.Start(Parameters(parameters));
        return run;
    }

    public static TaskSpec Approval(RunHarness run) => run.Task("infusion-approval");

    public static TaskSpec Administration(RunHarness run) => run.Task(TaskKinds.AdministerInfusion);

    /// <summary>
    /// The form as a nurse submits it once the infusion has run, defaults unless given: the approved dose, the planned
    /// minutes; without a start it started now, and the clock moves on until it has finished (an infusion still running
    /// is refused).
    /// </summary>
    public static JsonObject Given(RunHarness run, TaskSpec administration, decimal? doseMg = null, int? minutes = null, DateTimeOffset? startedAt = null)
    {
        var runs = minutes ?? administration.Evidence["minimumInfusionMinutes"]!.GetValue<int>();
        var data = new JsonObject
        {
            ["doseMg"] = doseMg ?? administration.Evidence["approvedDoseMg"]!.GetValue<decimal>(),
            ["infusionMinutes"] = (decimal)runs,
            ["startedAt"] = startedAt ?? run.Clock.GetUtcNow(),
        };
        if (startedAt is null) run.Advance(TimeSpan.FromMinutes(runs));
        return data;
    }

    /// <summary>Answers an open lab request (if any) with creatinine in mg/dL.</summary>
    public static void AnswerLabs(RunHarness run, decimal creatinine)
    {
        if (run.OpenTasks.Values.Any(t => t.Kind == TaskKinds.OrderLabs)) run.Lab(Creatinine, creatinine, "mg/dL");
    }

    /// <summary>
    /// Approves the cycle waiting for approval and gives every day as planned, answering each day's gate with
    /// <paramref name="creatinine"/>; returns once the next step is not an administration (the next cycle's approval, a held
    /// day's review, a deferral, or the end of the course).
    /// </summary>
    public static void GiveCycle(RunHarness run, decimal creatinine = 0.55m, decimal? nextCycleCreatinine = null)
    {
        run.Complete(Approval(run), "approved");
        while (true)
        {
            var give = Administration(run);
            run.Complete(give, "given", data: Given(run, give), by: "nurse.ray");
            if (run.OpenTasks.Values.Any(t => t.Kind == TaskKinds.AdministerInfusion) || run.PendingTimers.Count == 0) return;
            var plan = run.State.Course.Plan!;
            var cycleDone = run.State.Course.Administered.Count(a => a.Cycle == plan.Cycle) == plan.DayDoses.Count(d => d > 0m);
            run.FireNextTimer();                                     // the next day, or the next cycle's due date
            AnswerLabs(run, cycleDone ? nextCycleCreatinine ?? creatinine : creatinine);
            if (!run.OpenTasks.Values.Any(t => t.Kind == TaskKinds.AdministerInfusion)) return;   // next cycle's approval, a hold, a deferral
        }
    }

    public static IEnumerable<JsonObject> Data(RunHarness run, string type) => run.Records(type).Select(r => r.Data);

    public static decimal[] Doses(JsonObject doseCalculated) => [.. doseCalculated["doses"]!.AsArray().Select(d => d!.GetValue<decimal>())];
}
