using CarePathway.Engine.Expressions;
using static CarePathway.Engine.Tests.Expressions.ExpressionTesting;

namespace CarePathway.Engine.Tests.Expressions;

public class OperatorTests
{
    private static DictionaryExpressionScope Units() => new DictionaryExpressionScope(Now)
        .Set("a", Value.Quantity(0.78m, "mg/dL"))
        .Set("b", Value.Quantity(0.60m, "mg/dL"))
        .Set("k", Value.Quantity(2m, "mg/kg"))
        .Set("w", Value.Quantity(70m, "kg"))
        .Set("d1", Value.Date(new DateOnly(2026, 1, 5)))
        .Set("d2", Value.Date(new DateOnly(2026, 3, 2)))
        .Set("s", Value.String("done"));

    private static Value Run(string text) => Parse(text).Evaluate(Units()).Result;

    private static string Fails(string text) =>
        Assert.Throws<ExpressionEvaluationException>(() => Parse(text).Evaluate(Units())).Message;

    [Theory]
    [InlineData("1.5 + 2.25", "3.75")]
    [InlineData("5 - 7.5", "-2.5")]
    [InlineData("0.60 * 1.10", "0.6600")]
    [InlineData("1 / 4", "0.25")]
    [InlineData("7 % 3", "1")]
    public void Numbers_support_all_arithmetic(string text, string expected)
    {
        Assert.Equal(expected, Run(text).ToDisplayString());
    }

    [Theory]
    [InlineData("a + b", "1.38 mg/dL")]
    [InlineData("a - b", "0.18 mg/dL")]
    [InlineData("a * 2", "1.56 mg/dL")]
    [InlineData("2 * a", "1.56 mg/dL")]
    [InlineData("a / 2", "0.39 mg/dL")]
    [InlineData("-a", "-0.78 mg/dL")]
    public void Quantities_keep_their_unit_through_arithmetic_with_numbers_and_like_quantities(string text, string expected)
    {
        Assert.Equal(expected, Run(text).ToDisplayString());
    }

    [Fact]
    public void Dividing_quantities_of_one_unit_gives_a_plain_number()
    {
        var ratio = Run("a / b");
        Assert.Equal(ValueKind.Number, ratio.Kind);
        Assert.Equal(1.3m, ratio.AsDecimal());
    }

    [Fact]
    public void A_rate_times_its_denominator_cancels_the_unit()
    {
        Assert.Equal(Value.Quantity(140m, "mg"), Run("w * k"));
        Assert.Equal(Value.Quantity(140m, "mg"), Run("k * w"));
    }

    [Theory]
    [InlineData("a + k", "cannot add mg/dL to mg/kg in 'a + k'")]
    [InlineData("a - k", "cannot subtract mg/kg from mg/dL in 'a - k'")]
    [InlineData("a + 1", "cannot add mg/dL to a number in 'a + 1'")]
    [InlineData("a * b", "cannot multiply mg/dL by mg/dL in 'a * b'")]
    [InlineData("a / k", "cannot divide mg/dL by mg/kg in 'a / k'")]
    [InlineData("1 / a", "cannot divide a number by mg/dL in '1 / a'")]
    [InlineData("a % 2", "cannot take the remainder of mg/dL divided by a number in 'a % 2'")]
    [InlineData("s + 1", "cannot add a string to a number in 's + 1'")]
    [InlineData("true * 2", "cannot multiply a boolean by a number in 'true * 2'")]
    [InlineData("d1 + d2", "cannot add a date-time to a date-time in 'd1 + d2'")]
    [InlineData("d1 * 2", "cannot multiply a date-time by a number in 'd1 * 2'")]
    [InlineData("1d + 1", "cannot add a duration to a number in '1d + 1'")]
    [InlineData("-s", "cannot negate a string in '-s'")]
    public void Arithmetic_on_unsupported_kinds_names_the_operator_and_the_kinds(string text, string message)
    {
        Assert.Equal(message, Fails(text));
    }

    [Theory]
    [InlineData("1 / 0")]
    [InlineData("1 % 0")]
    [InlineData("a / 0")]
    [InlineData("1d / 0")]
    [InlineData("1d / 0d")]
    public void Division_by_zero_is_an_error(string text)
    {
        Assert.StartsWith("division by zero in '", Fails(text));
    }

