namespace CarePathway.Engine.Expressions;

/// <summary>
/// Thrown when an expression cannot be evaluated: wrong kinds, a missing value, mismatched units,
/// division by zero, an unknown name or an exhausted step budget. The message is meant to be shown
/// to the pathway author, so it names the sub-expression that failed.
/// </summary>
public sealed class ExpressionEvaluationException : Exception
{
    public ExpressionEvaluationException()
    {
    }

    public ExpressionEvaluationException(string message)
        : base(message)
    {
    }

    public ExpressionEvaluationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ExpressionEvaluationException(string message, string? subExpression, int? position, Exception? innerException = null)
        : base(message, innerException)
    {
        SubExpression = subExpression;
        Position = position;
    }

    /// <summary>Source text of the sub-expression that failed, when known.</summary>
    public string? SubExpression { get; }

    /// <summary>0-based character index of that sub-expression in the expression text, when known.</summary>
    public int? Position { get; }
}
