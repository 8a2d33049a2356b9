using CarePathway.Engine.Execution;
using static CarePathway.Engine.Tests.Pathways.ShippedScenario;

namespace CarePathway.Engine.Tests.Pathways;

/// <summary>crps-bisphosphonate: R7 (pamidronate single or 3-day, neridronate 4 doses), R3 (creatinine before every dose, withhold rule), R9.</summary>
public class CrpsScenarioTests
{
    private const string Pamidronate = "crps-bisphosphonate.pamidronate.json";
    private const string Neridronate = "crps-bisphosphonate.neridronate.json";
    private const string RenalWithhold = "crps-bisphosphonate.renal-withhold.json";

    [Fact]
    public void Pamidronate_single_dose_is_one_60_mg_infusion_over_at_least_2_hours()
    {
        var run = Run(Pamidronate);

        Assert.Equal(InstanceStatus.Completed, run.Result.Status);
        var given = Assert.Single(run.Administered);
        Assert.Equal((0, run.Number("pamidronateDoseMg"), run.Minutes("pamidronateInfusionTime")),
            (Day(given), Dec(given, "doseMg"), (int)Dec(given, "infusionMinutes")));
    }

    [Fact]
    public void Pamidronate_3_day_course_gives_60_mg_a_day_with_a_creatinine_before_each_day()
    {
        var run = Run(Pamidronate, new { pamidronateRegimen = "3-day" });

        var days = Enumerable.Range(0, (int)run.Number("pamidronateCourseDays")).Select(d => d * run.Days("pamidronateDoseInterval")).ToList();
        Assert.Equal(days, run.Administered.Select(Day));
        Assert.All(run.Administered, g => Assert.Equal(run.Number("pamidronateDoseMg"), Dec(g, "doseMg")));
        Assert.Equal(days, run.Entries("gate.passed").Where(g => Field(g, "gate") == "pre-dose creatinine").Select(Day));
        Assert.Equal(days, run.Entries("lab.requested").Where(r => r["codes"]!.AsArray().Any(c => c!.GetValue<string>() == "2160-0")).Select(Day));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("2d")]
    public void Neridronate_gives_4_doses_of_100_mg_at_the_interval_parameter(string? interval)
    {
        var run = Run(Neridronate, interval is null ? null : new { neridronateDoseInterval = interval });

        var gap = run.Days("neridronateDoseInterval");
        var expected = Enumerable.Range(0, (int)run.Number("neridronateDoses")).Select(d => d * gap).ToList();
        Assert.Equal(4, expected.Count);
        Assert.Equal(expected, run.Administered.Select(Day));
        Assert.All(run.Administered, g => Assert.Equal(("neridronate", run.Number("neridronateDoseMg")), (Field(g, "drug"), Dec(g, "doseMg"))));
    }

    [Fact]
    public void Cockcroft_Gault_clearance_is_calculated_at_baseline()
    {
        var run = Run(Neridronate);

        var p = run.Scenario.Patient;
        // Worked out again before every dose; the first is the baseline.
        var renal = run.Entries("renal.calculated")[0];
        Assert.Equal(0, Day(renal));
        Assert.Equal(Round1((140 - run.AgeYears()) * p.WeightKg!.Value / (72 * 0.90m)), Dec(renal, "value"));
    }

    [Fact]
    public void Low_clearance_lengthens_the_pamidronate_infusion()
    {
        var run = Run(Pamidronate, new { lowClearanceBelow = 150 });

        Assert.True(Dec(run.Entries("renal.calculated")[0], "value") < 150m);
        Assert.Equal(run.Minutes("lowClearanceInfusionTime"), (int)Dec(Assert.Single(run.Administered), "infusionMinutes"));
    }

    [Fact]
    public void Label_rule_worked_example_4_a_rise_of_0_06_mg_dL_proceeds()
    {
        var run = Run(RenalWithhold, new { renalWithholdRule = "label" });

        Assert.Empty(run.Held("pre-dose creatinine"));
        Assert.Equal([0, 1, 2], run.Administered.Select(Day));
    }

    [Fact]
    public void Relative_rule_worked_example_4_a_12_percent_rise_withholds_and_8_percent_resumes()
    {
        var run = Run(RenalWithhold, new { renalWithholdRule = "relative" });

        // Baseline 0.50 mg/dL; day 1: 0.56 (+12%) > 0.55 -> hold; the recheck's 0.54 (+8%) resumes at the same dose.
        var held = Assert.Single(run.Held("pre-dose creatinine"));
        Assert.Equal(1, Day(held));
        var recheck = Day(held) + run.Days("renalRecheckAfter");
        Assert.Equal([recheck], run.Reminders("renal").Select(r => DueDay(r)));
        // The resumed dose is approved again by a clinician before it is given (hazard 3).
        var resumeApproval = Assert.Single(run.Tasks("infusion-approval"), t => Field(t, "activity") == "resume-approval");
        var decided = Assert.Single(run.Result.Tasks("infusion-approval", "task.completed"), t => t["taskId"]!.ToJsonString() == resumeApproval["taskId"]!.ToJsonString());
        Assert.Equal((recheck, recheck, "approved"), (Day(resumeApproval), Day(decided), Field(decided, "outcome")));
        Assert.Equal([0, recheck, recheck + run.Days("pamidronateDoseInterval")], run.Administered.Select(Day));
        Assert.All(run.Administered, g => Assert.Equal(run.Number("pamidronateDoseMg"), Dec(g, "doseMg")));
    }
}
