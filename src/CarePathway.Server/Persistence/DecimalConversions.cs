using CarePathway.Engine.Clinical;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CarePathway.Server.Persistence;

/// <summary>
/// Decimals read back as they were written. PostgreSQL's <c>numeric(18,6)</c> returns every value at
/// scale 6 (0.55 comes back as 0.550000), which then shows in explanations a clinician reads ("baseline
/// 0.550000 mg/dL") and in API answers; SQLite stores the text as written. Trailing zeros are dropped on
/// read, which changes no value.
/// </summary>
public static class DecimalConversions
{
    public static void Apply(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<decimal>().HaveConversion<TrailingZerosDropped>();

    public sealed class TrailingZerosDropped() : ValueConverter<decimal, decimal>(value => value, stored => RecordedNumbers.WithoutTrailingZeros(stored));
}
