using System.Globalization;
using System.Text;

namespace CarePathway.Engine.Expressions;

/// <summary>
/// A comparison's explanation as a clinician writes it: the finding first, in words, then the working behind it.
/// "creatinine 0.54 mg/dL is 8 % above its baseline 0.5 mg/dL, within the 10 % limit (working: ...)" instead of the
/// expression's arithmetic; "doses given: 0" instead of "doses given 0 = 0". Recognised by the shape of the expression,
/// never by a rule's name: a change from a reference (<c>a - b</c>, <c>(a - b) / b * 100</c>), a result held to a
/// limit worked out from others, a count, a number's parity. Anything else keeps the plain trace.
/// </summary>
internal static class Findings
{
    /// <summary>
    /// Rewrites the comparison's explanation, written from <paramref name="at"/> to the end of <paramref name="sb"/> (its
    /// right side from <paramref name="rightAt"/>), when its shape has a finding; <paramref name="relation"/> is the
    /// operator as it turned out (" &lt;= ").
    /// </summary>
    public static void Rewrite(StringBuilder sb, int at, int rightAt, ComparisonNode node, in Value left, in Value right, string relation, IExpressionScope scope)
    {
        if ((Change(sb, node, left, right, relation, scope) ?? Count(node, left, right, relation) ?? Parity(sb, node, left, right, scope)
            ?? WorkedOutAgainstLimit(node, left, right, relation, scope)) is { } finding)
        {
            if (node.Left is BinaryNode { Operator: not BinaryOperator.Remainder })
            {
                // A change shows the arithmetic behind it.
                sb.Insert(at, finding + " (working: ").Append(')');
            }
            else
            {
                // A count or a parity is its own working.
                sb.Length = at;
                sb.Append(finding);
            }
        }
        else if (AgainstWorkedOutLimit(sb, node, left, right, relation, scope) is { } limit)
        {
            // The result is already in the finding: the working is how its limit was worked out.
            sb.Remove(at, rightAt - at).Insert(at, limit + " (working: ").Append(')');
        }
    }

    /// <summary>"creatinine 0.56 mg/dL is 12 % above its baseline 0.5 mg/dL, a rise above the 10 % limit".</summary>
    private static string? Change(StringBuilder sb, ComparisonNode node, in Value left, in Value right, string relation, IExpressionScope scope)
    {
        Node? from, to;
        var percent = false;
        if (node.Left is BinaryNode { Operator: BinaryOperator.Multiply, Right: LiteralNode hundred } times && hundred.Value.RawNumber == 100
            && times.Left is BinaryNode { Operator: BinaryOperator.Divide } ratio && ratio.Left is BinaryNode { Operator: BinaryOperator.Subtract } difference
            && ratio.Right.IsLeaf && Same(ratio.Right, difference.Right))
        {
            (from, to, percent) = (difference.Left, difference.Right, true);
        }
        else if (node.Left is BinaryNode { Operator: BinaryOperator.Subtract } plain && plain.Right.IsLeaf)
        {
            (from, to) = (plain.Left, plain.Right);
        }
        else
        {
            return null;
        }

        if (!from.IsLeaf || left.Kind is not (ValueKind.Number or ValueKind.Quantity) || right.Kind is not (ValueKind.Number or ValueKind.Quantity)) return null;
        var unit = percent ? "%" : left.Unit;
        var amount = Shown(left, right, node.Operator, unit);
        var reference = Leaf(sb, to, scope);
        if (to is LabNode { Baseline: true } baseline && from is LabNode { Baseline: false } lab && lab.Code == baseline.Code) reference = "its " + reference;
        var limit = LimitWords(relation, Limit(right, unit));
        var change = left.RawNumber switch
        {
            > 0 => $"is {amount} above {reference}, a rise {limit}",
            < 0 => $"is {amount.TrimStart('-')} below {reference}, a fall {limit}",
            _ => $"is unchanged from {reference}, a change of {amount} {limit}",
        };
        return $"{Leaf(sb, from, scope)} {change}";
    }

    /// <summary>"doses given: 0", "cycles given: 2, not 1", "doses given this cycle: 1, more than 0".</summary>
    private static string? Count(ComparisonNode node, in Value left, in Value right, string relation)
    {
        if (node.Left is not NameNode || !node.Right.IsLeaf || left.Label is null || !IsWholeNumber(left) || !IsWholeNumber(right)) return null;
        var count = $"{left.Label}: {left.ToDisplayString()}";
        var other = right.ToDisplayString();
        // The count says it all when it is the number it was compared with.
        if (left.RawNumber == right.RawNumber) return count;
        return relation.Trim() switch
        {
            "=" => count,
            "!=" => $"{count}, not {other}",
            ">" => $"{count}, more than {other}",
            ">=" => $"{count}, at least {other}",
            "<" => $"{count}, less than {other}",
            _ => $"{count}, at most {other}",
        };
    }

    /// <summary>"next cycle 3 is odd" for <c>course.nextCycle % 2 == 1</c> (whether or not the rule wanted odd).</summary>
    private static string? Parity(StringBuilder sb, ComparisonNode node, in Value left, in Value right, IExpressionScope scope)
    {
        if (node.Left is not BinaryNode { Operator: BinaryOperator.Remainder, Left.IsLeaf: true, Right: LiteralNode two } remainder || two.Value.RawNumber != 2
            || node.Operator is not (ComparisonOperator.Equal or ComparisonOperator.NotEqual) || !IsWholeNumber(left) || !IsWholeNumber(right)) return null;
        return $"{Leaf(sb, remainder.Left, scope)} is {(left.RawNumber == 0 ? "even" : "odd")}";
    }

