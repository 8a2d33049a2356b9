namespace CarePathway.Engine.Expressions;

/// <summary>A problem found while parsing; <see cref="Position"/> is the 0-based character index in the text.</summary>
public sealed record ExpressionError(int Position, string Message)
{
    public override string ToString() => Message;
}
