using CarePathway.Engine.Clinical;

namespace CarePathway.Engine.Tests.Clinical;

public class RenalFunctionTests
{
    [Fact]
    public void Cockcroft_gault_for_the_72_year_old_woman_of_example_5_is_40_1_ml_per_min()
    {
        var result = RenalFunction.CockcroftGault(72, 60m, 1.2m, "mg/dL", Sex.Female);

        Assert.Equal(40.1m, result.Rounded);
        Assert.Equal("mL/min", result.Unit);
        Assert.Equal("Cockcroft-Gault = (140 - 72) x 60 kg / (72 x 1.2 mg/dL) x 0.85 = 40.1 mL/min", result.Explanation);
    }

    [Fact]
    public void Cockcroft_gault_for_a_man_omits_the_female_factor()
    {
        var result = RenalFunction.CockcroftGault(72, 60m, 1.2m, "mg/dL", Sex.Male);

        Assert.Equal(47.2m, result.Rounded);
        Assert.DoesNotContain("0.85", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Cockcroft_gault_from_umol_per_l_gives_the_same_clearance_and_shows_the_conversion()
    {
        var result = RenalFunction.CockcroftGault(72, 60m, 106.104m, "umol/L", Sex.Female);

        Assert.Equal(RenalFunction.CockcroftGault(72, 60m, 1.2m, "mg/dL", Sex.Female).Value, result.Value);
        Assert.StartsWith("Creatinine 106.1 umol/L / 88.42 = 1.2 mg/dL; Cockcroft-Gault", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Bedside_schwartz_for_the_child_of_example_1_is_109_6()
    {
        var result = RenalFunction.BedsideSchwartz(146m, 0.55m, "mg/dL");

        Assert.Equal(109.6m, result.Rounded);
        Assert.Equal("Bedside Schwartz eGFR = 0.413 x 146 cm / 0.55 mg/dL = 109.6 mL/min/1.73m2", result.Explanation);
    }

    [Fact]
    public void Bedside_schwartz_from_umol_per_l_gives_the_same_egfr()
    {
        var fromSi = RenalFunction.BedsideSchwartz(146m, 0.55m * 88.42m, "umol/L");

        Assert.Equal(RenalFunction.BedsideSchwartz(146m, 0.55m, "mg/dL").Value, fromSi.Value);
        Assert.Equal(109.6m, fromSi.Rounded);
    }

    [Fact]
    public void The_si_form_of_schwartz_with_36_5_agrees_with_the_converted_result_within_a_tenth_of_a_percent()
    {
        // R9 gives 36.5 x height / SCr(umol/L); we convert and use 0.413 instead, which differs by 0.05%.
        var umol = 48.631m;
        var siForm = 36.5m * 146m / umol;
        var ours = RenalFunction.BedsideSchwartz(146m, umol, "umol/L").Value;

        Assert.True(Math.Abs(siForm - ours) / ours < 0.001m);
    }

    [Fact]
    public void A_creatinine_in_an_unknown_unit_is_rejected_naming_the_unit()
    {
        var ex = Assert.Throws<ArgumentException>(() => RenalFunction.BedsideSchwartz(146m, 0.55m, "mmol/L"));
        Assert.Contains("'mmol/L'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zero_creatinine_is_rejected_rather_than_divided_by()
    {
        Assert.Throws<ArgumentException>(() => RenalFunction.CockcroftGault(40, 70m, 0m, "mg/dL", Sex.Male));
    }

    [Fact]
    public void An_age_of_140_or_more_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RenalFunction.CockcroftGault(140, 70m, 1m, "mg/dL", Sex.Male));
    }
}
