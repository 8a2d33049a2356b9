using CarePathway.Engine.Execution;
using static CarePathway.Engine.Tests.Pathways.ShippedScenario;

namespace CarePathway.Engine.Tests.Pathways;

/// <summary>adult-osteoporosis-iv: R5 (zoledronic acid, CrCl >= 35), R6 (ibandronate interval), R8 (calcium, dental, monitoring), R9 (Cockcroft-Gault).</summary>
public class AdultOsteoporosisScenarioTests
{
    private const string WorkedExample5 = "adult-osteoporosis-iv.worked-example-5.json";
    private const string LowClearance = "adult-osteoporosis-iv.low-clearance.json";

    /// <summary>Cockcroft-Gault (R9) for the scenario's patient and a creatinine in mg/dL, to one decimal as shown.</summary>
    private static decimal CockcroftGault(ShippedScenario run, decimal creatinine)
    {
        var p = run.Scenario.Patient;
        var value = (140 - run.AgeYears()) * p.WeightKg!.Value / (72 * creatinine);
        return Round1(p.Sex == "female" ? value * 0.85m : value);
    }

    [Fact]
    public void Worked_example_5_clearance_of_40_1_allows_zoledronic_acid_5_mg_yearly_over_15_minutes()
    {
        var run = Run(WorkedExample5);

        var renal = run.Entries("renal.calculated")[0];
        Assert.Equal(72, run.AgeYears());
        Assert.Equal(CockcroftGault(run, 1.2m), Dec(renal, "value"));
        Assert.Equal(40.1m, Dec(renal, "value"));
        Assert.Equal("mL/min", Field(renal, "unit"));
        Assert.Empty(run.Held("creatinine clearance"));

        Assert.Equal(InstanceStatus.Completed, run.Result.Status);
        Assert.All(run.Administered, g => Assert.Equal(run.Number("zoledronicAcidDoseMg"), Dec(g, "doseMg")));
        Assert.All(run.Administered, g => Assert.Equal(run.Minutes("zoledronicAcidInfusionTime"), (int)Dec(g, "infusionMinutes")));
        Assert.Equal([0, run.DayMonthsAfter(0, (int)run.Number("zoledronicAcidIntervalMonths"))], run.Administered.Select(Day));
    }

    [Fact]
    public void Acute_phase_prophylaxis_before_the_first_dose_and_observation_after_every_dose()
    {
        var run = Run(WorkedExample5);

        Assert.Equal([Day(run.Administered[0])], run.Reminders("acute-phase-prophylaxis").Select(Day));
        var observation = run.Reminders("post-infusion-monitoring");
        Assert.Equal(run.Administered.Select(Day), observation.Select(Day));
        Assert.Equal(15, run.Minutes("postInfusionObservation"));
    }

    [Fact]
    public void Clearance_below_35_holds_zoledronic_acid_and_a_recheck_above_it_releases_the_dose()
    {
        var run = Run(LowClearance);

        // 1.5 mg/dL: (140 - 72) x 60 / (72 x 1.5) x 0.85 = 32.1 < 35; the recheck's 1.2 mg/dL gives 40.1.
        var values = run.Entries("renal.calculated").Select(r => Dec(r, "value")).ToList();
        Assert.Equal([CockcroftGault(run, 1.5m), CockcroftGault(run, 1.2m)], values);
        Assert.True(values[0] < run.Number("zoledronicAcidMinCrCl"));
        var held = Assert.Single(run.Held("creatinine clearance"));
        var recheckDay = Day(held) + run.Days("renalRecheckAfter");
        Assert.Equal([recheckDay], run.Reminders("renal").Select(r => DueDay(r)));
        Assert.Equal(recheckDay, Day(Assert.Single(run.Administered)));
    }

    [Fact]
    public void The_same_clearance_is_enough_for_ibandronate_whose_limit_is_30()
    {
        var run = Run(LowClearance, new { drug = "ibandronate" });

        var clearance = Dec(run.Entries("renal.calculated")[0], "value");
        Assert.InRange(clearance, run.Number("ibandronateMinCrCl"), run.Number("zoledronicAcidMinCrCl"));
        Assert.Empty(run.Held("creatinine clearance"));
        var given = Assert.Single(run.Administered);
        Assert.Equal((0, "ibandronate", run.Number("ibandronateDoseMg")), (Day(given), Field(given, "drug"), Dec(given, "doseMg")));
    }

    [Fact]
    public void Ibandronate_is_never_sooner_than_3_months_and_a_late_dose_restarts_the_schedule_from_when_it_was_given()
    {
        var run = Run("adult-osteoporosis-iv.ibandronate-late-dose.json");

        var months = (int)run.Number("ibandronateIntervalMonths");
        var days = run.Administered.Select(Day).ToList();
        // Dose 2 falls due 3 months after dose 1 but is given 20 days late (the scenario's answer); dose 3 counts from it.
        var secondDue = run.DayMonthsAfter(0, months);
        Assert.Equal([0, secondDue + 20, run.DayMonthsAfter(secondDue + 20, months)], days);
        Assert.Equal([secondDue, run.DayMonthsAfter(days[1], months)], run.Entries("dose.scheduled").Select(e => DueDay(e)!.Value));
        for (var i = 1; i < days.Count; i++) Assert.True(days[i] >= run.DayMonthsAfter(days[i - 1], months));
    }

    [Fact]
    public void An_ibandronate_start_recorded_before_the_allowed_date_is_refused()
    {
        var run = Run("adult-osteoporosis-iv.ibandronate-early-start.json");

        // The scenario keeps giving the same early start: refused each time the dose is offered again on fresh labs.
        var refusals = run.Entries("answer.refused");
        Assert.Equal(90, Day(refusals[0]));
        var earliest = run.Scenario.Start.AddMonths((int)run.Number("ibandronateIntervalMonths"));
        Assert.All(refusals, refused =>
        {
            Assert.Equal("administer-infusion", Field(refused, "kind"));
            Assert.Contains($"before {earliest:yyyy-MM-dd}, the earliest the interval rule allows", Field(refused, "message"), StringComparison.Ordinal);
        });
        Assert.Single(run.Administered);
        Assert.Equal(InstanceStatus.Running, run.Result.Status);
    }

    [Theory]
    [InlineData("before-start", "zoledronic-acid")]
    [InlineData("before-each-dose", "zoledronic-acid")]
    [InlineData("before-start", "ibandronate")]
    [InlineData("before-each-dose", "ibandronate")]
    public void The_dental_check_comes_before_the_start_or_before_every_dose(string dentalCheck, string drug)
    {
        var run = Run(WorkedExample5, new { dentalCheck, drug });

        var doses = run.Administered.Count;
        Assert.Equal(2, doses);
        Assert.Equal(dentalCheck == "before-each-dose" ? doses : 1, run.Tasks("dental-review").Count);
        Assert.All(run.Tasks("dental-review").Zip(run.Administered), pair => Assert.Equal(Day(pair.Second), Day(pair.First)));
    }

    [Fact]
    public void Hypocalcaemia_holds_the_dose_until_corrected_calcium_recovers()
    {
        var run = Run(WorkedExample5, new { correctedCalciumMin = 2.4m });

        // The scenario's corrected calcium 2.30 mmol/L is below a 2.4 mmol/L threshold: held, rechecked, held again.
        Assert.NotEmpty(run.Held("corrected calcium"));
        Assert.Empty(run.Administered);
        Assert.Equal(run.Days("calciumRecheckAfter"), DueDay(run.Reminders("calcium")[0]));
    }
}
