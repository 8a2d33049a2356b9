using CarePathway.Engine.Execution;
using static CarePathway.Engine.Tests.Pathways.ShippedScenario;

namespace CarePathway.Engine.Tests.Pathways;

/// <summary>paeds-osteoporosis-zoledronate: R4 (dose, cap, interval, first-infusion checks), R8 (gates, reminders), R9 (Schwartz).</summary>
public class PaedsOsteoporosisScenarioTests
{
    private const string FirstInfusion = "paeds-osteoporosis-zoledronate.first-infusion.json";
    private const string VitaminD = "paeds-osteoporosis-zoledronate.vitamin-d-repletion.json";

    /// <summary>Weight x mg/kg rounded to the pathway's rounding step, capped at the per-dose maximum (R4).</summary>
    private static decimal ExpectedDose(ShippedScenario run, decimal mgPerKg)
    {
        var step = run.Number("roundingStepMg");
        var dose = Math.Round(run.Scenario.Patient.WeightKg!.Value * mgPerKg / step, MidpointRounding.AwayFromZero) * step;
        return Math.Min(dose, run.Number("maxDoseMg"));
    }

    [Fact]
    public void Six_monthly_doses_are_weight_based_over_30_minutes_and_six_calendar_months_apart()
    {
        var run = Run(FirstInfusion);

        Assert.Equal(InstanceStatus.Completed, run.Result.Status);
        var given = run.Administered;
        Assert.Equal(2, given.Count);
        Assert.All(given, g => Assert.Equal(ExpectedDose(run, run.Number("doseMgPerKg")), Dec(g, "doseMg")));
        Assert.All(given, g => Assert.Equal(run.Minutes("infusionTime"), (int)Dec(g, "infusionMinutes")));
        Assert.Equal([0, run.DayMonthsAfter(0, (int)run.Number("intervalMonths"))], given.Select(Day));
        Assert.All(run.Entries("dose.calculated"), d => Assert.False(d["capped"]!.GetValue<bool>()));
    }

    [Fact]
    public void The_three_monthly_variant_spreads_the_yearly_dose_over_doses_three_months_apart()
    {
        var run = Run(FirstInfusion, new { schedule = "3-monthly" });

        var months = run.Number("threeMonthlyIntervalMonths");
        var mgPerKg = run.Number("threeMonthlyAnnualMgPerKg") * months / 12;
        Assert.Equal([mgPerKg, mgPerKg], run.Entries("dose.calculated").Select(d => Dec(d, "mgPerKg")));
        Assert.All(run.Administered, g => Assert.Equal(ExpectedDose(run, mgPerKg), Dec(g, "doseMg")));
        Assert.Equal([0, run.DayMonthsAfter(0, (int)months)], run.Administered.Select(Day));
    }

    [Fact]
    public void Calcium_and_phosphate_checks_and_acute_phase_prophylaxis_come_with_the_first_infusion_only()
    {
        var run = Run(FirstInfusion);

        var firstDay = Day(run.Administered[0]);
        var checkDue = firstDay + run.Days("postFirstInfusionCheckAfter");
        Assert.Equal([checkDue], run.Reminders("calcium").Select(r => DueDay(r)));
        Assert.Equal([checkDue], run.Reminders("phosphate").Select(r => DueDay(r)));
        Assert.Equal([firstDay], run.Reminders("acute-phase-prophylaxis").Select(Day));
    }

    [Fact]
    public void A_steroid_treated_child_gets_a_stress_dose_reminder_on_every_infusion_day_and_others_none()
    {
        var onSteroids = Run(FirstInfusion);
        Assert.Equal(onSteroids.Administered.Select(Day), onSteroids.Reminders("steroid-stress-dose").Select(Day));

        var notOnSteroids = Run("paeds-osteoporosis-zoledronate.max-dose.json");
        Assert.NotEmpty(notOnSteroids.Administered);
        Assert.Empty(notOnSteroids.Reminders("steroid-stress-dose"));
    }

    [Fact]
    public void A_dose_above_4_mg_by_weight_is_capped_at_4_mg()
    {
        var run = Run("paeds-osteoporosis-zoledronate.max-dose.json");

        var byWeight = run.Scenario.Patient.WeightKg!.Value * run.Number("doseMgPerKg");
        Assert.True(byWeight > run.Number("maxDoseMg"));
        var calculated = Assert.Single(run.Entries("dose.calculated"));
        Assert.True(calculated["capped"]!.GetValue<bool>());
        Assert.Equal(run.Number("maxDoseMg"), Dec(Assert.Single(run.Administered), "doseMg"));
    }

    [Fact]
    public void Bedside_Schwartz_eGFR_is_calculated_at_baseline()
    {
        var run = Run(FirstInfusion);

        // Worked out again before every dose; the first is the baseline.
        var renal = run.Entries("renal.calculated")[0];
        Assert.Equal(0, Day(renal));
        Assert.Equal("bedside-schwartz", Field(renal, "method"));
        var creatinine = Dec(run.Entries("lab.resulted").First(l => Field(l, "code") == "2160-0"), "value");
        Assert.Equal(Round1(0.413m * run.Scenario.Patient.HeightCm!.Value / creatinine), Dec(renal, "value"));
    }

    [Fact]
    public void Vitamin_D_below_the_threshold_holds_the_first_dose_until_repleted()
    {
        var run = Run(VitaminD);

        // 19 ng/mL x 2.496 = 47.4 nmol/L, below 50 nmol/L; the recheck's 30 ng/mL (74.9 nmol/L) passes.
        var held = Assert.Single(run.Held("vitamin D"));
        Assert.Contains("< 50", held["reasons"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var recheckDay = Day(held) + run.Days("vitaminDRecheckAfter");
        Assert.Equal([recheckDay], run.Reminders("vitamin-d").Select(r => DueDay(r)));
        Assert.Equal(recheckDay, Day(Assert.Single(run.Administered)));
    }

    [Theory]
    [InlineData("nmol/L")]
    [InlineData("ng/mL")]
    public void The_vitamin_D_threshold_means_the_same_in_either_unit(string unit)
    {
        // 50 nmol/L written in ng/mL (1 ng/mL = 2.496 nmol/L, R8).
        var threshold = unit == "nmol/L" ? 50m : 50m / 2.496m;
        var run = Run(VitaminD, new { vitaminDUnit = unit, vitaminDMin = threshold });

        Assert.Single(run.Held("vitamin D"));
        Assert.Single(run.Entries("gate.passed"), g => Field(g, "gate") == "vitamin D");
        Assert.Equal(Day(run.Held("vitamin D")[0]) + run.Days("vitaminDRecheckAfter"), Day(Assert.Single(run.Administered)));
    }

    [Fact]
    public void Hypocalcaemia_at_baseline_holds_until_corrected_calcium_is_back_above_the_threshold()
    {
        var run = Run("paeds-osteoporosis-zoledronate.calcium-hold.json");

        // 8.0 mg/dL corrected calcium is 8.0 / 4.008 = 1.996 mmol/L, below the 2.1 mmol/L threshold.
        var held = Assert.Single(run.Held("baseline creatinine and calcium"));
        Assert.Contains("No hypocalcaemia", held["reasons"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var recheckDay = Day(held) + run.Days("recheckAfter");
        Assert.Equal([recheckDay], run.Reminders("calcium").Where(r => DueDay(r) == recheckDay).Select(r => DueDay(r)));
        Assert.Equal(recheckDay, Day(Assert.Single(run.Administered)));
    }
}
