using System.Globalization;
using System.Text;

namespace CarePathway.Engine.Expressions;

/// <summary>
/// ISO-8601 durations restricted to fixed-length units: weeks, days, hours, minutes, seconds
/// ("P30D", "PT1H30M", "P1DT2H", "-P7D"). Years and months are refused because their length
/// depends on the calendar, and a dosing interval must mean the same thing every time.
/// Hand-written rather than a regex: it is small and runs when variables are loaded.
/// </summary>
internal static class IsoDuration
{
    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
        {
            return "PT0S";
        }

        var sb = new StringBuilder(16);
        var ticks = duration.Ticks;
        if (ticks < 0)
        {
            sb.Append('-');
        }

        // Work on the magnitude as an unsigned number so TimeSpan.MinValue does not overflow.
        var magnitude = ticks < 0 ? (ulong)(-(ticks + 1)) + 1 : (ulong)ticks;
        var days = magnitude / (ulong)TimeSpan.TicksPerDay;
        magnitude %= (ulong)TimeSpan.TicksPerDay;
        var hours = magnitude / (ulong)TimeSpan.TicksPerHour;
        magnitude %= (ulong)TimeSpan.TicksPerHour;
        var minutes = magnitude / (ulong)TimeSpan.TicksPerMinute;
        magnitude %= (ulong)TimeSpan.TicksPerMinute;

        sb.Append('P');
        if (days != 0)
        {
            sb.Append(days.ToString(CultureInfo.InvariantCulture)).Append('D');
        }

        if (hours != 0 || minutes != 0 || magnitude != 0)
        {
            sb.Append('T');
            if (hours != 0)
            {
                sb.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('H');
            }

            if (minutes != 0)
            {
                sb.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('M');
            }

            if (magnitude != 0)
            {
                var seconds = (decimal)magnitude / TimeSpan.TicksPerSecond;
                sb.Append(seconds.ToString(CultureInfo.InvariantCulture)).Append('S');
            }
        }

        return sb.ToString();
    }

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        var i = 0;
        var negative = false;
        if (i < text.Length && text[i] is '-' or '+')
        {
            negative = text[i] == '-';
            i++;
        }

        if (i >= text.Length || text[i] != 'P')
        {
            return false;
        }

        i++;
        decimal totalTicks = 0;
        var inTime = false;
        var any = false;
        var lastRank = -1;
        while (i < text.Length)
        {
            if (text[i] == 'T')
            {
                if (inTime)
                {
                    return false;
                }

                inTime = true;
                i++;
                if (i >= text.Length)
                {
                    return false;
                }

                continue;
            }

            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
            {
                i++;
            }

            if (i == start || i >= text.Length
                || !decimal.TryParse(text.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                return false;
            }

            // Rank enforces the ISO order W, D, (T) H, M, S and that each appears once.
            var (rank, ticksPerUnit) = (text[i], inTime) switch
            {
                ('W', false) => (0, TimeSpan.TicksPerDay * 7),
                ('D', false) => (1, TimeSpan.TicksPerDay),
                ('H', true) => (2, TimeSpan.TicksPerHour),
                ('M', true) => (3, TimeSpan.TicksPerMinute),
                ('S', true) => (4, TimeSpan.TicksPerSecond),
                _ => (-1, 0L),
            };
            if (rank <= lastRank)
            {
                return false;
            }

            lastRank = rank;
            totalTicks += amount * ticksPerUnit;
            any = true;
            i++;
            if (totalTicks > TimeSpan.MaxValue.Ticks)
            {
                return false;
            }
        }

        if (!any || totalTicks != decimal.Truncate(totalTicks))
        {
            return false;
        }

        var result = (long)totalTicks;
        duration = new TimeSpan(negative ? -result : result);
        return true;
    }
}
