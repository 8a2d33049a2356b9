using CarePathway.Engine.Expressions;
using static CarePathway.Engine.Tests.Expressions.ExpressionTesting;

namespace CarePathway.Engine.Tests.Expressions;

public class ExplanationTests
{
    [Fact]
    public void Renal_rise_rule_is_explained_with_labels_units_and_a_rounded_product()
    {
        var scope = new DictionaryExpressionScope(Now)
            .SetLab("2160-0", Value.Quantity(0.78m, "mg/dL").WithLabel("creatinine"))
            .SetBaseline("2160-0", Value.Quantity(0.60m, "mg/dL").WithLabel("baseline"))
            .Set("param.renalRiseFactor", Value.Number(1.10m));

        var evaluation = Parse("lab(\"2160-0\") > baseline(\"2160-0\") * param.renalRiseFactor").Evaluate(scope);

        Assert.Equal(Value.True, evaluation.Result);
        Assert.Equal("creatinine 0.78 mg/dL is above the 0.66 mg/dL limit (working: baseline 0.60 mg/dL x 1.10 = 0.66 mg/dL)", evaluation.Explanation);
    }

    [Fact]
    public void A_false_comparison_is_explained_with_the_relation_that_actually_holds()
    {
        var scope = Scope().SetLab("2160-0", Value.Quantity(0.50m, "mg/dL").WithLabel("creatinine"));
        var evaluation = Parse("lab(\"2160-0\") > baseline(\"2160-0\") * param.renalRiseFactor").Evaluate(scope);

        Assert.Equal(Value.False, evaluation.Result);
        Assert.Equal("creatinine 0.50 mg/dL is within the 0.66 mg/dL limit (working: baseline 0.60 mg/dL x 1.10 = 0.66 mg/dL)", evaluation.Explanation);
    }

    [Theory]
    [InlineData("var.cycle < 5", "3 < 5")]
    [InlineData("var.cycle < 2", "3 >= 2")]
    [InlineData("var.cycle <= 3", "3 <= 3")]
    [InlineData("var.cycle <= 2", "3 > 2")]
    [InlineData("var.cycle == 3", "3 = 3")]
    [InlineData("var.cycle == 4", "3 != 4")]
    [InlineData("var.cycle != 4", "3 != 4")]
    [InlineData("var.cycle != 3", "3 = 3")]
    public void Comparison_operators_render_as_documented(string text, string expected)
    {
        Assert.Equal(expected, Explain(text));
    }

    [Fact]
    public void And_joins_the_evaluated_parts_with_semicolons()
    {
        Assert.Equal("45 >= 18; vertebral lesion: no", Explain("patient.ageYears >= 18 and not patient.facts.vertebralLesion"));
    }

    [Fact]
    public void A_yes_or_no_finding_reads_in_words_and_once_when_its_guard_finds_it_too()
    {
        Assert.Equal("vertebral lesion: no", Explain("has(patient.facts.vertebralLesion) and patient.facts.vertebralLesion"));
        Assert.Equal("vertebral lesion: no; 45 >= 18", Explain("has(patient.facts.vertebralLesion) and patient.ageYears >= 18"));
    }

    [Fact]
    public void Short_circuited_parts_are_left_out_of_the_explanation()
    {
        Assert.Equal("45 >= 18", Explain("patient.ageYears < 18 and patient.facts.vertebralLesion"));
        Assert.Equal("45 >= 18", Explain("patient.ageYears >= 18 or patient.facts.vertebralLesion"));
        Assert.Equal("3 <= 5; \"done\" = \"done\"", Explain("var.cycle > 5 or var.status == \"done\""));
    }

