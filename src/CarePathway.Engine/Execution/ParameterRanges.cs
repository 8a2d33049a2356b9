using CarePathway.Engine.Definitions;
using CarePathway.Engine.Expressions;
using CarePathway.Engine.Runtime;

namespace CarePathway.Engine.Execution;

/// <summary>
/// How far a start parameter may reach. A duration or date is added to the clock as the pathway runs
/// (a trial's end, a follow-up timer): "420000w" would put a timer past the year 9999 and fail every
/// step of that instance after it started, and "-30d" would schedule into the past.
/// </summary>
public static class ParameterRanges
{
    /// <summary>Ten years: longer than any course of treatment, and the simulator's own horizon.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(3650);

    public static readonly DateOnly LatestDate = new(2199, 12, 31);

    /// <summary>A message when <paramref name="value"/> is out of range for <paramref name="type"/>, else null.</summary>
    public static string? Problem(Value value, string? type) => type switch
    {
        ValueTypes.Duration when value.AsDuration() < TimeSpan.Zero => "must not be negative",
        ValueTypes.Duration when value.AsDuration() > MaxDuration => $"must be at most {MaxDuration.TotalDays:0} days (10 years)",
        ValueTypes.Date when DateOnly.FromDateTime(value.AsDateTime().UtcDateTime) is var date && (date < ClinicalDates.Earliest || date > LatestDate) =>
            $"must be between {ClinicalDates.Earliest:yyyy-MM-dd} and {LatestDate:yyyy-MM-dd}",
        _ => null,
    };
}
