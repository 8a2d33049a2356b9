namespace CarePathway.Engine.Expressions;

/// <summary>
/// Bounds that keep any expression cheap to parse and evaluate, whoever wrote the definition.
/// </summary>
public static class ExpressionLimits
{
    public const int MaxLength = 4_000;

    /// <summary>Parentheses, function calls and unary operators nested inside each other.</summary>
    public const int MaxDepth = 64;

    public const int MaxNodes = 2_000;

    /// <summary>Node visits allowed per evaluation (defence in depth: a parsed tree cannot exceed it today).</summary>
    public const int DefaultStepBudget = 10_000;
}
