using CarePathway.Engine.Expressions;
using static CarePathway.Engine.Tests.Expressions.ExpressionTesting;

namespace CarePathway.Engine.Tests.Expressions;

public class FunctionTests
{
    [Fact]
    public void Min_and_max_pick_the_extreme_of_two_or_more_values()
    {
        Assert.Equal(Value.Number(1m), Eval("min(3, 1, 2)"));
        Assert.Equal(Value.Number(3m), Eval("max(3, 1, 2)"));
        Assert.Equal(Value.Quantity(100m, "mg"), Eval("min(patient.weightKg * param.mgPerKg, param.maxDoseMg)"));
        Assert.Equal(Value.Quantity(105m, "mg"), Eval("max(patient.weightKg * param.mgPerKg, param.maxDoseMg)"));
        Assert.Equal(TimeSpan.FromDays(84), Eval("max(1d, param.nsaidTrialLength)").AsDuration());
    }

    [Fact]
    public void Min_refuses_to_mix_units_or_kinds()
    {
        Assert.Equal("min cannot mix mg with a number in 'min(param.maxDoseMg, 5)'", EvalError("min(param.maxDoseMg, 5)").Message);
        Assert.Equal("max cannot mix kg with mg in 'max(patient.weightKg, param.maxDoseMg)'", EvalError("max(patient.weightKg, param.maxDoseMg)").Message);
        Assert.Equal("cannot compare a string with a string in 'min(\"a\", \"b\")'", EvalError("min(\"a\", \"b\")").Message);
    }

    [Theory]
    [InlineData("round(2.5)", "3")]
    [InlineData("round(-2.5)", "-3")]
    [InlineData("round(2.345, 2)", "2.35")]
    [InlineData("round(2.3)", "2")]
    [InlineData("floor(2.7)", "2")]
    [InlineData("floor(-2.2)", "-3")]
    [InlineData("ceil(2.1)", "3")]
    [InlineData("abs(-4.5)", "4.5")]
    [InlineData("abs(-2d)", "2 days")]
    [InlineData("round(patient.weightKg * 1.234, 1)", "86.4 kg")]
    [InlineData("floor(patient.weightKg / 3)", "23 kg")]
    public void Rounding_functions_round_half_away_from_zero_and_keep_units(string text, string expected)
    {
        Assert.Equal(expected, Eval(text).ToDisplayString());
    }

    [Theory]
    [InlineData("round(1, 1.5)", "round() takes a whole number of digits from 0 to 28 in 'round(1, 1.5)'")]
    [InlineData("round(1, -1)", "round() takes a whole number of digits from 0 to 28 in 'round(1, -1)'")]
    [InlineData("floor(\"x\")", "floor() needs a number or quantity, not a string in 'floor(\"x\")'")]
    [InlineData("abs(now())", "abs() needs a number or quantity, not a date-time in 'abs(now())'")]
    public void Rounding_functions_reject_bad_arguments(string text, string message)
    {
        Assert.Equal(message, EvalError(text).Message);
    }

    [Fact]
    public void Days_between_counts_whole_days_from_the_first_to_the_second()
    {
        Assert.Equal(Value.Number(126m), Eval("daysBetween(var.lastDoseAt, now())"));
        Assert.Equal(Value.Number(-126m), Eval("daysBetween(now(), var.lastDoseAt)"));
        Assert.Equal(Value.Number(0m), Eval("daysBetween(now(), now() + 23h)"));
        Assert.Equal(Value.True, Eval("daysBetween(var.lastDoseAt, now()) >= 90"));
        Assert.Equal(
            "daysBetween() needs two date-times, not a number and a date-time in 'daysBetween(1, now())'",
            EvalError("daysBetween(1, now())").Message);
    }

    [Fact]
    public void Now_comes_from_the_scope_clock()
    {
        Assert.Equal(Value.DateTime(Now), Eval("now()"));
        var later = new DictionaryExpressionScope(Now.AddYears(1));
        Assert.Equal(Now.AddYears(1), Parse("now()").Evaluate(later).Result.AsDateTime());
    }

    [Fact]
    public void Date_parses_an_iso_date_as_midnight_utc()
    {
        Assert.Equal(Value.Date(new DateOnly(2026, 1, 5)), Eval("date(\"2026-01-05\")"));
        Assert.Equal(
            new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero),
            Eval("date(\"2026-01-05T10:00:00+02:00\")").AsDateTime());
    }

    [Fact]
    public void Date_of_a_computed_string_is_checked_when_evaluated()
    {
        var scope = new DictionaryExpressionScope(Now).Set("var.when", Value.String("2026-02-01")).Set("var.bad", Value.String("soon"));
        Assert.Equal(Value.Date(new DateOnly(2026, 2, 1)), Parse("date(var.when)").Evaluate(scope).Result);
        var error = Assert.Throws<ExpressionEvaluationException>(() => Parse("date(var.bad)").Evaluate(scope));
        Assert.Equal("'soon' is not a date like \"2026-01-05\" in 'date(var.bad)'", error.Message);
    }

    [Theory]
    [InlineData("days(3)", 3 * 24 * 60)]
    [InlineData("weeks(12)", 84 * 24 * 60)]
    [InlineData("hours(1.5)", 90)]
    [InlineData("minutes(15)", 15)]
    [InlineData("days(var.cycle * 7)", 21 * 24 * 60)]
    public void Duration_functions_make_durations_from_numbers(string text, int minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), Eval(text).AsDuration());
    }

    [Fact]
    public void Duration_functions_reject_non_numbers_and_huge_values()
    {
        Assert.Equal("days() needs a number, not a string in 'days(\"3\")'", EvalError("days(\"3\")").Message);
        Assert.Equal("the duration is too long in 'weeks(99999999999)'", EvalError("weeks(99999999999)").Message);
    }

    [Fact]
    public void Lab_and_baseline_read_through_the_scope()
    {
        Assert.Equal(Value.Quantity(0.78m, "mg/dL"), Eval("lab(\"2160-0\")"));
        Assert.Equal(Value.Quantity(0.60m, "mg/dL"), Eval("baseline(\"2160-0\")"));
        Assert.True(Eval("lab(\"718-7\")").IsNull);
        Assert.True(Eval("baseline(\"718-7\")").IsNull);
    }

    [Fact]
    public void Has_is_true_only_for_present_values()
    {
        Assert.Equal(Value.True, Eval("has(lab(\"2160-0\"))"));
        Assert.Equal(Value.False, Eval("has(lab(\"718-7\"))"));
        Assert.Equal(Value.False, Eval("has(var.missing)"));
        Assert.Equal(Value.True, Eval("has(var.cycle)"));
    }

    [Fact]
    public void If_evaluates_only_the_chosen_branch()
    {
        Assert.Equal(Value.Number(1m), Eval("if(var.cycle > 2, 1, nobody.knows)"));
        Assert.Equal(Value.Number(2m), Eval("if(var.cycle > 5, nobody.knows, 2)"));
        Assert.True(Eval("if(false, 1, null)").IsNull);
        Assert.Equal(
            "expected true or false but '1' is a number in 'if(1, 2, 3)'",
            EvalError("if(1, 2, 3)").Message);
    }

    [Fact]
    public void Function_results_carry_no_label()
    {
        var result = Eval("max(lab(\"2160-0\"), baseline(\"2160-0\"))");
        Assert.Equal(Value.Quantity(0.78m, "mg/dL"), result);
        Assert.Null(result.Label);
    }
}
