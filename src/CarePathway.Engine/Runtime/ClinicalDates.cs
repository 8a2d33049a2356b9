namespace CarePathway.Engine.Runtime;

/// <summary>
/// The earliest date the product accepts for anything clinical: a birth date, an observation, a date
/// parameter. Nobody in care was born before it, so a date before it is a typo (year 1, 0190 for 1990).
/// </summary>
public static class ClinicalDates
{
    public static readonly DateOnly Earliest = new(1900, 1, 1);

    public static readonly DateTimeOffset EarliestInstant = new(Earliest, TimeOnly.MinValue, TimeSpan.Zero);
}