    [Theory]
    [InlineData(0.54, "<=", true, "creatinine 0.54 mg/dL is 8 % above its baseline 0.5 mg/dL, a rise within the 10 % limit (working: ((creatinine 0.54 mg/dL - baseline 0.5 mg/dL = 0.04 mg/dL) / baseline 0.5 mg/dL = 0.08) x 100 = 8.00 <= 10 %)")]
    [InlineData(0.56, "<=", false, "creatinine 0.56 mg/dL is 12 % above its baseline 0.5 mg/dL, a rise above the 10 % limit (working: ((creatinine 0.56 mg/dL - baseline 0.5 mg/dL = 0.06 mg/dL) / baseline 0.5 mg/dL = 0.12) x 100 = 12.00 > 10 %)")]
    [InlineData(0.45, "<=", true, "creatinine 0.45 mg/dL is 10 % below its baseline 0.5 mg/dL, a fall within the 10 % limit (working: ((creatinine 0.45 mg/dL - baseline 0.5 mg/dL = -0.05 mg/dL) / baseline 0.5 mg/dL = -0.10) x 100 = -10.00 <= 10 %)")]
    [InlineData(0.5, "<=", true, "creatinine 0.5 mg/dL is unchanged from its baseline 0.5 mg/dL, a change of 0 % within the 10 % limit (working: ((creatinine 0.5 mg/dL - baseline 0.5 mg/dL = 0.0 mg/dL) / baseline 0.5 mg/dL = 0.0) x 100 = 0.0 <= 10 %)")]
    // Rounded to 10 % the rise would read as within the limit it broke: every decimal shows.
    [InlineData(0.5502, "<=", false, "creatinine 0.55 mg/dL is 10.04 % above its baseline 0.5 mg/dL, a rise above the 10 % limit (working: ((creatinine 0.55 mg/dL - baseline 0.5 mg/dL = 0.0502 mg/dL) / baseline 0.5 mg/dL = 0.1004) x 100 = 10.0400 > 10 %)")]
    public void A_percentage_change_from_a_baseline_reads_as_the_finding_first_then_its_working(decimal creatinine, string op, bool holds, string expected)
    {
        var scope = CreatinineOverBaseline(creatinine).Set("param.limit", Value.Quantity(10m, "%"));

        var evaluation = Parse($"(lab(\"2160-0\") - baseline(\"2160-0\")) / baseline(\"2160-0\") * 100 {op} param.limit").Evaluate(scope);

        Assert.Equal((holds ? Value.True : Value.False, expected), (evaluation.Result, evaluation.Explanation));
    }

    [Fact]
    public void A_rise_over_a_baseline_names_the_rise_and_the_limit_it_was_held_to()
    {
        var scope = CreatinineOverBaseline(0.56m).Set("param.rise", Value.Quantity(0.5m, "mg/dL"));

        Assert.Equal(
            "creatinine 0.56 mg/dL is 0.06 mg/dL above its baseline 0.5 mg/dL, a rise below the 0.5 mg/dL limit (working: creatinine 0.56 mg/dL - baseline 0.5 mg/dL = 0.06 mg/dL < 0.5 mg/dL)",
            Parse("lab(\"2160-0\") - baseline(\"2160-0\") < param.rise").Evaluate(scope).Explanation);
    }

    [Fact]
    public void A_limit_worked_out_in_a_clinical_unit_reads_at_its_precision_so_the_comparison_never_reads_false()
    {
        // 0.5 x 1.1 = 0.55 mg/dL: at the operands' one decimal it would read "0.56 mg/dL > 0.6 mg/dL".
        var scope = CreatinineOverBaseline(0.56m).Set("param.factor", Value.Number(1.1m));

        Assert.Equal("creatinine 0.56 mg/dL is above the 0.55 mg/dL limit (working: baseline 0.5 mg/dL x 1.1 = 0.55 mg/dL)",
            Parse("lab(\"2160-0\") <= baseline(\"2160-0\") * param.factor").Evaluate(scope).Explanation);
    }

