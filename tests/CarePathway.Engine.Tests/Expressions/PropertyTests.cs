using System.Globalization;
using CarePathway.Engine.Expressions;
using FsCheck;
using FsCheck.Fluent;

namespace CarePathway.Engine.Tests.Expressions;

public class PropertyTests
{
    private static readonly DictionaryExpressionScope EmptyScope = new(ExpressionTesting.Now);

    [Fact]
    public void Number_literals_round_trip_with_their_value_and_scale()
    {
        Prop.ForAll<decimal>(number =>
        {
            var text = Math.Abs(number).ToString(CultureInfo.InvariantCulture);
            var parsed = ExpressionParser.Parse(text);
            return parsed.Success
                && parsed.Expression.EvaluateValue(EmptyScope) == Value.Number(Math.Abs(number))
                && parsed.Expression.EvaluateValue(EmptyScope).ToDisplayString() == text;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Adding_then_subtracting_the_same_number_gives_back_the_original()
    {
        Prop.ForAll<int, int, byte>((a, b, scale) =>
        {
            var x = new decimal(a) / Pow10(scale % 6);
            var y = new decimal(b) / Pow10(scale % 4);
            var text = string.Create(CultureInfo.InvariantCulture, $"{x} + {y} - {y} == {x}");
            return ExpressionParser.Parse(text).Expression!.EvaluateValue(EmptyScope).AsBoolean();
        }).QuickCheckThrowOnFailure();
    }

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10m;
        }

        return result;
    }
}
