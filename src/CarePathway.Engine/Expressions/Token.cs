namespace CarePathway.Engine.Expressions;

internal enum TokenKind
{
    End,
    Number,
    Duration,
    String,
    Identifier,
    And,
    Or,
    Not,
    True,
    False,
    Null,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    EqualEqual,
    NotEqual,
    LeftParen,
    RightParen,
    Comma,
}

/// <summary>A lexical token; <see cref="Start"/>/<see cref="Length"/> locate it in the source text.</summary>
internal readonly record struct Token(TokenKind Kind, int Start, int Length, decimal Number = 0m, TimeSpan Duration = default, string? Text = null)
{
    public int End => Start + Length;

    /// <summary>How the token is quoted in error messages.</summary>
    public string Describe(string source) => Kind switch
    {
        TokenKind.End => "end of expression",
        TokenKind.String => "string \"" + Text + "\"",
        TokenKind.Number or TokenKind.Duration => string.Concat("number ", source.AsSpan(Start, Length)),
        TokenKind.Identifier => "name '" + Text + "'",
        _ => string.Concat("'", source.AsSpan(Start, Length), "'"),
    };
}
