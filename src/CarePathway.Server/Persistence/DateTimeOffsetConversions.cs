using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CarePathway.Server.Persistence;

/// <summary>
/// How <see cref="DateTimeOffset"/> values are stored.
/// <list type="bullet">
/// <item>SQLite: as UTC ticks in an INTEGER column. SQLite has no date type; EF's default (ISO text
/// with offset) cannot be compared or ordered in SQL, and queries such as "tasks due before now"
/// need that. Values read back have offset zero (UTC).</item>
/// <item>PostgreSQL: as <c>timestamp with time zone</c>. Npgsql only writes offset-zero values to
/// timestamptz, so values are converted to UTC first.</item>
/// </list>
/// Precision is the tick (100 ns) on SQLite and the microsecond on PostgreSQL.
/// </summary>
public static class DateTimeOffsetConversions
{
    public const string SqliteProviderName = "Microsoft.EntityFrameworkCore.Sqlite";

    public static void Apply(ModelConfigurationBuilder configurationBuilder, string? providerName)
    {
        if (providerName == SqliteProviderName)
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }
        else
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<ToUtcConverter>();
        }
    }

    /// <summary>DateTimeOffset to UTC ticks (long) and back as UTC.</summary>
    public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        value => value.UtcTicks,
        ticks => new DateTimeOffset(ticks, TimeSpan.Zero));

    /// <summary>Normalises to offset zero, which timestamptz requires with Npgsql.</summary>
    public sealed class ToUtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
        value => value.ToUniversalTime(),
        value => value.ToUniversalTime());
}