    [Theory]
    [InlineData("course.dosesGiven == 0", 0, "doses given: 0")]
    [InlineData("course.dosesGiven == 0", 2, "doses given: 2, not 0")]
    [InlineData("course.dosesGiven > 0", 0, "doses given: 0")]
    [InlineData("course.dosesGiven > 0", 3, "doses given: 3, more than 0")]
    [InlineData("course.dosesGiven < 2", 1, "doses given: 1, less than 2")]
    [InlineData("course.dosesGiven != 1", 1, "doses given: 1")]
    public void A_count_reads_as_how_many_not_as_an_equation(string text, int given, string expected)
    {
        var scope = new DictionaryExpressionScope(Now).Set("course.dosesGiven", Value.Number(given).WithLabel("doses given"));
        Assert.Equal(expected, Parse(text).Evaluate(scope).Explanation);
    }

    [Theory]
    [InlineData(3, "== 1", "next cycle 3 is odd")]
    [InlineData(4, "== 1", "next cycle 4 is even")]
    [InlineData(4, "== 0", "next cycle 4 is even")]
    public void A_parity_test_says_whether_the_number_is_odd_or_even(int next, string test, string expected)
    {
        var scope = new DictionaryExpressionScope(Now).Set("course.nextCycle", Value.Number(next).WithLabel("next cycle"));
        Assert.Equal(expected, Parse("course.nextCycle % 2 " + test).Evaluate(scope).Explanation);
    }

    [Fact]
    public void Labels_given_by_the_scope_are_shown_for_parameters()
    {
        var scope = Scope().Set("patient.ageYears", Value.Number(45m).WithLabel("age"));
        Assert.Equal("age: 45, at least 18", Parse("patient.ageYears >= 18").Evaluate(scope).Explanation);
    }

    [Fact]
    public void Function_calls_show_their_arguments_and_result()
    {
        var scope = new DictionaryExpressionScope(Now)
            .Set("param.a", Value.Quantity(70m, "mg"))
            .Set("param.b", Value.Quantity(60m, "mg"));
        Assert.Equal("min(70 mg, 60 mg) = 60 mg", Parse("min(param.a, param.b)").Evaluate(scope).Explanation);

        Assert.Equal(
            "min(70 kg x 1.5 mg/kg = 105.0 mg, 100 mg) = 100 mg",
            Explain("min(patient.weightKg * param.mgPerKg, param.maxDoseMg)"));
    }

    [Fact]
    public void Date_arithmetic_is_explained_with_dates_and_durations()
    {
        Assert.Equal(
            "daysBetween(2025-09-01, now 2026-01-05 10:30 UTC) = 126 >= 90",
            Explain("daysBetween(var.lastDoseAt, now()) >= 90"));
        Assert.Equal("now 2026-01-05 10:30 UTC + 30 days = 2026-02-04 10:30 UTC", Explain("now() + 30d"));
        Assert.Equal("12 weeks", Explain("param.nsaidTrialLength"));
        Assert.Equal("2 x 1 week = 2 weeks", Explain("2 * 7d"));
    }

    [Fact]
    public void Nested_arithmetic_is_parenthesised()
    {
        Assert.Equal("(1 + 2 = 3) x 3 = 9", Explain("(1 + 2) * 3"));
        Assert.Equal("(1 + 2 = 3) x (4 - 1 = 3) = 9", Explain("(1 + 2) * (4 - 1)"));
    }

    [Fact]
    public void Right_hand_compound_operands_of_arithmetic_are_parenthesised_too()
    {
        Assert.Equal("1 + (2 x 3 = 6) = 7", Explain("1 + 2 * 3"));
        Assert.Equal("-(1 + 2 = 3) = -3", Explain("-(1 + 2)"));
    }

    [Fact]
    public void Results_are_rounded_for_display_to_the_largest_operand_scale()
    {
        Assert.Equal("0.5 x 1.20 = 0.60", Explain("0.5 * 1.20"));
        Assert.Equal("1 + 0.50 = 1.50", Explain("1 + 0.50"));
        Assert.Equal("0.333 x 3 = 0.999", Explain("0.333 * 3"));
    }