    [Fact]
    public void Overflowing_arithmetic_is_an_error_not_a_crash()
    {
        Assert.Equal(
            "the result of the multiplication is too large in '79228162514264337593543950335 * 2'",
            Fails("79228162514264337593543950335 * 2"));
    }

    [Fact]
    public void Date_time_and_duration_arithmetic_follows_the_calendar()
    {
        Assert.Equal(Value.Date(new DateOnly(2026, 2, 4)), Run("d1 + 30d"));
        Assert.Equal(Value.Date(new DateOnly(2026, 2, 4)), Run("30d + d1"));
        Assert.Equal(Value.Date(new DateOnly(2025, 12, 29)), Run("d1 - 1w"));
        Assert.Equal(TimeSpan.FromDays(56), Run("d2 - d1").AsDuration());
        Assert.Equal(TimeSpan.FromDays(14), Run("2 * 7d").AsDuration());
        Assert.Equal(TimeSpan.FromDays(14), Run("7d * 2").AsDuration());
        Assert.Equal(TimeSpan.FromHours(36), Run("1d + 12h").AsDuration());
        Assert.Equal(TimeSpan.FromHours(12), Run("1d - 12h").AsDuration());
        Assert.Equal(TimeSpan.FromHours(12), Run("1d / 2").AsDuration());
        Assert.Equal(12m, Run("12w / 1w").AsDecimal());
        Assert.Equal(TimeSpan.FromDays(-3), Run("-(1d + 2d)").AsDuration());
    }

    [Fact]
    public void Now_plus_a_duration_is_a_date_time()
    {
        Assert.Equal(Value.DateTime(Now.AddDays(30)), Eval("now() + 30d"));
    }

    [Theory]
    [InlineData("1 < 2", true)]
    [InlineData("2 <= 2", true)]
    [InlineData("3 > 2", true)]
    [InlineData("2 >= 3", false)]
    [InlineData("0.60 == 0.6", true)]
    [InlineData("1 != 1", false)]
    [InlineData("a > b", true)]
    [InlineData("a == 0.78", true)]
    [InlineData("0.5 < a", true)]
    [InlineData("d1 < d2", true)]
    [InlineData("d2 - d1 >= 8w", true)]
    [InlineData("12w == 84d", true)]
    [InlineData("s == \"done\"", true)]
    [InlineData("s != \"Done\"", true)]
    [InlineData("true == false", false)]
    [InlineData("true != false", true)]
    public void Comparisons_work_on_every_orderable_kind(string text, bool expected)
    {
        Assert.Equal(expected, Run(text).AsBoolean());
    }

    [Fact]
    public void Comparing_quantities_with_different_units_is_an_error()
    {
        Assert.Equal("cannot compare mg/dL with mg/kg in 'a > k'", Fails("a > k"));
        Assert.Equal("cannot compare mg/dL with mg/kg in 'a == k'", Fails("a == k"));
    }

    [Theory]
    [InlineData("s < \"x\"", "cannot compare a string with a string in 's < \"x\"'")]
    [InlineData("true > false", "cannot compare a boolean with a boolean in 'true > false'")]
    [InlineData("s == 1", "cannot compare a string with a number in 's == 1'")]
    [InlineData("d1 > 1d", "cannot compare a date-time with a duration in 'd1 > 1d'")]
    public void Comparing_unrelated_kinds_is_an_error(string text, string message)
    {
        Assert.Equal(message, Fails(text));
    }

    [Fact]
    public void And_and_or_short_circuit()
    {
        // The right side would fail (unknown name) if it were evaluated.
        Assert.Equal(Value.False, Run("false and nobody.knows"));
        Assert.Equal(Value.True, Run("true or nobody.knows"));
        Assert.Equal("unknown name 'nobody.knows'", Fails("true and nobody.knows"));
    }

    [Fact]
    public void Logical_operators_need_booleans()
    {
        Assert.Equal("expected true or false but '1' is a number in '1 and true'", Fails("1 and true"));
        Assert.Equal("expected true or false but s is a string in 'not s'", Fails("not s"));
    }

    [Fact]
    public void Unknown_names_are_evaluation_errors_naming_the_name()
    {
        var error = Assert.Throws<ExpressionEvaluationException>(() => Parse("1 + param.x").Evaluate(Units()));
        Assert.Equal("unknown name 'param.x'", error.Message);
        Assert.Equal(4, error.Position);
        Assert.Equal("param.x", error.SubExpression);
    }
}
