using CarePathway.Engine.Expressions;

namespace CarePathway.Engine.Activities;

/// <summary>
/// An expression input as the definition was compiled: parsed once, and named as the journal records its
/// evaluation (the input's name, or <c>cases[0]</c> for the expression of an item of an object list).
/// </summary>
public sealed class ExpressionInput
{
    internal ExpressionInput(string name, ParsedExpression expression)
    {
        Name = name;
        Expression = expression;
    }

    /// <summary>The name its evaluation is recorded under in <see cref="ActivityContext.EvaluatedInputs"/>.</summary>
    public string Name { get; }

    /// <summary>The parsed expression; its <see cref="ParsedExpression.Text"/> is the source the author wrote.</summary>
    public ParsedExpression Expression { get; }

    /// <summary>The source text, as the journal and the designer show it.</summary>
    public string Text => Expression.Text;
}