    /// <summary>
    /// "creatinine clearance 32.1 mL/min is below the 35 mL/min minimum" for a value the engine worked out (a name the scope
    /// has a working for) held to a limit; how it was worked out follows the whole explanation (<see cref="IExpressionScope.WorkingOf"/>).
    /// </summary>
    private static string? WorkedOutAgainstLimit(ComparisonNode node, in Value left, in Value right, string relation, IExpressionScope scope)
    {
        if (node.Left is not NameNode name || left.Label is null || scope.WorkingOf(name.Name) is null || node.Right is BinaryNode
            || node.Operator is ComparisonOperator.Equal or ComparisonOperator.NotEqual
            || left.Kind is not (ValueKind.Number or ValueKind.Quantity) || right.Kind is not (ValueKind.Number or ValueKind.Quantity)) return null;
        // The limit is a minimum when the rule asks for at least it, a maximum when it asks for at most it.
        var bound = node.Operator is ComparisonOperator.Greater or ComparisonOperator.GreaterOrEqual ? "minimum" : "maximum";
        var side = relation.Trim() switch { "<" => "below", "<=" => "at or below", ">" => "above", _ => "at or above" };
        return $"{left.Label} {Shown(left, right, node.Operator, left.Unit)} is {side} the {Limit(right, left.Unit)} {bound}";
    }

    /// <summary>"creatinine 0.5 mg/dL is within the 0.55 mg/dL limit" for a result held to a limit worked out from others.</summary>
    private static string? AgainstWorkedOutLimit(StringBuilder sb, ComparisonNode node, in Value left, in Value right, string relation, IExpressionScope scope)
    {
        if (!node.Left.IsLeaf || node.Right is not BinaryNode || left.Kind is not (ValueKind.Number or ValueKind.Quantity)
            || right.Kind is not (ValueKind.Number or ValueKind.Quantity)) return null;
        return $"{Leaf(sb, node.Left, scope)} is {LimitWords(relation, Shown(right, left, Operators.Mirrored(node.Operator), right.Unit ?? left.Unit))}";
    }

    private static string LimitWords(string relation, string limit) => relation.Trim() switch
    {
        "<" => $"below the {limit} limit",
        "<=" => $"within the {limit} limit",
        ">" => $"above the {limit} limit",
        ">=" => $"at or above the {limit} limit",
        "=" => $"equal to {limit}",
        _ => $"not {limit}",
    };

    /// <summary>The limit as it reads: its value with its unit (a bare number takes the unit it is compared in).</summary>
    private static string Limit(in Value limit, string? unit)
    {
        var shown = Explanation.AtClinicalPrecision(limit) ?? limit;
        return shown.Kind == ValueKind.Quantity ? shown.ToDisplayString() : WithUnit(shown.ToDisplayString(), unit);
    }

    /// <summary>
    /// A worked-out number at clinical precision (1 decimal for a percentage, trailing zeros dropped), unless rounding
    /// would make the comparison with <paramref name="other"/> read false: then every decimal shows.
    /// </summary>
    private static string Shown(in Value value, in Value other, ComparisonOperator op, string? unit)
    {
        var decimals = unit == "%" ? 1 : Explanation.AtClinicalPrecision(value) is { } clinical ? clinical.DisplayScale : value.DisplayScale;
        var rounded = Math.Round(value.RawNumber, decimals, MidpointRounding.AwayFromZero);
        var full = Operators.Compare(op, value, other, out var outcome) is null ? outcome : (bool?)null;
        var asRead = value.Kind == ValueKind.Quantity ? Value.Quantity(rounded, value.Unit!) : Value.Number(rounded);
        var keepsTruth = full is null || (Operators.Compare(op, asRead, other, out var readsAs) is null && readsAs == full);
        var number = keepsTruth ? rounded : value.RawNumber;
        var digits = unit == "%" ? number.ToString("0.############", CultureInfo.InvariantCulture) : (keepsTruth ? asRead : value).ToDisplayString(keepsTruth ? decimals : value.DisplayScale);
        if (value.Kind == ValueKind.Quantity && unit != "%") return digits;
        return WithUnit(digits, unit);
    }

    private static string WithUnit(string number, string? unit) => unit is null ? number : $"{number} {unit}";

    private static bool Same(Node a, Node b) => (a, b) switch
    {
        (LabNode x, LabNode y) => x.Code == y.Code && x.Baseline == y.Baseline,
        (NameNode x, NameNode y) => x.Name == y.Name,
        (LiteralNode x, LiteralNode y) => x.Value.Equals(y.Value),
        _ => false,
    };

    private static bool IsWholeNumber(in Value value) => value.Kind == ValueKind.Number && value.RawNumber == Math.Truncate(value.RawNumber);

    /// <summary>
    /// A leaf's own explanation ("creatinine 0.54 mg/dL", "baseline 0.5 mg/dL"), read again from the scope; written at the
    /// end of the explanation being built and taken off again, so no other buffer is needed.
    /// </summary>
    private static string Leaf(StringBuilder sb, Node leaf, IExpressionScope scope)
    {
        var end = sb.Length;
        var context = new EvaluationContext(scope, "", ExpressionLimits.DefaultStepBudget, sb);
        Evaluator.Evaluate(leaf, ref context, out _);
        var text = sb.ToString(end, sb.Length - end);
        sb.Length = end;
        return text;
    }
}
