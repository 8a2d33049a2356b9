using CarePathway.Engine.Clinical;

namespace CarePathway.Engine.Tests.Clinical;

public class DoseCalculatorTests
{
    private static readonly DateOnly Start = new(2025, 6, 2);
    private static readonly DoseRounding OneMg = new(1m, DoseRoundingMode.NearestStep);

    private static DoseRequest Crmo(decimal weightKg, IReadOnlyList<AdministeredDose>? history = null, decimal? perDoseCap = 60m) =>
        new(weightKg, 1m, perDoseCap, null, OneMg, history ?? [], 11.5m, Start, 3);

    private static List<AdministeredDose> Cycles(decimal mgPerDay, params int[] daysBeforeStart) =>
        daysBeforeStart.SelectMany(d => Enumerable.Range(0, 3).Select(i => new AdministeredDose(Start.AddDays(-d + i), mgPerDay))).ToList();

    [Fact]
    public void Example_1_a_36_kg_child_gets_36_mg_on_each_of_3_days_108_mg_in_all()
    {
        var result = DoseCalculator.Calculate(Crmo(36m));

        Assert.Equal([36m, 36m, 36m], result.Doses.Select(d => d.Mg));
        Assert.Equal(108m, result.TotalMg);
        Assert.Equal(DoseOutcome.WithinCaps, result.Outcome);
        Assert.False(result.CappedPerDose);
        Assert.False(result.RequiresClinicianApproval);
        Assert.Equal(0m, result.CumulativeMgPerKgBefore);
        Assert.Equal(3m, result.CumulativeMgPerKgAfter);
        Assert.Equal([Start, Start.AddDays(1), Start.AddDays(2)], result.Doses.Select(d => d.Date));
    }

    [Fact]
    public void Example_2_after_9_mg_per_kg_in_the_year_the_cycle_is_cut_to_2_5_mg_per_kg_90_mg_and_needs_approval()
    {
        var result = DoseCalculator.Calculate(Crmo(36m, Cycles(36m, 300, 200, 100)));

        Assert.Equal(9m, result.CumulativeMgPerKgBefore);
        Assert.Equal(108m, result.FullCycleDoses.Sum(d => d.Mg));
        Assert.Equal(DoseOutcome.ReducedToAnnualCap, result.Outcome);
        Assert.True(result.CappedByAnnualLimit);
        Assert.True(result.RequiresClinicianApproval);
        Assert.Equal(90m, result.AllowedTotalMg);
        Assert.Equal(90m, result.TotalMg);
        Assert.Equal(2.5m, result.TotalMg / 36m);
        Assert.Equal([36m, 36m, 18m], result.Doses.Select(d => d.Mg));
        Assert.Equal(11.5m, result.CumulativeMgPerKgAfter);
        Assert.Equal(
            "Per dose: 36 kg x 1 mg/kg = 36 mg; 3 doses from 2025-06-02. Full cycle: 108 mg = 3 mg/kg."
            + " Administered 324 mg = 9 mg/kg in the 365 days to 2025-06-02 (doses from 2024-06-02 count); annual cap 11.5 mg/kg = 414 mg."
            + " The full cycle would make 12 mg/kg, above the cap."
            + " Largest allowed for this cycle: 90 mg = 2.5 mg/kg (day 1: 36 mg, day 2: 36 mg, day 3: 18 mg), making 11.5 mg/kg."
            + " Give the reduced cycle or defer it: either needs clinician approval.",
            result.Explanation);
    }