    [Fact]
    public void Division_that_would_lose_digits_shows_at_least_two_decimals()
    {
        Assert.Equal("100 / 3 = 33.33", Explain("100 / 3"));
        Assert.Equal("84 / 7 = 12", Explain("84 / 7"));
    }

    [Fact]
    public void If_shows_the_condition_and_the_chosen_branch()
    {
        Assert.Equal("45 < 65, so 10", Explain("if(patient.ageYears >= 65, 5, 10)"));
        Assert.Equal("max((45 >= 18, so 5), 3) = 5", Explain("max(if(patient.ageYears >= 18, 5, 1), 3)"));
    }

    [Fact]
    public void An_if_on_the_pathways_settings_alone_shows_only_the_branch_it_chose()
    {
        var scope = new DictionaryExpressionScope(Now)
            .Set("param.drug", Value.String("zoledronic-acid"))
            .Set("param.rule", Value.String("relative"))
            .Set("param.ibandronateMin", Value.Quantity(30m, "mL/min"))
            .Set("param.zoledronicMin", Value.Quantity(35m, "mL/min"))
            .SetLab("2160-0", Value.Quantity(34.601m, "mL/min").WithLabel("clearance"));

        Assert.Equal("clearance 34.6 mL/min < 35 mL/min",
            Parse("lab(\"2160-0\") >= if(param.drug == \"ibandronate\", param.ibandronateMin, param.zoledronicMin)").Evaluate(scope).Explanation);
        Assert.Equal("clearance 34.6 mL/min", Parse("if(param.rule == \"relative\" and not (param.drug == \"x\"), lab(\"2160-0\"), 0)").Evaluate(scope).Explanation);
    }

    [Fact]
    public void A_rule_switched_by_the_pathways_settings_shows_the_patients_part_or_says_it_is_not_used()
    {
        var scope = new DictionaryExpressionScope(Now)
            .Set("param.rule", Value.String("label"))
            .SetLab("2160-0", Value.Quantity(0.5m, "mg/dL").WithLabel("creatinine"));

        Assert.Equal("creatinine 0.5 mg/dL < 1 mg/dL", Parse("param.rule == \"label\" and lab(\"2160-0\") < 1").Evaluate(scope).Explanation);
        var off = Parse("param.rule == \"relative\" and lab(\"2160-0\") < 1").Evaluate(scope);
        Assert.Equal((Value.False, "not used with these settings"), (off.Result, off.Explanation));
    }

    [Fact]
    public void A_condition_on_the_pathways_settings_alone_says_so_instead_of_echoing_them()
    {
        var scope = new DictionaryExpressionScope(Now).Set("param.drug", Value.String("zoledronic-acid"));

        var holds = Parse("param.drug != \"ibandronate\"").Evaluate(scope);
        Assert.Equal((Value.True, "holds by the pathway's settings"), (holds.Result, holds.Explanation));
        var off = Parse("param.drug == \"ibandronate\" or param.drug == \"neridronate\"").Evaluate(scope);
        Assert.Equal((Value.False, "not used with these settings"), (off.Result, off.Explanation));
        // A value is not a condition: it still shows its working.
        Assert.Equal("\"zoledronic-acid\"", Parse("param.drug").Evaluate(scope).Explanation);
    }

    [Fact]
    public void A_bare_number_compared_with_a_quantity_is_shown_in_its_unit_on_either_side()
    {
        var scope = new DictionaryExpressionScope(Now)
            .Set("age", Value.Number(20))
            .Set("param.maxAge", Value.Quantity(18, "years"))
            .SetLab("2160-0", Value.Quantity(0.5m, "mg/dL").WithLabel("creatinine"));

        Assert.Equal("20 years > 18 years", Parse("age > param.maxAge").Evaluate(scope).Explanation);
        Assert.Equal("creatinine 0.5 mg/dL < 1 mg/dL", Parse("lab(\"2160-0\") < 1").Evaluate(scope).Explanation);
        // A number worked out (a percentage change) is not a threshold: its unit is its own.
        Assert.Equal("20 x 2 = 40 > 18 years", Parse("age * 2 > param.maxAge").Evaluate(scope).Explanation);
    }

