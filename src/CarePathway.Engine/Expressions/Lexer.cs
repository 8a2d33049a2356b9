using System.Globalization;
using System.Text;

namespace CarePathway.Engine.Expressions;

/// <summary>
/// Turns expression text into tokens. Runs once per parse (never per evaluation) and stops at the
/// first error, with a message that suggests the likely intended spelling.
/// </summary>
internal static class Lexer
{
    public static List<Token> Tokenize(string text, out ExpressionError? error)
    {
        var tokens = new List<Token>(Math.Min(64, text.Length / 2 + 1));
        error = null;
        var i = 0;
        while (true)
        {
            while (i < text.Length && text[i] is ' ' or '\t' or '\r' or '\n')
            {
                i++;
            }

            if (i >= text.Length)
            {
                tokens.Add(new Token(TokenKind.End, text.Length, 0));
                return tokens;
            }

            var c = text[i];
            Token token;
            if (char.IsAsciiDigit(c))
            {
                error = ReadNumber(text, i, out token);
            }
            else if (c == '"')
            {
                error = ReadString(text, i, out token);
            }
            else if (IsNameStart(c))
            {
                error = ReadName(text, i, out token);
            }
            else
            {
                error = ReadSymbol(text, i, out token);
            }

            if (error is not null)
            {
                return tokens;
            }

            tokens.Add(token);
            i = token.End;
        }
    }

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsNamePart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static ExpressionError? ReadNumber(string text, int start, out Token token)
    {
        token = default;
        var i = start;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            if (i >= text.Length || !char.IsAsciiDigit(text[i]))
            {
                return new ExpressionError(i, $"expected a digit after the decimal point at position {i}");
            }

            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        if (!decimal.TryParse(text.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return new ExpressionError(start, $"number {text[start..i]} at position {start} is too large");
        }

        if (i >= text.Length || !IsNameStart(text[i]))
        {
            token = new Token(TokenKind.Number, start, i - start, number);
            return null;
        }

        // A number directly followed by letters is a duration literal: 30d, 12w, 15min, 1.5h, 45s.
        var suffixStart = i;
        while (i < text.Length && IsNamePart(text[i]))
        {
            i++;
        }

        var suffix = text[suffixStart..i];
        long ticksPerUnit = suffix switch
        {
            "s" => TimeSpan.TicksPerSecond,
            "min" => TimeSpan.TicksPerMinute,
            "h" => TimeSpan.TicksPerHour,
            "d" => TimeSpan.TicksPerDay,
            "w" => TimeSpan.TicksPerDay * 7,
            _ => 0,
        };
        if (ticksPerUnit == 0)
        {
            var hint = suffix == "m" ? " ('m' is ambiguous: write 'min' for minutes)" : string.Empty;
            return new ExpressionError(
                suffixStart,
                $"unknown duration unit '{suffix}' at position {suffixStart}; durations end in s, min, h, d or w{hint}");
        }

        var ticks = decimal.Round(number * ticksPerUnit);
        if (ticks > TimeSpan.MaxValue.Ticks)
        {
            return new ExpressionError(start, $"duration {text[start..i]} at position {start} is too long");
        }

        token = new Token(TokenKind.Duration, start, i - start, number, new TimeSpan((long)ticks));
        return null;
    }

    private static ExpressionError? ReadString(string text, int start, out Token token)
    {
        token = default;
        StringBuilder? sb = null;
        var i = start + 1;
        var segmentStart = i;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"')
            {
                var value = sb is null ? text[segmentStart..i] : sb.Append(text, segmentStart, i - segmentStart).ToString();
                token = new Token(TokenKind.String, start, i + 1 - start, Text: value);
                return null;
            }

            if (c == '\\')
            {
                if (i + 1 >= text.Length || text[i + 1] is not ('"' or '\\'))
                {
                    return new ExpressionError(i, $"unknown escape at position {i}; inside a string only \\\" and \\\\ are escapes");
                }

                sb ??= new StringBuilder();
                sb.Append(text, segmentStart, i - segmentStart).Append(text[i + 1]);
                i += 2;
                segmentStart = i;
                continue;
            }

            i++;
        }

        return new ExpressionError(start, $"string starting at position {start} is not closed with \"");
    }

    private static ExpressionError? ReadName(string text, int start, out Token token)
    {
        token = default;
        var i = start;
        while (true)
        {
            while (i < text.Length && IsNamePart(text[i]))
            {
                i++;
            }

            if (i < text.Length && text[i] == '.')
            {
                if (i + 1 >= text.Length || !IsNameStart(text[i + 1]))
                {
                    return new ExpressionError(i + 1, $"expected a name after '.' at position {i + 1}");
                }

                i++;
                continue;
            }

            break;
        }

        var name = text[start..i];
        var kind = name switch
        {
            "and" => TokenKind.And,
            "or" => TokenKind.Or,
            "not" => TokenKind.Not,
            "true" => TokenKind.True,
            "false" => TokenKind.False,
            "null" => TokenKind.Null,
            _ => TokenKind.Identifier,
        };
        token = new Token(kind, start, i - start, Text: name);
        return null;
    }

    private static ExpressionError? ReadSymbol(string text, int start, out Token token)
    {
        var c = text[start];
        var next = start + 1 < text.Length ? text[start + 1] : '\0';
        (TokenKind Kind, int Length)? symbol = c switch
        {
            '+' => (TokenKind.Plus, 1),
            '-' => (TokenKind.Minus, 1),
            '*' => (TokenKind.Star, 1),
            '/' => (TokenKind.Slash, 1),
            '%' => (TokenKind.Percent, 1),
            '(' => (TokenKind.LeftParen, 1),
            ')' => (TokenKind.RightParen, 1),
            ',' => (TokenKind.Comma, 1),
            '<' => next == '=' ? (TokenKind.LessEqual, 2) : (TokenKind.Less, 1),
            '>' => next == '=' ? (TokenKind.GreaterEqual, 2) : (TokenKind.Greater, 1),
            '=' when next == '=' => (TokenKind.EqualEqual, 2),
            '!' when next == '=' => (TokenKind.NotEqual, 2),
            _ => null,
        };
        if (symbol is { } s)
        {
            token = new Token(s.Kind, start, s.Length);
            return null;
        }

        token = default;
        var hint = c switch
        {
            '=' => "; use '==' to compare",
            '!' => "; use 'not'",
            '&' => "; use 'and'",
            '|' => "; use 'or'",
            '\'' => "; strings use double quotes",
            _ => string.Empty,
        };
        return new ExpressionError(start, $"unexpected character '{c}' at position {start}{hint}");
    }
}