    [Fact]
    public void Example_3_a_70_kg_child_under_a_60_mg_cap_gets_60_mg_a_day_and_the_capped_dose_counts_toward_the_year()
    {
        var result = DoseCalculator.Calculate(Crmo(70m));

        Assert.Equal([60m, 60m, 60m], result.Doses.Select(d => d.Mg));
        Assert.True(result.CappedPerDose);
        Assert.All(result.Doses, d => Assert.True(d.CappedPerDose));
        Assert.Equal(180m / 70m, result.CumulativeMgPerKgAfter);
        Assert.Contains("70 kg x 1 mg/kg = 70 mg -> 60 mg (per-dose cap 60 mg)", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Example_3_with_the_90_mg_cap_of_the_oxford_protocol_gives_the_full_70_mg()
    {
        var result = DoseCalculator.Calculate(Crmo(70m, perDoseCap: 90m));

        Assert.Equal([70m, 70m, 70m], result.Doses.Select(d => d.Mg));
        Assert.False(result.CappedPerDose);
    }

    [Fact]
    public void A_dose_given_exactly_365_days_before_the_cycle_still_counts_toward_the_annual_total()
    {
        var history = new List<AdministeredDose> { new(Start.AddDays(-365), 36m) };

        var result = DoseCalculator.Calculate(Crmo(36m, history));

        Assert.Equal(1m, result.CumulativeMgPerKgBefore);
    }

    [Fact]
    public void A_dose_given_366_days_before_the_cycle_no_longer_counts()
    {
        var history = new List<AdministeredDose> { new(Start.AddDays(-366), 36m) };

        var result = DoseCalculator.Calculate(Crmo(36m, history));

        Assert.Equal(0m, result.CumulativeMgPerKgBefore);
    }

    [Fact]
    public void When_the_annual_cap_is_already_reached_the_cycle_is_deferred_with_no_dose()
    {
        var history = Cycles(36m, 300, 200, 100).Append(new AdministeredDose(Start.AddDays(-10), 90m)).ToList();

        var result = DoseCalculator.Calculate(Crmo(36m, history));

        Assert.Equal(DoseOutcome.Defer, result.Outcome);
        Assert.Equal(0m, result.TotalMg);
        Assert.Equal(0m, result.AllowedTotalMg);
        Assert.True(result.RequiresClinicianApproval);
        Assert.EndsWith("No dose fits under the cap: defer the cycle (needs clinician approval).", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reduced_first_dose_applies_to_day_1_only()
    {
        var request = Crmo(36m) with { ReducedFirstDoseMgPerKg = 0.5m };

        var result = DoseCalculator.Calculate(request);

        Assert.Equal([18m, 36m, 36m], result.Doses.Select(d => d.Mg));
        Assert.StartsWith("Day 1: 36 kg x 0.5 mg/kg = 18 mg; Day 2: 36 kg x 1 mg/kg = 36 mg", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Rounding_to_the_nearest_step_and_down_to_a_step_are_both_shown_in_the_explanation()
    {
        var nearest = DoseCalculator.Calculate(Crmo(33.7m) with { Rounding = new DoseRounding(5m, DoseRoundingMode.NearestStep) });
        var down = DoseCalculator.Calculate(Crmo(33.7m) with { Rounding = new DoseRounding(5m, DoseRoundingMode.DownToStep) });

        Assert.Equal(35m, nearest.Doses[0].Mg);
        Assert.Contains("33.7 mg -> 35 mg (rounded to the nearest 5 mg)", nearest.Explanation, StringComparison.Ordinal);
        Assert.Equal(30m, down.Doses[0].Mg);
        Assert.Contains("-> 30 mg (rounded down to 5 mg steps)", down.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_per_dose_cap_that_is_not_a_multiple_of_the_step_is_rounded_down_to_one()
    {
        var result = DoseCalculator.Calculate(Crmo(70m) with { Rounding = new DoseRounding(7m, DoseRoundingMode.NearestStep) });

        Assert.Equal(56m, result.Doses[0].Mg);
    }

    [Fact]
    public void Without_an_annual_cap_the_history_does_not_limit_the_cycle()
    {
        var result = DoseCalculator.Calculate(Crmo(36m, Cycles(36m, 300, 200, 100, 50)) with { AnnualCapMgPerKg = null });

        Assert.Equal(108m, result.TotalMg);
        Assert.Null(result.AllowedTotalMg);
        Assert.Equal(15m, result.CumulativeMgPerKgAfter);
    }

    [Fact]
    public void An_administered_dose_after_the_cycle_start_is_rejected()
    {
        var history = new List<AdministeredDose> { new(Start.AddDays(1), 36m) };

        Assert.Throws<ArgumentOutOfRangeException>(() => DoseCalculator.Calculate(Crmo(36m, history)));
    }

    [Fact]
    public void A_zero_weight_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DoseCalculator.Calculate(Crmo(0m)));
    }
}