    [Fact]
    public void The_limits_a_rule_holds_a_labs_latest_result_to_are_collected_with_the_lab_on_the_left()
    {
        var scope = new DictionaryExpressionScope(Now)
            .Set("param.riseFactor", Value.Number(1.1m))
            .SetLab("2160-0", Value.Quantity(0.5m, "mg/dL").WithLabel("creatinine"))
            .SetBaseline("2160-0", Value.Quantity(0.55m, "mg/dL").WithLabel("baseline"))
            .SetLab("62292-8", Value.Quantity(75m, "nmol/L"));

        var thresholds = Parse("lab(\"2160-0\") <= baseline(\"2160-0\") * param.riseFactor and 50 <= lab(\"62292-8\")").Evaluate(scope).Thresholds;

        Assert.Equal([new LabThreshold("2160-0", "<=", 0.605m, "mg/dL"), new LabThreshold("62292-8", ">=", 50m, "nmol/L")], thresholds);
        // A change worked out from the result is not a limit on the result itself; nor is a comparison with a baseline alone.
        Assert.Empty(Parse("(lab(\"2160-0\") - baseline(\"2160-0\")) / baseline(\"2160-0\") * 100 <= 10").Evaluate(scope).Thresholds);
        Assert.Empty(Parse("baseline(\"2160-0\") < 1").Evaluate(scope).Thresholds);
    }

    [Fact]
    public void A_converted_result_reads_at_clinical_precision_while_the_rule_compares_the_full_value()
    {
        var scope = new DictionaryExpressionScope(Now).SetLab("62292-8", Value.Quantity(29.952m, "nmol/L").WithLabel("25-OH vitamin D (reported 12 ng/mL)"));

        Assert.Equal("25-OH vitamin D (reported 12 ng/mL) 30.0 nmol/L < 50 nmol/L", Parse("lab(\"62292-8\") < 50").Evaluate(scope).Explanation);
        // Rounding would read "30.0 < 29.96": every decimal shows instead.
        var close = Parse("lab(\"62292-8\") < 29.96").Evaluate(scope);
        Assert.Equal(Value.True, close.Result);
        Assert.Equal("25-OH vitamin D (reported 12 ng/mL) 29.952 nmol/L < 29.96 nmol/L", close.Explanation);
    }

    [Fact]
    public void Missing_values_are_shown_as_no_value()
    {
        // Named in words, as a reader says it, not as the pathway's variable.
        Assert.Equal("on steroids not recorded",
            Parse("has(patient.facts.onSteroids)").Evaluate(new DictionaryExpressionScope(Now).Set("patient.facts.onSteroids", Value.Null)).Explanation);
        Assert.Equal("lab 718-7 not recorded", Explain("has(lab(\"718-7\"))"));
        Assert.Equal("creatinine 0.78 mg/dL recorded", Explain("has(lab(\"2160-0\"))"));
        Assert.Equal("missing no value = null", Explain("var.missing == null"));
        Assert.Equal("3 != null", Explain("var.cycle == null"));
    }

    [Fact]
    public void Labs_without_a_label_are_named_by_their_code()
    {
        var scope = new DictionaryExpressionScope(Now).SetLab("718-7", Value.Quantity(13.1m, "g/dL"));
        Assert.Equal("lab 718-7 13.1 g/dL >= 12 g/dL", Parse("lab(\"718-7\") >= 12").Evaluate(scope).Explanation);
    }

