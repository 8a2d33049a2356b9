using CarePathway.Engine.Execution;

namespace CarePathway.Server.Features.Common;

/// <summary>A list's filter on a closed set, given as its wire name in the query string.</summary>
internal static class ClosedSetFilter
{
    /// <summary>Null when not given; the member when <paramref name="value"/> is one of the set's wire names; otherwise a 400 naming them.</summary>
    public static TEnum? Parse<TEnum>(string? value, string field) where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        return WireNames.TryParse<TEnum>(value, out var parsed)
            ? parsed
            : throw RequestValidationException.Field(field, $"must be {string.Join(" or ", WireNames.All<TEnum>())}");
    }
}
