using System.Globalization;
using System.Text;

namespace CarePathway.Engine.Expressions;

public readonly partial struct Value
{
    private static readonly string[] FixedFormats = CreateFixedFormats();

    /// <summary>
    /// The value as a clinician reads it, without the label: "0.60", "0.78 mg/dL", "2026-01-05",
    /// "2026-01-05 14:30 UTC", "12 weeks", "1 day 6 h", "true", "null".
    /// </summary>
    public string ToDisplayString() => Kind switch
    {
        ValueKind.Null => "null",
        ValueKind.Number => _number.ToString(CultureInfo.InvariantCulture),
        ValueKind.Quantity => _number.ToString(CultureInfo.InvariantCulture) + " " + _text,
        ValueKind.String => _text!,
        ValueKind.Boolean => _ticks != 0 ? "true" : "false",
        ValueKind.DateTime => FormatDateTime(_ticks),
        ValueKind.Duration => FormatDuration(new TimeSpan(_ticks)),
        _ => Kind.ToString(),
    };

    /// <summary>
    /// Like <see cref="ToDisplayString()"/>, but numbers and quantity magnitudes are rounded (half away
    /// from zero) and padded to exactly <paramref name="scale"/> decimal places. Explanations use this so
    /// that 0.60 x 1.10 shows as 0.66 rather than 0.6600; the value itself keeps full precision.
    /// </summary>
    public string ToDisplayString(int scale)
    {
        if (Kind is not (ValueKind.Number or ValueKind.Quantity))
        {
            return ToDisplayString();
        }

        var text = FormatNumber(_number, scale);
        return Kind == ValueKind.Quantity ? text + " " + _text : text;
    }

    /// <summary>Number of decimal places this value shows (0 for non-numeric kinds).</summary>
    internal int DisplayScale => Kind is ValueKind.Number or ValueKind.Quantity ? _number.Scale : 0;

    internal static string FormatNumber(decimal value, int scale)
    {
        scale = Math.Clamp(scale, 0, 28);
        var rounded = Math.Round(value, scale, MidpointRounding.AwayFromZero);
        return rounded.ToString(FixedFormats[scale], CultureInfo.InvariantCulture);
    }

    internal static string FormatDateTime(long utcTicks)
    {
        var dt = new System.DateTime(utcTicks, DateTimeKind.Utc);
        if (dt.TimeOfDay == TimeSpan.Zero)
        {
            return dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        var format = dt.Second == 0 && dt.Millisecond == 0 ? "yyyy-MM-dd HH:mm 'UTC'" : "yyyy-MM-dd HH:mm:ss 'UTC'";
        return dt.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// "12 weeks" when the duration is whole weeks (how treatment trials are written), otherwise its
    /// parts: "3 days", "1 day 6 h", "15 min", "0 min". Units match the literal suffixes.
    /// </summary>
    internal static string FormatDuration(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
        {
            return "0 min";
        }

        var sb = new StringBuilder();
        if (duration < TimeSpan.Zero)
        {
            sb.Append('-');
            duration = duration == TimeSpan.MinValue ? TimeSpan.MaxValue : duration.Negate();
        }

        var days = duration.Days;
        var rest = duration - TimeSpan.FromDays(days);
        if (rest == TimeSpan.Zero && days >= 7 && days % 7 == 0)
        {
            var weeks = days / 7;
            sb.Append(weeks.ToString(CultureInfo.InvariantCulture)).Append(weeks == 1 ? " week" : " weeks");
            return sb.ToString();
        }

        var start = sb.Length;
        void Part(string text)
        {
            if (sb.Length > start)
            {
                sb.Append(' ');
            }

            sb.Append(text);
        }

        if (days != 0)
        {
            Part(days.ToString(CultureInfo.InvariantCulture) + (days == 1 ? " day" : " days"));
        }

        if (rest.Hours != 0)
        {
            Part(rest.Hours.ToString(CultureInfo.InvariantCulture) + " h");
        }

        if (rest.Minutes != 0)
        {
            Part(rest.Minutes.ToString(CultureInfo.InvariantCulture) + " min");
        }

        var seconds = rest - new TimeSpan(rest.Hours, rest.Minutes, 0);
        if (seconds != TimeSpan.Zero)
        {
            var s = (decimal)seconds.Ticks / TimeSpan.TicksPerSecond;
            Part(s.ToString(CultureInfo.InvariantCulture) + " s");
        }

        return sb.ToString();
    }

    private static string[] CreateFixedFormats()
    {
        var formats = new string[29];
        for (var i = 0; i < formats.Length; i++)
        {
            formats[i] = "F" + i.ToString(CultureInfo.InvariantCulture);
        }

        return formats;
    }
}
