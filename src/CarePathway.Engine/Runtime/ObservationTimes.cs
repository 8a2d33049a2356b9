using System.Globalization;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Runtime;

/// <summary>
/// When an observation (a lab, a weight or height, an assessment) can have been made: not before the patient was born,
/// not before <see cref="ClinicalDates.Earliest"/>, and not later than now. A time outside is a typo (2062 for 2026, a
/// lab dated in the year of birth), and a gate would take a lab from the future as fresh for years.
/// </summary>
public static class ObservationTimes
{
    /// <summary>How far ahead of this clock an observation time may be (another device's clock running fast).</summary>
    public static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromMinutes(5);

    // The earliest time zone: a birth date is a local date, and its day starts first at UTC+14.
    private static readonly TimeSpan EarliestOffset = TimeSpan.FromHours(14);

    /// <summary>The first instant anywhere on the day of <paramref name="birthDate"/>: nothing about the patient can be observed before it.</summary>
    public static DateTimeOffset FirstInstantOf(DateOnly birthDate) => new(birthDate, TimeOnly.MinValue, EarliestOffset);

    /// <summary>What is wrong with <paramref name="observedAt"/> (null: now, which is always fine), named <paramref name="field"/>.</summary>
    public static IEnumerable<ValidationProblem> Problems(string field, DateTimeOffset? observedAt, DateOnly birthDate, DateTimeOffset now)
    {
        if (observedAt is not { } at) yield break;
        if (at > now + ClockSkewAllowance)
            yield return new(null, field, string.Create(CultureInfo.InvariantCulture, $"{at.UtcDateTime:yyyy-MM-dd HH:mm} UTC is in the future (now is {now.UtcDateTime:yyyy-MM-dd HH:mm} UTC)"));
        else if (at < ClinicalDates.EarliestInstant)
            yield return new(null, field, $"is before {ClinicalDates.Earliest:yyyy-MM-dd}");
        else if (at < FirstInstantOf(birthDate))
            yield return new(null, field, string.Create(CultureInfo.InvariantCulture, $"{at.UtcDateTime:yyyy-MM-dd} is before the patient's birth date ({birthDate:yyyy-MM-dd})"));
    }
}
