using CarePathway.Engine.Expressions;

namespace CarePathway.Engine.Tests.Expressions;

/// <summary>Shared helpers: parse-or-fail, a standard scope and one-line evaluation.</summary>
internal static class ExpressionTesting
{
    public static readonly DateTimeOffset Now = new(2026, 1, 5, 10, 30, 0, TimeSpan.Zero);

    public static ParsedExpression Parse(string text)
    {
        var result = ExpressionParser.Parse(text);
        Assert.True(result.Success, $"'{text}' did not parse: {string.Join("; ", result.Errors)}");
        return result.Expression;
    }

    public static ExpressionError SingleError(string text)
    {
        var result = ExpressionParser.Parse(text);
        Assert.False(result.Success);
        Assert.Null(result.Expression);
        return Assert.Single(result.Errors);
    }

    public static DictionaryExpressionScope Scope() => new DictionaryExpressionScope(Now)
        .SetLab("2160-0", Value.Quantity(0.78m, "mg/dL").WithLabel("creatinine"))
        .SetBaseline("2160-0", Value.Quantity(0.60m, "mg/dL").WithLabel("baseline"))
        .Set("param.renalRiseFactor", Value.Number(1.10m))
        .Set("param.mgPerKg", Value.Quantity(1.5m, "mg/kg"))
        .Set("param.maxDoseMg", Value.Quantity(100m, "mg"))
        .Set("param.nsaidTrialLength", Value.Duration(TimeSpan.FromDays(84)))
        .Set("patient.weightKg", Value.Quantity(70m, "kg"))
        .Set("patient.ageYears", Value.Number(45m))
        .Set("patient.facts.vertebralLesion", Value.False)
        .Set("var.cycle", Value.Number(3m))
        .Set("var.status", Value.String("done"))
        .Set("var.lastDoseAt", Value.DateTime(new DateTimeOffset(2025, 9, 1, 0, 0, 0, TimeSpan.Zero)))
        .Set("var.missing", Value.Null);

    public static Value Eval(string text) => Parse(text).Evaluate(Scope()).Result;

    public static string Explain(string text) => Parse(text).Evaluate(Scope()).Explanation;

    public static ExpressionEvaluationException EvalError(string text) =>
        Assert.Throws<ExpressionEvaluationException>(() => Parse(text).Evaluate(Scope()));
}
