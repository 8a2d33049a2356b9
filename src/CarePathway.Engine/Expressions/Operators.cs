namespace CarePathway.Engine.Expressions;

/// <summary>
/// The meaning of arithmetic and comparison on each pair of kinds. Returns an error message
/// (without context) instead of throwing, so the evaluator can name the sub-expression once.
/// Units are compared as exact strings: "mg/dL" and "mg/dl" are different units, on purpose,
/// because silently guessing a unit conversion is how dosing errors happen.
/// </summary>
internal static class Operators
{
    public static string? Arithmetic(BinaryOperator op, in Value a, in Value b, out Value result)
    {
        result = default;
        try
        {
            return op switch
            {
                BinaryOperator.Add => Add(a, b, out result),
                BinaryOperator.Subtract => Subtract(a, b, out result),
                BinaryOperator.Multiply => Multiply(a, b, out result),
                BinaryOperator.Divide => Divide(a, b, out result),
                _ => Remainder(a, b, out result),
            };
        }
        catch (OverflowException)
        {
            return $"the result of {Verb(op)} is too large";
        }
        catch (ArgumentOutOfRangeException)
        {
            return $"the result of {Verb(op)} is outside the supported range of dates and durations";
        }
    }

    /// <summary>
    /// Orders two values: numbers, quantities of one unit (or a quantity and a plain number, by magnitude),
    /// date-times, durations.
    /// </summary>
    public static string? Order(in Value a, in Value b, out int comparison)
    {
        comparison = 0;
        switch (a.Kind, b.Kind)
        {
            case (ValueKind.Number, ValueKind.Number):
            case (ValueKind.Quantity, ValueKind.Number):
            case (ValueKind.Number, ValueKind.Quantity):
                comparison = a.RawNumber.CompareTo(b.RawNumber);
                return null;
            case (ValueKind.Quantity, ValueKind.Quantity):
                if (!SameUnit(a, b))
                {
                    return $"cannot compare {a.Unit} with {b.Unit}";
                }

                comparison = a.RawNumber.CompareTo(b.RawNumber);
                return null;
            case (ValueKind.DateTime, ValueKind.DateTime):
            case (ValueKind.Duration, ValueKind.Duration):
                comparison = a.RawTicks.CompareTo(b.RawTicks);
                return null;
            default:
                return $"cannot compare {a.DescribeKind()} with {b.DescribeKind()}";
        }
    }

    public static string? Compare(ComparisonOperator op, in Value a, in Value b, out bool result)
    {
        result = false;
        if (op is ComparisonOperator.Equal or ComparisonOperator.NotEqual
            && a.Kind == b.Kind && a.Kind is ValueKind.String or ValueKind.Boolean)
        {
            // Value equality ignores labels, which is what we want here.
            result = a.Equals(b) == (op == ComparisonOperator.Equal);
            return null;
        }

        var error = Order(a, b, out var comparison);
        if (error is not null)
        {
            return error;
        }

        result = op switch
        {
            ComparisonOperator.Less => comparison < 0,
            ComparisonOperator.LessOrEqual => comparison <= 0,
            ComparisonOperator.Greater => comparison > 0,
            ComparisonOperator.GreaterOrEqual => comparison >= 0,
            ComparisonOperator.Equal => comparison == 0,
            _ => comparison != 0,
        };
        return null;
    }

