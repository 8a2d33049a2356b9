namespace CarePathway.Engine.Expressions;

/// <summary>
/// An immutable value of the expression language. A struct rather than a class hierarchy so that
/// evaluating an expression does not allocate per intermediate result.
/// </summary>
/// <remarks>
/// <para><c>default(Value)</c> is <see cref="Null"/>.</para>
/// <para>Numbers are <see cref="decimal"/> and keep their scale (0.60 stays "0.60").</para>
/// <para>Date-times are always held in UTC; a date alone means midnight UTC.</para>
/// <para><see cref="Label"/> is for explanations only: it takes no part in equality or arithmetic.</para>
/// </remarks>
public readonly partial struct Value : IEquatable<Value>
{
    // One slot per payload shape keeps the struct small: decimal for numbers and quantity
    // magnitudes, ticks for date-times (UTC), durations and booleans (0/1), text for strings and units.
    private readonly decimal _number;
    private readonly long _ticks;
    private readonly string? _text;

    private Value(ValueKind kind, decimal number, long ticks, string? text, string? label)
    {
        Kind = kind;
        _number = number;
        _ticks = ticks;
        _text = text;
        Label = label;
    }

    public ValueKind Kind { get; }

    /// <summary>Display label used in explanations ("creatinine"); null when the value has none.</summary>
    public string? Label { get; }

    public bool IsNull => Kind == ValueKind.Null;

    /// <summary>The unit of a quantity ("mg/dL"); null for every other kind.</summary>
    public string? Unit => Kind == ValueKind.Quantity ? _text : null;

    public static Value Null => default;

    public static Value True { get; } = Boolean(true);

    public static Value False { get; } = Boolean(false);

    public static Value Number(decimal value) => new(ValueKind.Number, value, 0, null, null);

    public static Value Quantity(decimal value, string unit)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(unit);
        return new(ValueKind.Quantity, value, 0, unit, null);
    }

    public static Value String(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(ValueKind.String, 0m, 0, value, null);
    }

    public static Value Boolean(bool value) => new(ValueKind.Boolean, 0m, value ? 1 : 0, null, null);

    /// <summary>A date-time; converted to UTC so that comparisons and display never depend on offsets.</summary>
    public static Value DateTime(DateTimeOffset value) => new(ValueKind.DateTime, 0m, value.UtcTicks, null, null);

    /// <summary>A calendar date, held as midnight UTC of that day.</summary>
    public static Value Date(DateOnly date) =>
        new(ValueKind.DateTime, 0m, date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).Ticks, null, null);

    public static Value Duration(TimeSpan value) => new(ValueKind.Duration, 0m, value.Ticks, null, null);

    /// <summary>The same value with a display label (or none when <paramref name="label"/> is null).</summary>
    public Value WithLabel(string? label) => new(Kind, _number, _ticks, _text, label);

    public bool AsBoolean()
    {
        Expect(ValueKind.Boolean);
        return _ticks != 0;
    }

    /// <summary>The number, or the magnitude of a quantity.</summary>
    public decimal AsDecimal()
    {
        if (Kind is not (ValueKind.Number or ValueKind.Quantity))
        {
            throw WrongKind("a number");
        }

        return _number;
    }

    public TimeSpan AsDuration()
    {
        Expect(ValueKind.Duration);
        return new TimeSpan(_ticks);
    }

    /// <summary>The date-time, always with a zero (UTC) offset.</summary>
    public DateTimeOffset AsDateTime()
    {
        Expect(ValueKind.DateTime);
        return new DateTimeOffset(_ticks, TimeSpan.Zero);
    }

    public string AsString()
    {
        Expect(ValueKind.String);
        return _text!;
    }

    public bool Equals(Value other)
    {
        if (Kind != other.Kind)
        {
            return false;
        }

        return Kind switch
        {
            ValueKind.Null => true,
            ValueKind.Number => _number == other._number,
            ValueKind.Quantity => _number == other._number && string.Equals(_text, other._text, StringComparison.Ordinal),
            ValueKind.String => string.Equals(_text, other._text, StringComparison.Ordinal),
            _ => _ticks == other._ticks,
        };
    }

    public override bool Equals(object? obj) => obj is Value other && Equals(other);

    public override int GetHashCode() => Kind switch
    {
        ValueKind.Null => 0,
        ValueKind.Number => _number.GetHashCode(),
        ValueKind.Quantity => HashCode.Combine(_number, _text),
        ValueKind.String => HashCode.Combine(Kind, _text),
        _ => HashCode.Combine(Kind, _ticks),
    };

    public static bool operator ==(Value left, Value right) => left.Equals(right);

    public static bool operator !=(Value left, Value right) => !left.Equals(right);

    public override string ToString() => Label is null ? ToDisplayString() : Label + " " + ToDisplayString();

    /// <summary>Describes the kind for error messages: a quantity by its unit, other kinds by name.</summary>
    internal string DescribeKind() => Kind switch
    {
        ValueKind.Null => "null",
        ValueKind.Number => "a number",
        ValueKind.Quantity => _text!,
        ValueKind.String => "a string",
        ValueKind.Boolean => "a boolean",
        ValueKind.DateTime => "a date-time",
        ValueKind.Duration => "a duration",
        _ => Kind.ToString(),
    };

    internal static string DescribeKind(ValueKind kind) => kind switch
    {
        ValueKind.Number => "a number",
        ValueKind.Quantity => "a quantity",
        ValueKind.String => "a string",
        ValueKind.Boolean => "a boolean",
        ValueKind.DateTime => "a date-time",
        ValueKind.Duration => "a duration",
        _ => "null",
    };

    // Raw accessors for the evaluator, which has already checked the kind.
    internal decimal RawNumber => _number;

    internal long RawTicks => _ticks;

    private void Expect(ValueKind kind)
    {
        if (Kind != kind)
        {
            throw WrongKind(DescribeKind(kind));
        }
    }

    private ExpressionEvaluationException WrongKind(string expected)
    {
        var what = Label is null ? string.Empty : " (" + Label + ")";
        return new ExpressionEvaluationException(
            IsNull
                ? $"expected {expected} but the value{what} is missing"
                : $"expected {expected} but the value{what} is {DescribeKind()}: {ToDisplayString()}");
    }
}
