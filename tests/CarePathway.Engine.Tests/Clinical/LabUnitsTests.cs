using CarePathway.Engine.Clinical;

namespace CarePathway.Engine.Tests.Clinical;

public class LabUnitsTests
{
    [Fact]
    public void Creatinine_in_mg_per_dl_converts_to_umol_per_l_at_88_42()
    {
        var result = LabUnits.Convert("2160-0", 1.2m, "mg/dL", "umol/L");

        Assert.True(result.IsSuccess);
        Assert.Equal(106.104m, result.Value);
        Assert.Equal("umol/L", result.Unit);
    }

    [Fact]
    public void Creatinine_in_umol_per_l_converts_back_to_mg_per_dl()
    {
        Assert.Equal(0.55m, LabUnits.ConvertOrThrow("14682-9", 48.631m, "umol/L", "mg/dL"));
    }

    [Fact]
    public void Micro_sign_spellings_of_umol_per_l_are_the_same_unit()
    {
        Assert.Equal(1.2m, LabUnits.ConvertOrThrow("14682-9", 106.104m, "µmol/L", "mg/dL"));
        Assert.Equal(1.2m, LabUnits.ConvertOrThrow("14682-9", 106.104m, "μmol/l", "MG/DL"));
    }

    [Fact]
    public void Vitamin_d_in_ng_per_ml_converts_to_nmol_per_l_at_2_496()
    {
        Assert.Equal(49.92m, LabUnits.ConvertOrThrow("62292-8", 20m, "ng/mL", "nmol/L"));
        Assert.Equal(20m, LabUnits.ConvertOrThrow("14635-7", 49.92m, "nmol/L", "ng/mL"));
    }

    [Fact]
    public void Calcium_in_mmol_per_l_converts_to_mg_per_dl_at_the_molar_mass_4_008()
    {
        Assert.Equal(10.02m, LabUnits.ConvertOrThrow("29265-6", 2.5m, "mmol/L", "mg/dL"));
        Assert.Equal(2.5m, Math.Round(LabUnits.ConvertOrThrow("17861-6", 10.02m, "mg/dL", "mmol/L"), 10));
        Assert.Equal(1.2m, Math.Round(LabUnits.ConvertOrThrow("1995-0", 4.8096m, "mg/dL", "mmol/L"), 10));
    }

    [Fact]
    public void Converting_to_the_same_unit_returns_the_value_unchanged()
    {
        Assert.Equal(0.55m, LabUnits.ConvertOrThrow("2160-0", 0.55m, "mg/dL", "mg/dL"));
    }

    [Fact]
    public void An_unknown_unit_is_rejected_naming_the_unit_and_the_code()
    {
        var result = LabUnits.Convert("2160-0", 1.2m, "mg/L", "umol/L");

        Assert.False(result.IsSuccess);
        Assert.Equal("Unit 'mg/L' is not a unit of creatinine (code 2160-0); expected mg/dL or umol/L.", result.Error);
    }

    [Fact]
    public void A_unit_of_another_analyte_is_rejected_naming_the_unit_and_the_code()
    {
        var result = LabUnits.Convert("62292-8", 30m, "mmol/L", "nmol/L");

        Assert.False(result.IsSuccess);
        Assert.Contains("'mmol/L'", result.Error, StringComparison.Ordinal);
        Assert.Contains("62292-8", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_code_that_is_not_converted_is_rejected_naming_the_code()
    {
        var result = LabUnits.Convert("2777-1", 4m, "mg/dL", "mmol/L");

        Assert.False(result.IsSuccess);
        Assert.Contains("'2777-1'", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.5)]
    [InlineData(0)]
    public void A_negative_or_zero_value_is_rejected_as_implausible(double value)
    {
        var result = LabUnits.Convert("2160-0", (decimal)value, "mg/dL", "umol/L");

        Assert.False(result.IsSuccess);
        Assert.StartsWith("Implausible creatinine", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_beyond_the_plausible_range_is_rejected_with_the_range_in_the_unit_given()
    {
        var result = LabUnits.Convert("14682-9", 5000m, "umol/L", "mg/dL");

        Assert.False(result.IsSuccess);
        Assert.Equal("Implausible creatinine value 5000 umol/L (code 14682-9): accepted values are above 0 and at most 3536.8 umol/L.", result.Error);
    }

    [Fact]
    public void Convert_or_throw_throws_an_argument_exception_with_the_same_message()
    {
        var ex = Assert.Throws<ArgumentException>(() => LabUnits.ConvertOrThrow("2160-0", 1m, "g/L", "mg/dL"));
        Assert.Contains("'g/L'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Corrected_calcium_in_mg_per_dl_adds_0_8_per_g_per_dl_of_albumin_below_4()
    {
        var result = CorrectedCalcium.FromMgPerDl(8.0m, 3.0m);

        Assert.Equal(8.8m, result.Value);
        Assert.Equal("Corrected calcium = 8 mg/dL + 0.8 x (4.0 - 3 g/dL albumin) = 8.8 mg/dL", result.Explanation);
    }

    [Fact]
    public void Corrected_calcium_in_mmol_per_l_adds_0_02_per_g_per_l_of_albumin_below_40()
    {
        var result = CorrectedCalcium.FromMmolPerL(2.0m, 30m);

        Assert.Equal(2.2m, result.Value);
        Assert.Equal("mmol/L", result.Unit);
    }

    [Fact]
    public void Corrected_calcium_rejects_an_implausible_albumin()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CorrectedCalcium.FromMgPerDl(9m, 35m));
    }
}
