namespace CarePathway.Engine.Definitions;

/// <summary>The type names a definition may use for parameters and variables.</summary>
public static class ValueTypes
{
    public const string Number = "number";
    public const string String = "string";
    public const string Boolean = "boolean";
    public const string Duration = "duration";
    public const string Date = "date";
    public const string Any = "any";

    public static readonly IReadOnlySet<string> ForParameters =
        new HashSet<string>(StringComparer.Ordinal) { Number, String, Boolean, Duration, Date };

    public static readonly IReadOnlySet<string> ForVariables =
        new HashSet<string>(StringComparer.Ordinal) { Number, String, Boolean, Duration, Date, Any };
}
