using CarePathway.Engine.Expressions;
using static CarePathway.Engine.Tests.Expressions.ExpressionTesting;

namespace CarePathway.Engine.Tests.Expressions;

public class AddMonthsTests
{
    private static DateTimeOffset AddMonths(string from, int months)
    {
        var scope = new DictionaryExpressionScope(Now).Set("var.from", Value.DateTime(DateTimeOffset.Parse(from, System.Globalization.CultureInfo.InvariantCulture)));
        return Parse($"addMonths(var.from, {months})").Evaluate(scope).Result.AsDateTime();
    }

    [Theory]
    [InlineData("2026-01-31T10:00:00Z", 1, "2026-02-28T10:00:00Z")]
    [InlineData("2024-01-31T10:00:00Z", 1, "2024-02-29T10:00:00Z")]
    [InlineData("2025-11-30T08:15:00Z", 3, "2026-02-28T08:15:00Z")]
    [InlineData("2026-01-05T09:00:00Z", 3, "2026-04-05T09:00:00Z")]
    [InlineData("2026-03-31T09:00:00Z", -1, "2026-02-28T09:00:00Z")]
    [InlineData("2026-01-05T09:00:00Z", 12, "2027-01-05T09:00:00Z")]
    public void Add_months_counts_calendar_months_and_clamps_to_the_end_of_a_shorter_month(string from, int months, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), AddMonths(from, months));
    }

    [Fact]
    public void Three_calendar_months_are_not_a_fixed_number_of_days()
    {
        Assert.Equal(90, (AddMonths("2026-11-30T00:00:00Z", 3) - DateTimeOffset.Parse("2026-11-30T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture)).Days);
        Assert.Equal(92, (AddMonths("2026-05-01T00:00:00Z", 3) - DateTimeOffset.Parse("2026-05-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture)).Days);
    }

    [Fact]
    public void Add_months_needs_a_date_time_and_a_whole_number()
    {
        Assert.Contains("whole number of months", EvalError("addMonths(var.lastDoseAt, 1.5)").Message, StringComparison.Ordinal);
        Assert.Contains("whole number of months", EvalError("addMonths(var.cycle, 1)").Message, StringComparison.Ordinal);
        Assert.Contains("has no value", EvalError("addMonths(var.missing, 3)").Message, StringComparison.Ordinal);
    }
}
