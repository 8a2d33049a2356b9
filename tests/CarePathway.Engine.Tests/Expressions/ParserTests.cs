using CarePathway.Engine.Expressions;
using static CarePathway.Engine.Tests.Expressions.ExpressionTesting;

namespace CarePathway.Engine.Tests.Expressions;

public class ParserTests
{
    [Theory]
    [InlineData("1 + 2 * 3", "7")]
    [InlineData("(1 + 2) * 3", "9")]
    [InlineData("10 - 4 - 3", "3")]
    [InlineData("24 / 4 / 2", "3")]
    [InlineData("7 % 4 * 2", "6")]
    [InlineData("-2 * 3", "-6")]
    [InlineData("- (2 + 3) * 2", "-10")]
    [InlineData("2 * -3", "-6")]
    public void Arithmetic_follows_conventional_precedence_and_left_associativity(string text, string expected)
    {
        Assert.Equal(expected, Eval(text).ToDisplayString());
    }

    [Theory]
    [InlineData("true or false and false", true)]
    [InlineData("(true or false) and false", false)]
    [InlineData("not false and false", false)]
    [InlineData("not 1 > 2", true)]
    [InlineData("1 + 1 == 2 and 2 * 2 == 4", true)]
    [InlineData("not not true", true)]
    [InlineData("(1 < 2) == true", true)]
    public void Logic_binds_looser_than_comparison_which_binds_looser_than_arithmetic(string text, bool expected)
    {
        Assert.Equal(expected, Eval(text).AsBoolean());
    }

    [Fact]
    public void Literals_of_every_kind_parse()
    {
        Assert.Equal(Value.Number(0.5m), Eval("0.5"));
        Assert.Equal("0.50", Eval("0.50").ToDisplayString());
        Assert.Equal(Value.String("say \"hi\" \\ bye"), Eval("\"say \\\"hi\\\" \\\\ bye\""));
        Assert.Equal(Value.True, Eval("true"));
        Assert.Equal(Value.False, Eval("false"));
        Assert.True(Eval("null").IsNull);
    }

