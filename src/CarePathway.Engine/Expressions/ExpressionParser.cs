namespace CarePathway.Engine.Expressions;

/// <summary>
/// Parses expression text. Precedence, lowest first:
/// <c>or</c>, <c>and</c>, <c>not</c>, comparisons (not chainable), <c>+ -</c>, <c>* / %</c>, unary <c>-</c>,
/// then literals, names, calls and parentheses.
/// </summary>
public static class ExpressionParser
{
    public static ExpressionParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > ExpressionLimits.MaxLength)
        {
            return ExpressionParseResult.Failed(
            [
                new ExpressionError(
                    ExpressionLimits.MaxLength,
                    $"expression is {text.Length} characters long; the limit is {ExpressionLimits.MaxLength}"),
            ]);
        }

        var tokens = Lexer.Tokenize(text, out var lexError);
        if (lexError is not null)
        {
            return ExpressionParseResult.Failed([lexError]);
        }

        return new Parser(text, tokens).Run();
    }

    /// <summary>
    /// Recursive descent over the token list. On a structural error it records the error and jumps
    /// to the end token so every rule unwinds quickly; errors that do not break the structure
    /// (unknown function, wrong argument count) are recorded and parsing carries on, so an author
    /// sees several of them at once.
    /// </summary>
    private sealed class Parser(string text, List<Token> tokens)
    {
        private readonly List<ExpressionError> _errors = [];
        private readonly List<ExpressionReference> _references = [];
        private readonly HashSet<ExpressionReference> _seenReferences = [];
        private int _position;
        private int _depth;
        private int _nodes;
        private bool _halted;

        private Token Current => tokens[_position];

        public ExpressionParseResult Run()
        {
            if (Current.Kind == TokenKind.End)
            {
                return ExpressionParseResult.Failed([new ExpressionError(0, "expression is empty")]);
            }

            var root = ParseOr();
            if (!_halted && Current.Kind != TokenKind.End)
            {
                Unexpected(Current);
            }

            return _errors.Count > 0
                ? ExpressionParseResult.Failed(_errors)
                : ExpressionParseResult.Ok(new ParsedExpression(text, root, _references, _nodes));
        }

        private Node ParseOr()
        {
            var left = ParseAnd();
            while (Current.Kind == TokenKind.Or)
            {
                Advance();
                var right = ParseAnd();
                left = Count(new LogicalNode(NodeKind.Or, left, right, left.Start, right.Start + right.Length - left.Start));
            }

            return left;
        }

        private Node ParseAnd()
        {
            var left = ParseNot();
            while (Current.Kind == TokenKind.And)
            {
                Advance();
                var right = ParseNot();
                left = Count(new LogicalNode(NodeKind.And, left, right, left.Start, right.Start + right.Length - left.Start));
            }

            return left;
        }

        // 'not' binds looser than comparisons, so "not x > 5" means "not (x > 5)".
        private Node ParseNot()
        {
            if (Current.Kind != TokenKind.Not)
            {
                return ParseComparison();
            }

            var start = Advance().Start;
            if (!Enter(start))
            {
                return Placeholder();
            }

            var operand = ParseNot();
            _depth--;
            return Count(new UnaryNode(NodeKind.Not, operand, start, operand.Start + operand.Length - start));
        }

        private Node ParseComparison()
        {
            var left = ParseAdditive();
            if (!TryComparison(Current.Kind, out var op))
            {
                return left;
            }

            Advance();
            var right = ParseAdditive();
            if (!_halted && TryComparison(Current.Kind, out _))
            {
                return Fail(Current.Start, $"comparisons cannot be chained (at position {Current.Start}); combine them with 'and'");
            }

            return Count(new ComparisonNode(op, left, right, left.Start, right.Start + right.Length - left.Start));
        }

        private Node ParseAdditive()
        {
            var left = ParseMultiplicative();
            while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
            {
                var op = Advance().Kind == TokenKind.Plus ? BinaryOperator.Add : BinaryOperator.Subtract;
                var right = ParseMultiplicative();
                left = Count(new BinaryNode(op, left, right, left.Start, right.Start + right.Length - left.Start));
            }

            return left;
        }

        private Node ParseMultiplicative()
        {
            var left = ParseUnary();
            while (Current.Kind is TokenKind.Star or TokenKind.Slash or TokenKind.Percent)
            {
                var op = Advance().Kind switch
                {
                    TokenKind.Star => BinaryOperator.Multiply,
                    TokenKind.Slash => BinaryOperator.Divide,
                    _ => BinaryOperator.Remainder,
                };
                var right = ParseUnary();
                left = Count(new BinaryNode(op, left, right, left.Start, right.Start + right.Length - left.Start));
            }

            return left;
        }

        private Node ParseUnary()
        {
            if (Current.Kind != TokenKind.Minus)
            {
                return ParsePrimary();
            }

            var start = Advance().Start;
            if (!Enter(start))
            {
                return Placeholder();
            }

            var operand = ParseUnary();
            _depth--;
            var length = operand.Start + operand.Length - start;

            // "-0.5" and "-7d" become literals, so they read as plain values in explanations.
            if (operand is LiteralNode { Value.Kind: ValueKind.Number } number)
            {
                return new LiteralNode(Value.Number(-number.Value.RawNumber), start, length);
            }

            if (operand is LiteralNode { Value.Kind: ValueKind.Duration } duration)
            {
                return new LiteralNode(Value.Duration(-duration.Value.AsDuration()), start, length);
            }

            return Count(new UnaryNode(NodeKind.Negate, operand, start, length));
        }

        private Node ParsePrimary()
        {
            var token = Current;
            switch (token.Kind)
            {
                case TokenKind.Number:
                    Advance();
                    return Count(new LiteralNode(Value.Number(token.Number), token.Start, token.Length));
                case TokenKind.Duration:
                    Advance();
                    return Count(new LiteralNode(Value.Duration(token.Duration), token.Start, token.Length));
                case TokenKind.String:
                    Advance();
                    return Count(new LiteralNode(Value.String(token.Text!), token.Start, token.Length));
                case TokenKind.True:
                case TokenKind.False:
                    Advance();
                    return Count(new LiteralNode(Value.Boolean(token.Kind == TokenKind.True), token.Start, token.Length));
                case TokenKind.Null:
                    Advance();
                    return Count(new LiteralNode(Value.Null, token.Start, token.Length));
                case TokenKind.LeftParen:
                    return ParseParenthesised();
                case TokenKind.Identifier:
                    Advance();
                    return Current.Kind == TokenKind.LeftParen ? ParseCall(token) : ParseName(token);
                default:
                    return Unexpected(token);
            }
        }

        private Node ParseParenthesised()
        {
            var open = Advance();
            if (!Enter(open.Start))
            {
                return Placeholder();
            }

            var inner = ParseOr();
            _depth--;
            if (Current.Kind != TokenKind.RightParen)
            {
                return _halted ? inner : Fail(Current.Start, $"expected ')' to close the '(' at position {open.Start}, found {Current.Describe(text)} at position {Current.Start}");
            }

            Advance();
            return inner;
        }

        private Node ParseName(Token token)
        {
            var name = token.Text!;
            if (!name.Contains('.', StringComparison.Ordinal) && FunctionCatalog.TryGet(name, out var info))
            {
                AddError(token.Start, $"'{name}' is a function; call it as {info.Usage} (position {token.Start})");
            }

            AddReference(new ExpressionReference(ReferenceKind.Name, name));
            return Count(new NameNode(name, token.Start, token.Length));
        }

        private Node ParseCall(Token nameToken)
        {
            var name = nameToken.Text!;
            var open = Advance();
            if (!Enter(open.Start))
            {
                return Placeholder();
            }

            var arguments = new List<Node>();
            if (Current.Kind != TokenKind.RightParen)
            {
                while (true)
                {
                    arguments.Add(ParseOr());
                    if (Current.Kind != TokenKind.Comma)
                    {
                        break;
                    }

                    Advance();
                }
            }

            _depth--;
            if (Current.Kind != TokenKind.RightParen)
            {
                return _halted ? Placeholder() : Fail(Current.Start, $"expected ',' or ')' in the call to '{name}', found {Current.Describe(text)} at position {Current.Start}");
            }

            var close = Advance();
            var start = nameToken.Start;
            var length = close.End - start;

            if (!FunctionCatalog.TryGet(name, out var info))
            {
                var message = name.Contains('.', StringComparison.Ordinal)
                    ? $"'{name}' at position {start} is a name, not a function"
                    : $"unknown function '{name}' at position {start}; known functions are {FunctionCatalog.KnownNames}";
                AddError(start, message);
                return Placeholder();
            }

            if (arguments.Count < info.MinArgs || arguments.Count > info.MaxArgs)
            {
                AddError(start, $"'{name}' at position {start} takes {DescribeArity(info)}, not {arguments.Count}; use {info.Usage}");
                return Placeholder();
            }

            return info.Id switch
            {
                FunctionId.Lab or FunctionId.Baseline => MakeLab(info, arguments[0], start, length),
                FunctionId.Date => MakeDate(arguments[0], start, length),
                FunctionId.LastDose => MakeLastDose(info, arguments[0], start, length),
                _ => Count(new CallNode(info.Id, name, [.. arguments], start, length)),
            };
        }

        private Node MakeLab(FunctionCatalog.FunctionInfo info, Node argument, int start, int length)
        {
            if (argument is not LiteralNode { Value.Kind: ValueKind.String } literal || literal.Value.AsString().Length == 0)
            {
                AddError(argument.Start, $"{info.Name}() takes a quoted lab code, as in {info.Usage} (position {argument.Start})");
                return Placeholder();
            }

            var code = literal.Value.AsString();
            AddReference(new ExpressionReference(ReferenceKind.LabCode, code));
            return Count(new LabNode(code, info.Id == FunctionId.Baseline, start, length));
        }

        private Node MakeLastDose(FunctionCatalog.FunctionInfo info, Node argument, int start, int length)
        {
            if (argument is not LiteralNode { Value.Kind: ValueKind.String } literal || literal.Value.AsString().Length == 0)
            {
                AddError(argument.Start, $"{info.Name}() takes a quoted drug name, as in {info.Usage} (position {argument.Start})");
                return Placeholder();
            }

            return Count(new CallNode(info.Id, info.Name, [literal], start, length));
        }

        // A literal date is checked and converted once, here, rather than on every evaluation.
        private Node MakeDate(Node argument, int start, int length)
        {
            if (argument is not LiteralNode { Value.Kind: ValueKind.String } literal)
            {
                return Count(new CallNode(FunctionId.Date, "date", [argument], start, length));
            }

            if (!Value.TryParseDateTime(literal.Value.AsString(), out var date))
            {
                AddError(argument.Start, $"'{literal.Value.AsString()}' at position {argument.Start} is not a date like \"2026-01-05\"");
                return Placeholder();
            }

            return Count(new LiteralNode(Value.DateTime(date), start, length));
        }

        private static string DescribeArity(FunctionCatalog.FunctionInfo info) =>
            info.MaxArgs == int.MaxValue ? $"at least {info.MinArgs} arguments"
            : info.MinArgs == info.MaxArgs ? (info.MinArgs == 1 ? "1 argument" : $"{info.MinArgs} arguments")
            : $"{info.MinArgs} to {info.MaxArgs} arguments";

        private static bool TryComparison(TokenKind kind, out ComparisonOperator op)
        {
            (var ok, op) = kind switch
            {
                TokenKind.Less => (true, ComparisonOperator.Less),
                TokenKind.LessEqual => (true, ComparisonOperator.LessOrEqual),
                TokenKind.Greater => (true, ComparisonOperator.Greater),
                TokenKind.GreaterEqual => (true, ComparisonOperator.GreaterOrEqual),
                TokenKind.EqualEqual => (true, ComparisonOperator.Equal),
                TokenKind.NotEqual => (true, ComparisonOperator.NotEqual),
                _ => (false, default),
            };
            return ok;
        }

        private Token Advance()
        {
            var token = Current;
            if (token.Kind != TokenKind.End)
            {
                _position++;
            }

            return token;
        }

        private bool Enter(int position)
        {
            if (_depth >= ExpressionLimits.MaxDepth)
            {
                Fail(position, $"expression nests more than {ExpressionLimits.MaxDepth} levels deep at position {position}");
                return false;
            }

            _depth++;
            return true;
        }

        private Node Count(Node node)
        {
            if (++_nodes > ExpressionLimits.MaxNodes && !_halted)
            {
                return Fail(node.Start, $"expression has more than {ExpressionLimits.MaxNodes} parts (limit reached at position {node.Start}); split it up");
            }

            return node;
        }

        private LiteralNode Unexpected(Token token) =>
            Fail(token.Start, token.Kind == TokenKind.End
                ? $"unexpected end of expression at position {token.Start}; a value is missing"
                : $"unexpected {token.Describe(text)} at position {token.Start}");

        private void AddError(int position, string message)
        {
            if (!_halted)
            {
                _errors.Add(new ExpressionError(position, message));
            }
        }

        private void AddReference(ExpressionReference reference)
        {
            if (_seenReferences.Add(reference))
            {
                _references.Add(reference);
            }
        }

        private LiteralNode Fail(int position, string message)
        {
            AddError(position, message);
            _halted = true;
            _position = tokens.Count - 1;
            return Placeholder();
        }

        // Stands in for a part that could not be parsed; never evaluated because errors were recorded.
        private LiteralNode Placeholder() => new LiteralNode(Value.Null, Current.Start, 0);
    }
}
