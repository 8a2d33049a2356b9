using CarePathway.Engine.Expressions;
using static CarePathway.Engine.Tests.Expressions.ExpressionTesting;

namespace CarePathway.Engine.Tests.Expressions;

public class EvaluationBoundsTests
{
    [Fact]
    public void Evaluation_stops_with_a_clear_error_when_the_step_budget_runs_out()
    {
        var expression = Parse("1 + 2 + 3");
        Assert.Equal(Value.Number(6m), expression.Evaluate(Scope(), 5).Result);

        var error = Assert.Throws<ExpressionEvaluationException>(() => expression.Evaluate(Scope(), 4));
        Assert.Equal("evaluation needed more than 4 steps and was stopped", error.Message);
        Assert.Throws<ExpressionEvaluationException>(() => expression.EvaluateValue(Scope(), 4));
    }

    [Fact]
    public void The_largest_allowed_expression_fits_the_default_step_budget()
    {
        var expression = Parse(string.Join("+", Enumerable.Repeat("1", 1000)));
        Assert.True(expression.NodeCount <= ExpressionLimits.MaxNodes);
        Assert.Equal(Value.Number(1000m), expression.Evaluate(Scope()).Result);
    }

    [Fact]
    public void A_cached_expression_can_be_evaluated_from_many_threads_at_once()
    {
        var expression = Parse("lab(\"2160-0\") > baseline(\"2160-0\") * param.renalRiseFactor");
        var failures = 0;

        Parallel.For(0, 2_000, i =>
        {
            var creatinine = 0.50m + (i % 40) * 0.01m;
            var scope = Scope().SetLab("2160-0", Value.Quantity(creatinine, "mg/dL").WithLabel("creatinine"));
            var evaluation = expression.Evaluate(scope);
            var expectedWords = creatinine > 0.66m ? "above" : "within";
            var expected = $"creatinine {creatinine} mg/dL is {expectedWords} the 0.66 mg/dL limit (working: baseline 0.60 mg/dL x 1.10 = 0.66 mg/dL)";
            if (evaluation.Result.AsBoolean() != creatinine > 0.66m || evaluation.Explanation != expected)
            {
                Interlocked.Increment(ref failures);
            }
        });

        Assert.Equal(0, failures);
    }

    [Fact]
    public void Evaluating_a_small_expression_for_its_value_does_not_allocate()
    {
        var expression = Parse("lab(\"2160-0\") > baseline(\"2160-0\") * param.renalRiseFactor and patient.ageYears >= 18");
        var scope = Scope();
        for (var i = 0; i < 100; i++)
        {
            expression.EvaluateValue(scope);
        }

        const int runs = 10_000;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < runs; i++)
        {
            expression.EvaluateValue(scope);
        }

        var perRun = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)runs;
        Assert.True(perRun < 8, $"allocated {perRun} bytes per evaluation");
    }

    [Fact]
    public void Evaluating_with_an_explanation_allocates_little_and_runs_in_microseconds()
    {
        var expression = Parse("lab(\"2160-0\") > baseline(\"2160-0\") * param.renalRiseFactor");
        var scope = Scope();
        for (var i = 0; i < 1_000; i++)
        {
            expression.Evaluate(scope);
        }

        const int runs = 10_000;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < runs; i++)
        {
            expression.Evaluate(scope);
        }

        watch.Stop();
        var bytesPerRun = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)runs;
        var microsecondsPerRun = watch.Elapsed.TotalMicroseconds / runs;

        // Generous bounds (shared CI machines); typical figures are far lower. The finding in words before the working
        // makes the explanation itself about twice as long as the bare trace was.
        Assert.True(bytesPerRun < 3_072, $"allocated {bytesPerRun} bytes per evaluation");
        Assert.True(microsecondsPerRun < 100, $"took {microsecondsPerRun} µs per evaluation");
    }
}
