using System.Diagnostics.CodeAnalysis;

namespace CarePathway.Engine.Expressions;

/// <summary>Either a parsed expression or the errors that stopped it (never both).</summary>
public sealed class ExpressionParseResult
{
    private ExpressionParseResult(ParsedExpression? expression, IReadOnlyList<ExpressionError> errors)
    {
        Expression = expression;
        Errors = errors;
    }

    public ParsedExpression? Expression { get; }

    public IReadOnlyList<ExpressionError> Errors { get; }

    [MemberNotNullWhen(true, nameof(Expression))]
    public bool Success => Expression is not null;

    internal static ExpressionParseResult Ok(ParsedExpression expression) => new(expression, []);

    internal static ExpressionParseResult Failed(IReadOnlyList<ExpressionError> errors) => new(null, errors);
}
