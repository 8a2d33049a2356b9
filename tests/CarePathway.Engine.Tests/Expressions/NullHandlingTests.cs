using CarePathway.Engine.Expressions;
using static CarePathway.Engine.Tests.Expressions.ExpressionTesting;

namespace CarePathway.Engine.Tests.Expressions;

public class NullHandlingTests
{
    [Fact]
    public void Comparing_a_missing_lab_names_the_lab()
    {
        var error = EvalError("lab(\"718-7\") > 12");
        Assert.Equal("lab 718-7 has no value in 'lab(\"718-7\") > 12'", error.Message);
        Assert.Equal("lab(\"718-7\") > 12", error.SubExpression);
        Assert.Equal(0, error.Position);
    }

    [Fact]
    public void Arithmetic_with_a_missing_value_names_the_operand_and_the_sub_expression()
    {
        var error = EvalError("var.cycle > 1 and baseline(\"718-7\") * 2 > 1");
        Assert.Equal("baseline 718-7 has no value in 'baseline(\"718-7\") * 2'", error.Message);
        Assert.Equal(18, error.Position);

        Assert.Equal("var.missing has no value in '1 + var.missing'", EvalError("1 + var.missing").Message);
        Assert.Equal("'null' has no value in 'null * 2'", EvalError("null * 2").Message);
    }

    [Fact]
    public void Logic_and_functions_with_a_missing_value_are_errors()
    {
        Assert.Equal("var.missing has no value in 'not var.missing'", EvalError("not var.missing").Message);
        Assert.Equal("var.missing has no value in 'true and var.missing'", EvalError("true and var.missing").Message);
        Assert.Equal("var.missing has no value in 'if(var.missing, 1, 2)'", EvalError("if(var.missing, 1, 2)").Message);
        Assert.Equal("lab 718-7 has no value in 'min(lab(\"718-7\"), 5)'", EvalError("min(lab(\"718-7\"), 5)").Message);
        Assert.Equal("var.missing has no value in '-var.missing'", EvalError("-var.missing").Message);
    }

    [Fact]
    public void Equality_with_the_null_literal_tests_for_a_missing_value()
    {
        Assert.Equal(Value.True, Eval("var.missing == null"));
        Assert.Equal(Value.False, Eval("var.missing != null"));
        Assert.Equal(Value.False, Eval("var.cycle == null"));
        Assert.Equal(Value.True, Eval("null != lab(\"2160-0\")"));
        Assert.Equal(Value.True, Eval("null == null"));
    }

    [Fact]
    public void Ordering_against_the_null_literal_is_still_an_error()
    {
        Assert.Equal("'null' has no value in 'var.cycle > null'", EvalError("var.cycle > null").Message);
    }

    [Fact]
    public void Has_guards_a_comparison_with_a_missing_lab()
    {
        Assert.Equal(Value.False, Eval("has(lab(\"718-7\")) and lab(\"718-7\") > 12"));
    }
}
