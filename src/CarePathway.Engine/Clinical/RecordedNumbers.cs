namespace CarePathway.Engine.Clinical;

/// <summary>
/// A recorded number is its value: 0.50 and 0.5 are one creatinine. Trailing zeros are dropped where a value is
/// recorded (and where a database reads one back), so explanations read the same whether a run is stored or in memory.
/// </summary>
public static class RecordedNumbers
{
    /// <summary>0.550000m becomes 0.55m (dividing by 1 with 28 zero decimals keeps the smallest scale that is exact).</summary>
    public static decimal WithoutTrailingZeros(decimal value) => value / 1.0000000000000000000000000000m;
}