    public static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => " + ",
        BinaryOperator.Subtract => " - ",
        BinaryOperator.Multiply => " x ",
        BinaryOperator.Divide => " / ",
        _ => " % ",
    };

    /// <summary>
    /// The comparison as it turned out: the written operator when true, its negation when false,
    /// so an explanation always states a fact ("0.50 mg/dL &lt;= 0.66 mg/dL", never a false claim).
    /// </summary>
    public static string Symbol(ComparisonOperator op, bool outcome) => (op, outcome) switch
    {
        (ComparisonOperator.Less, true) or (ComparisonOperator.GreaterOrEqual, false) => " < ",
        (ComparisonOperator.LessOrEqual, true) or (ComparisonOperator.Greater, false) => " <= ",
        (ComparisonOperator.Greater, true) or (ComparisonOperator.LessOrEqual, false) => " > ",
        (ComparisonOperator.GreaterOrEqual, true) or (ComparisonOperator.Less, false) => " >= ",
        (ComparisonOperator.Equal, true) or (ComparisonOperator.NotEqual, false) => " = ",
        _ => " != ",
    };

    /// <summary>The same comparison with its sides swapped: 1 &lt; x is x &gt; 1.</summary>
    public static ComparisonOperator Mirrored(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Less => ComparisonOperator.Greater,
        ComparisonOperator.LessOrEqual => ComparisonOperator.GreaterOrEqual,
        ComparisonOperator.Greater => ComparisonOperator.Less,
        ComparisonOperator.GreaterOrEqual => ComparisonOperator.LessOrEqual,
        _ => op,
    };

    private static string Verb(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "the addition",
        BinaryOperator.Subtract => "the subtraction",
        BinaryOperator.Multiply => "the multiplication",
        BinaryOperator.Divide => "the division",
        _ => "the remainder",
    };

    private static bool SameUnit(in Value a, in Value b) => string.Equals(a.Unit, b.Unit, StringComparison.Ordinal);

    private static string? Add(in Value a, in Value b, out Value result)
    {
        result = default;
        switch (a.Kind, b.Kind)
        {
            case (ValueKind.Number, ValueKind.Number):
                result = Value.Number(a.RawNumber + b.RawNumber);
                return null;
            case (ValueKind.Quantity, ValueKind.Quantity) when SameUnit(a, b):
                result = Value.Quantity(a.RawNumber + b.RawNumber, a.Unit!);
                return null;
            case (ValueKind.DateTime, ValueKind.Duration):
                result = Value.DateTime(a.AsDateTime() + b.AsDuration());
                return null;
            case (ValueKind.Duration, ValueKind.DateTime):
                result = Value.DateTime(b.AsDateTime() + a.AsDuration());
                return null;
            case (ValueKind.Duration, ValueKind.Duration):
                result = Value.Duration(a.AsDuration() + b.AsDuration());
                return null;
            default:
                return $"cannot add {a.DescribeKind()} to {b.DescribeKind()}";
        }
    }

    private static string? Subtract(in Value a, in Value b, out Value result)
    {
        result = default;
        switch (a.Kind, b.Kind)
        {
            case (ValueKind.Number, ValueKind.Number):
                result = Value.Number(a.RawNumber - b.RawNumber);
                return null;
            case (ValueKind.Quantity, ValueKind.Quantity) when SameUnit(a, b):
                result = Value.Quantity(a.RawNumber - b.RawNumber, a.Unit!);
                return null;
            case (ValueKind.DateTime, ValueKind.Duration):
                result = Value.DateTime(a.AsDateTime() - b.AsDuration());
                return null;
            case (ValueKind.DateTime, ValueKind.DateTime):
                result = Value.Duration(a.AsDateTime() - b.AsDateTime());
                return null;
            case (ValueKind.Duration, ValueKind.Duration):
                result = Value.Duration(a.AsDuration() - b.AsDuration());
                return null;
            default:
                return $"cannot subtract {b.DescribeKind()} from {a.DescribeKind()}";
        }
    }

    private static string? Multiply(in Value a, in Value b, out Value result)
    {
        result = default;
        switch (a.Kind, b.Kind)
        {
            case (ValueKind.Number, ValueKind.Number):
                result = Value.Number(a.RawNumber * b.RawNumber);
                return null;
            case (ValueKind.Quantity, ValueKind.Number):
                result = Value.Quantity(a.RawNumber * b.RawNumber, a.Unit!);
                return null;
            case (ValueKind.Number, ValueKind.Quantity):
                result = Value.Quantity(a.RawNumber * b.RawNumber, b.Unit!);
                return null;
            case (ValueKind.Quantity, ValueKind.Quantity) when Cancel(a.Unit!, b.Unit!) is { } unit:
                result = Value.Quantity(a.RawNumber * b.RawNumber, unit);
                return null;
            case (ValueKind.Duration, ValueKind.Number):
                return ScaleDuration(a.RawTicks, b.RawNumber, out result);
            case (ValueKind.Number, ValueKind.Duration):
                return ScaleDuration(b.RawTicks, a.RawNumber, out result);
            default:
                return $"cannot multiply {a.DescribeKind()} by {b.DescribeKind()}";
        }
    }

    private static string? Divide(in Value a, in Value b, out Value result)
    {
        result = default;
        switch (a.Kind, b.Kind)
        {
            case (ValueKind.Number or ValueKind.Quantity or ValueKind.Duration, ValueKind.Number)
                or (ValueKind.Quantity, ValueKind.Quantity) when b.RawNumber == 0m:
                return "division by zero";
            case (ValueKind.Number, ValueKind.Number):
                result = Value.Number(a.RawNumber / b.RawNumber);
                return null;
            case (ValueKind.Quantity, ValueKind.Number):
                result = Value.Quantity(a.RawNumber / b.RawNumber, a.Unit!);
                return null;
            case (ValueKind.Quantity, ValueKind.Quantity) when SameUnit(a, b):
                result = Value.Number(a.RawNumber / b.RawNumber);
                return null;
            case (ValueKind.Duration, ValueKind.Number):
                result = Value.Duration(new TimeSpan((long)decimal.Round(a.RawTicks / b.RawNumber)));
                return null;
            case (ValueKind.Duration, ValueKind.Duration):
                if (b.RawTicks == 0)
                {
                    return "division by zero";
                }

                result = Value.Number((decimal)a.RawTicks / b.RawTicks);
                return null;
            default:
                return $"cannot divide {a.DescribeKind()} by {b.DescribeKind()}";
        }
    }

    private static string? Remainder(in Value a, in Value b, out Value result)
    {
        result = default;
        if (a.Kind == ValueKind.Number && b.Kind == ValueKind.Number)
        {
            if (b.RawNumber == 0m)
            {
                return "division by zero";
            }

            result = Value.Number(a.RawNumber % b.RawNumber);
            return null;
        }

        return $"cannot take the remainder of {a.DescribeKind()} divided by {b.DescribeKind()}";
    }

    private static string? ScaleDuration(long ticks, decimal factor, out Value result)
    {
        var scaled = decimal.Round(ticks * factor);
        if (scaled > TimeSpan.MaxValue.Ticks || scaled < TimeSpan.MinValue.Ticks)
        {
            result = default;
            return "the resulting duration is too long";
        }

        result = Value.Duration(new TimeSpan((long)scaled));
        return null;
    }

    /// <summary>
    /// The one unit rule beyond "same unit": a rate times its denominator cancels, so
    /// kg x mg/kg = mg (and mL/min/1.73m2 x 1.73m2 = mL/min). Anything else is refused.
    /// </summary>
    private static string? Cancel(string left, string right)
    {
        if (right.Length > left.Length + 1 && right.EndsWith(left, StringComparison.Ordinal) && right[^(left.Length + 1)] == '/')
        {
            return right[..^(left.Length + 1)];
        }

        if (left.Length > right.Length + 1 && left.EndsWith(right, StringComparison.Ordinal) && left[^(right.Length + 1)] == '/')
        {
            return left[..^(right.Length + 1)];
        }

        return null;
    }
}