    [Fact]
    public void The_value_keeps_full_precision_even_when_the_explanation_rounds()
    {
        var evaluation = Parse("baseline(\"2160-0\") * param.renalRiseFactor").Evaluate(Scope());
        Assert.Equal("0.6600 mg/dL", evaluation.Result.ToDisplayString());
        Assert.EndsWith("= 0.66 mg/dL", evaluation.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluating_without_an_explanation_gives_the_same_value()
    {
        const string text = "min(patient.weightKg * param.mgPerKg, param.maxDoseMg)";
        Assert.Equal(Parse(text).Evaluate(Scope()).Result, Parse(text).EvaluateValue(Scope()));
    }

    [Theory]
    [InlineData("var.crcl >= param.min", 34.601, "creatinine clearance 34.6 mL/min is below the 35 mL/min minimum (CG working)")]
    [InlineData("var.crcl >= param.min", 40.1, "creatinine clearance 40.1 mL/min is at or above the 35 mL/min minimum (CG working)")]
    [InlineData("var.crcl > param.min", 35, "creatinine clearance 35 mL/min is at or below the 35 mL/min minimum (CG working)")]
    [InlineData("var.crcl <= param.min", 30, "creatinine clearance 30 mL/min is at or below the 35 mL/min maximum (CG working)")]
    // Rounded to 1 decimal it would read "35.0 is below the 35 minimum": every decimal shows.
    [InlineData("var.crcl >= param.min", 34.96, "creatinine clearance 34.96 mL/min is below the 35 mL/min minimum (CG working)")]
    [InlineData("var.crcl >= param.min and var.crcl < 200", 40, "creatinine clearance 40 mL/min is at or above the 35 mL/min minimum; creatinine clearance 40 mL/min is below the 200 mL/min maximum (CG working)")]
    [InlineData("var.crcl", 40.14, "creatinine clearance 40.1 mL/min (CG working)")]
    public void A_value_the_engine_worked_out_reads_by_its_name_as_a_finding_with_its_working_once_at_the_end(string expression, decimal clearance, string expected)
    {
        var scope = new WorkedOutScope(new DictionaryExpressionScope(Now)
            .Set("param.min", Value.Quantity(35m, "mL/min"))
            .Set("var.crcl", Value.Quantity(clearance, "mL/min").WithLabel("creatinine clearance")), "var.crcl", "CG working");

        Assert.Equal(expected, Parse(expression).Evaluate(scope).Explanation);
    }

    [Fact]
    public void A_labelled_value_nobody_worked_out_keeps_the_plain_comparison()
    {
        var scope = new DictionaryExpressionScope(Now)
            .Set("param.min", Value.Quantity(35m, "mL/min"))
            .Set("var.crcl", Value.Quantity(34.601m, "mL/min").WithLabel("creatinine clearance"));

        Assert.Equal("creatinine clearance 34.6 mL/min < 35 mL/min", Parse("var.crcl >= param.min").Evaluate(scope).Explanation);
    }

    /// <summary>A scope that knows how one name's value was worked out, as an instance knows its renal functions.</summary>
    private sealed class WorkedOutScope(DictionaryExpressionScope inner, string name, string working) : IExpressionScope
    {
        public DateTimeOffset Now => inner.Now;
        public bool TryResolve(string dottedName, out Value value) => inner.TryResolve(dottedName, out value);
        public Value LatestLab(string code) => inner.LatestLab(code);
        public Value BaselineLab(string code) => inner.BaselineLab(code);
        public string? WorkingOf(string dottedName) => dottedName == name ? working : null;
    }

    /// <summary>A creatinine result over a baseline of 0.5 mg/dL, both labelled as the engine's scope labels them.</summary>
    private static DictionaryExpressionScope CreatinineOverBaseline(decimal creatinine) => new DictionaryExpressionScope(Now)
        .SetLab("2160-0", Value.Quantity(creatinine, "mg/dL").WithLabel("creatinine"))
        .SetBaseline("2160-0", Value.Quantity(0.5m, "mg/dL").WithLabel("baseline"));
}
