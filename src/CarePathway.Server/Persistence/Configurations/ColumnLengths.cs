namespace CarePathway.Server.Persistence.Configurations;

/// <summary>Maximum lengths shared by the entity configurations (and mirrored by the migrations).</summary>
internal static class ColumnLengths
{
    /// <summary>Short codes: statuses, kinds, units.</summary>
    public const int Code = 32;

    /// <summary>Identifiers chosen by people or the engine: MRN, LOINC code, definition and activity ids.</summary>
    public const int Key = 100;

    /// <summary>Names and titles.</summary>
    public const int Name = 200;

    /// <summary>Why a person did something (a result entered in error).</summary>
    public const int Reason = 1000;

    /// <summary>User names (Identity's own limit).</summary>
    public const int UserName = 256;

    /// <summary>Precision and scale of clinical decimal values.</summary>
    public const int DecimalPrecision = 18;
    public const int DecimalScale = 6;
}