    [Theory]
    [InlineData("30d", 30 * 24 * 60)]
    [InlineData("12w", 84 * 24 * 60)]
    [InlineData("15min", 15)]
    [InlineData("1.5h", 90)]
    [InlineData("120s", 2)]
    [InlineData("-7d", -7 * 24 * 60)]
    public void Duration_literals_are_a_number_followed_by_a_unit(string text, int minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), Eval(text).AsDuration());
    }

    [Fact]
    public void Dotted_names_are_resolved_through_the_scope()
    {
        Assert.Equal(Value.False, Eval("patient.facts.vertebralLesion"));
        Assert.Equal(Value.Number(3m), Eval("var.cycle"));
    }

    [Fact]
    public void Whitespace_and_newlines_are_ignored()
    {
        Assert.Equal(Value.Number(3m), Eval("  1\n+\t2\r\n"));
    }

    [Theory]
    [InlineData("(1 + 2))", 7, "unexpected ')' at position 7")]
    [InlineData("1 +", 3, "unexpected end of expression at position 3; a value is missing")]
    [InlineData("", 0, "expression is empty")]
    [InlineData("   ", 0, "expression is empty")]
    [InlineData("(1 + 2", 6, "expected ')' to close the '(' at position 0, found end of expression at position 6")]
    [InlineData("1 2", 2, "unexpected number 2 at position 2")]
    [InlineData("min(1 2)", 6, "expected ',' or ')' in the call to 'min', found number 2 at position 6")]
    [InlineData("a = 1", 2, "unexpected character '=' at position 2; use '==' to compare")]
    [InlineData("a && b", 2, "unexpected character '&' at position 2; use 'and'")]
    [InlineData("!a", 0, "unexpected character '!' at position 0; use 'not'")]
    [InlineData("'x'", 0, "unexpected character ''' at position 0; strings use double quotes")]
    [InlineData("\"abc", 0, "string starting at position 0 is not closed with \"")]
    [InlineData("\"a\\nb\"", 2, "unknown escape at position 2; inside a string only \\\" and \\\\ are escapes")]
    [InlineData("5.", 2, "expected a digit after the decimal point at position 2")]
    [InlineData("param.", 6, "expected a name after '.' at position 6")]
    [InlineData("5mg", 1, "unknown duration unit 'mg' at position 1; durations end in s, min, h, d or w")]
    [InlineData("5m", 1, "unknown duration unit 'm' at position 1; durations end in s, min, h, d or w ('m' is ambiguous: write 'min' for minutes)")]
    [InlineData("1 < 2 < 3", 6, "comparisons cannot be chained (at position 6); combine them with 'and'")]
    [InlineData("99999999999999999999999999999999", 0, "number 99999999999999999999999999999999 at position 0 is too large")]
    public void Syntax_errors_report_the_position_and_a_clear_message(string text, int position, string message)
    {
        var error = SingleError(text);
        Assert.Equal(position, error.Position);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Unknown_function_names_are_a_parse_error()
    {
        var error = SingleError("1 + sqrt(4)");
        Assert.Equal(4, error.Position);
        Assert.StartsWith("unknown function 'sqrt' at position 4; known functions are min, max,", error.Message);
    }

    [Fact]
    public void Calling_a_dotted_name_is_a_parse_error()
    {
        var error = SingleError("param.x(1)");
        Assert.Equal("'param.x' at position 0 is a name, not a function", error.Message);
    }

    [Fact]
    public void A_function_name_used_without_parentheses_is_a_parse_error()
    {
        var error = SingleError("now > var.lastDoseAt");
        Assert.Equal("'now' is a function; call it as now() (position 0)", error.Message);
    }

    [Theory]
    [InlineData("min(1)", "'min' at position 0 takes at least 2 arguments, not 1; use min(a, b, ...)")]
    [InlineData("round(1, 2, 3)", "'round' at position 0 takes 1 to 2 arguments, not 3; use round(x) or round(x, digits)")]
    [InlineData("now(1)", "'now' at position 0 takes 0 arguments, not 1; use now()")]
    [InlineData("abs()", "'abs' at position 0 takes 1 argument, not 0; use abs(x)")]
    [InlineData("if(true, 1)", "'if' at position 0 takes 3 arguments, not 2; use if(condition, then, else)")]
    public void Wrong_argument_counts_are_parse_errors(string text, string message)
    {
        Assert.Equal(message, SingleError(text).Message);
    }

    [Fact]
    public void Lab_codes_must_be_quoted_literals()
    {
        var error = SingleError("lab(var.code) > 1");
        Assert.Equal(4, error.Position);
        Assert.Equal("lab() takes a quoted lab code, as in lab(\"2160-0\") (position 4)", error.Message);
    }

    [Fact]
    public void Invalid_literal_dates_are_parse_errors()
    {
        var error = SingleError("date(\"2026-13-40\")");
        Assert.Equal(5, error.Position);
        Assert.Equal("'2026-13-40' at position 5 is not a date like \"2026-01-05\"", error.Message);
    }

    [Fact]
    public void Several_independent_errors_are_reported_together()
    {
        var result = ExpressionParser.Parse("foo(1) + bar(2) + min(3)");
        Assert.False(result.Success);
        Assert.Equal([0, 9, 18], result.Errors.Select(e => e.Position));
    }

    [Fact]
    public void Expressions_longer_than_the_limit_are_refused()
    {
        var text = string.Join(" + ", Enumerable.Repeat("1", 1400));
        Assert.True(text.Length > ExpressionLimits.MaxLength);
        var error = SingleError(text);
        Assert.Equal($"expression is {text.Length} characters long; the limit is 4000", error.Message);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused()
    {
        var ok = new string('(', 64) + "1" + new string(')', 64);
        Assert.Equal(Value.Number(1m), Parse(ok).EvaluateValue(Scope()));

        var tooDeep = new string('(', 65) + "1" + new string(')', 65);
        var error = SingleError(tooDeep);
        Assert.Equal(64, error.Position);
        Assert.Equal("expression nests more than 64 levels deep at position 64", error.Message);
    }

    [Fact]
    public void Nested_calls_and_unary_operators_count_towards_the_depth_limit()
    {
        Assert.Contains("nests more than 64 levels", SingleError(string.Concat(Enumerable.Repeat("abs(", 65)) + "1" + new string(')', 65)).Message);
        Assert.Contains("nests more than 64 levels", SingleError(string.Concat(Enumerable.Repeat("not ", 65)) + "true").Message);
        Assert.Contains("nests more than 64 levels", SingleError(string.Concat(Enumerable.Repeat("- ", 65)) + "1").Message);
    }

    [Fact]
    public void Expressions_with_more_than_the_node_limit_are_refused()
    {
        // 1,001 terms joined by 1,000 additions = 2,001 nodes, in under 4,000 characters.
        var text = string.Join("+", Enumerable.Repeat("1", 1001));
        Assert.True(text.Length <= ExpressionLimits.MaxLength);
        var error = SingleError(text);
        Assert.StartsWith("expression has more than 2000 parts", error.Message);

        var atLimit = Parse(string.Join("+", Enumerable.Repeat("1", 1000)));
        Assert.Equal(1999, atLimit.NodeCount);
        Assert.Equal(Value.Number(1000m), atLimit.EvaluateValue(Scope()));
    }

    [Fact]
    public void References_list_distinct_names_and_lab_codes_in_order_of_use()
    {
        var expression = Parse(
            "lab(\"2160-0\") > baseline(\"2160-0\") * param.renalRiseFactor and patient.weightKg > param.renalRiseFactor or has(lab(\"718-7\"))");

        Assert.Equal(["param.renalRiseFactor", "patient.weightKg"], expression.Names);
        Assert.Equal(["2160-0", "718-7"], expression.LabCodes);
        Assert.Equal(
            [
                new ExpressionReference(ReferenceKind.LabCode, "2160-0"),
                new ExpressionReference(ReferenceKind.Name, "param.renalRiseFactor"),
                new ExpressionReference(ReferenceKind.Name, "patient.weightKg"),
                new ExpressionReference(ReferenceKind.LabCode, "718-7"),
            ],
            expression.References);
    }

    [Fact]
    public void Parsed_expressions_keep_their_text()
    {
        const string text = "daysBetween(var.lastDoseAt, now()) >= 90";
        var expression = Parse(text);
        Assert.Equal(text, expression.Text);
        Assert.Equal(text, expression.ToString());
        Assert.Empty(Parse("1 + 2").References);
    }

    [Fact]
    public void Keywords_after_a_dot_are_ordinary_name_parts()
    {
        var scope = new DictionaryExpressionScope(Now).Set("var.not", Value.True);
        Assert.Equal(Value.True, Parse("var.not").Evaluate(scope).Result);
    }
}
