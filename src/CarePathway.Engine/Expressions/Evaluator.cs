using System.Runtime.CompilerServices;
using System.Text;

namespace CarePathway.Engine.Expressions;

/// <summary>Per-evaluation state, kept on the stack so a shared ParsedExpression holds none.</summary>
internal ref struct EvaluationContext(IExpressionScope scope, string text, int stepBudget, StringBuilder? explanation, List<LabThreshold>? thresholds = null,
    List<string>? workings = null)
{
    public readonly IExpressionScope Scope = scope;

    /// <summary>The expression text, for naming sub-expressions in errors.</summary>
    public readonly string Text = text;

    public readonly int StepBudget = stepBudget;

    /// <summary>Null on the value-only fast path; every explanation step is skipped then.</summary>
    public readonly StringBuilder? Explanation = explanation;

    /// <summary>Where the limits labs are compared with are collected (see <see cref="LabThreshold"/>); null when nobody asks.</summary>
    public readonly List<LabThreshold>? Thresholds = thresholds;

    /// <summary>How the values the expression read were worked out (<see cref="IExpressionScope.WorkingOf"/>), each once; null when nobody asks.</summary>
    public readonly List<string>? Workings = workings;

    public int StepsLeft = stepBudget;
}

/// <summary>
/// Walks the syntax tree. Each node appends its own part of the explanation while it evaluates,
/// so building the trace costs one StringBuilder and no intermediate trees.
/// </summary>
internal static class Evaluator
{
    /// <param name="node">The (sub-)expression to evaluate.</param>
    /// <param name="context">The scope the names are read from, the step budget and the explanation being written.</param>
    /// <param name="scale">Decimal places the result is shown with in the explanation.</param>
    public static Value Evaluate(Node node, ref EvaluationContext context, out int scale)
    {
        if (--context.StepsLeft < 0)
        {
            throw new ExpressionEvaluationException(
                $"evaluation needed more than {context.StepBudget} steps and was stopped", context.Text, 0);
        }

        // Chains such as a+b+c+... are parsed into left-deep trees; refuse rather than overflow the stack.
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Error(node, ref context, "expression is too deeply nested to evaluate");
        }

        switch (node.Kind)
        {
            case NodeKind.Literal:
                {
                    var value = ((LiteralNode)node).Value;
                    if (context.Explanation is { } sb)
                    {
                        Explanation.AppendLeaf(sb, value, null, null);
                    }

                    scale = value.DisplayScale;
                    return value;
                }

            case NodeKind.Name:
                return EvaluateName((NameNode)node, ref context, out scale);
            case NodeKind.Lab:
                {
                    var lab = (LabNode)node;
                    var value = lab.Baseline ? context.Scope.BaselineLab(lab.Code) : context.Scope.LatestLab(lab.Code);
                    if (context.Explanation is { } sb)
                    {
                        // A lab with no label of its own still reads as "lab 2160-0 0.78 mg/dL".
                        Explanation.AppendLeaf(sb, value, value.Label ?? lab.DefaultLabel, lab.DefaultLabel);
                    }

                    scale = value.DisplayScale;
                    return value;
                }

            case NodeKind.Negate:
                return EvaluateNegate((UnaryNode)node, ref context, out scale);
            case NodeKind.Not:
                {
                    // The operand's explanation already states the fact ("vertebralLesion false"), so
                    // 'not' adds nothing to the trace; it only inverts the value.
                    var operand = ((UnaryNode)node).Operand;
                    var value = Evaluate(operand, ref context, out _);
                    scale = 0;
                    return RequireBoolean(value, operand, node, ref context) ? Value.False : Value.True;
                }

            case NodeKind.Binary:
                return EvaluateBinary((BinaryNode)node, ref context, out scale);
            case NodeKind.Comparison:
                scale = 0;
                return EvaluateComparison((ComparisonNode)node, ref context);
            case NodeKind.And:
            case NodeKind.Or:
                scale = 0;
                return EvaluateLogical((LogicalNode)node, ref context);
            case NodeKind.Call:
                return Functions.Call((CallNode)node, ref context, out scale);
            default:
                throw new InvalidOperationException($"unknown node kind {node.Kind}");
        }
    }

    /// <summary>Evaluates a child, wrapping its explanation in parentheses when asked.</summary>
    public static Value EvaluateChild(Node child, bool parenthesise, ref EvaluationContext context, out int scale)
    {
        if (!parenthesise || context.Explanation is not { } sb)
        {
            return Evaluate(child, ref context, out scale);
        }

        sb.Append('(');
        var value = Evaluate(child, ref context, out scale);
        sb.Append(')');
        return value;
    }

    public static bool RequireBoolean(in Value value, Node operand, Node parent, ref EvaluationContext context)
    {
        if (value.Kind == ValueKind.Boolean)
        {
            return value.AsBoolean();
        }

        if (value.IsNull)
        {
            throw NoValue(operand, parent, ref context);
        }

        throw Error(parent, ref context, $"expected true or false but {Explanation.DescribeOperand(operand, context.Text)} is {value.DescribeKind()}");
    }

    public static ExpressionEvaluationException Error(Node node, ref EvaluationContext context, string message)
    {
        var source = node.SourceText(context.Text);
        return new ExpressionEvaluationException($"{message} in '{source}'", source, node.Start);
    }

    /// <summary>"lab 2160-0 has no value in 'lab("2160-0") > 1.2'".</summary>
    public static ExpressionEvaluationException NoValue(Node operand, Node parent, ref EvaluationContext context) =>
        Error(parent, ref context, Explanation.DescribeOperand(operand, context.Text) + " has no value");

    private static Value EvaluateName(NameNode node, ref EvaluationContext context, out int scale)
    {
        if (!context.Scope.TryResolve(node.Name, out var value))
        {
            var source = node.SourceText(context.Text);
            throw new ExpressionEvaluationException($"unknown name '{node.Name}'", source, node.Start);
        }

        if (context.Explanation is { } sb)
        {
            // A bare "true"/"false" means nothing to a reader, so an unlabelled boolean reads as its name in words and
            // yes or no ("vertebral lesion: yes"). Other values show only what the scope labels; a missing one is named
            // in words too ("on steroids not recorded", not "patient.facts.onSteroids not recorded").
            if (value.Kind == ValueKind.Boolean && value.Label is null) Explanation.AppendFinding(sb, node.ShortName, value.AsBoolean());
            else Explanation.AppendLeaf(sb, value, value.Label, Explanation.Words(node.ShortName));
            if (context.Workings is { } workings && context.Scope.WorkingOf(node.Name) is { } working && !workings.Contains(working)) workings.Add(working);
        }

        scale = value.DisplayScale;
        return value;
    }

    private static Value EvaluateNegate(UnaryNode node, ref EvaluationContext context, out int scale)
    {
        var sb = context.Explanation;
        sb?.Append('-');
        var value = EvaluateChild(node.Operand, !node.Operand.IsLeaf, ref context, out scale);
        Value result;
        switch (value.Kind)
        {
            case ValueKind.Number:
                result = Value.Number(-value.RawNumber);
                break;
            case ValueKind.Quantity:
                result = Value.Quantity(-value.RawNumber, value.Unit!);
                break;
            case ValueKind.Duration:
                result = Value.Duration(TimeSpan.FromTicks(-value.RawTicks));
                break;
            case ValueKind.Null:
                throw NoValue(node.Operand, node, ref context);
            default:
                throw Error(node, ref context, $"cannot negate {value.DescribeKind()}");
        }

        if (sb is not null && !node.Operand.IsLeaf)
        {
            Explanation.AppendResult(sb, result, scale);
        }

        return result;
    }

    private static Value EvaluateBinary(BinaryNode node, ref EvaluationContext context, out int scale)
    {
        var left = EvaluateChild(node.Left, !node.Left.IsLeaf, ref context, out var leftScale);
        context.Explanation?.Append(Operators.Symbol(node.Operator));
        var right = EvaluateChild(node.Right, !node.Right.IsLeaf, ref context, out var rightScale);

        if (left.IsNull)
        {
            throw NoValue(node.Left, node, ref context);
        }

        if (right.IsNull)
        {
            throw NoValue(node.Right, node, ref context);
        }

        var error = Operators.Arithmetic(node.Operator, left, right, out var result);
        if (error is not null)
        {
            throw Error(node, ref context, error);
        }

        scale = Explanation.ResultScale(node.Operator, result, leftScale, rightScale);
        if (context.Explanation is { } sb)
        {
            Explanation.AppendResult(sb, result, scale);
        }

        return result;
    }

    private static Value EvaluateComparison(ComparisonNode node, ref EvaluationContext context)
    {
        var leftAt = context.Explanation?.Length ?? 0;
        var left = EvaluateChild(node.Left, IsCondition(node.Left), ref context, out _);
        var operatorAt = context.Explanation?.Length ?? 0;
        var right = EvaluateChild(node.Right, IsCondition(node.Right), ref context, out _);

        bool outcome;
        if (node.Operator is ComparisonOperator.Equal or ComparisonOperator.NotEqual && (IsNullLiteral(node.Left) || IsNullLiteral(node.Right)))
        {
            // Comparing with the literal null is an explicit "is it missing?" test, the one place null is allowed.
            outcome = (left.IsNull && right.IsNull) == (node.Operator == ComparisonOperator.Equal);
        }
        else
        {
            if (left.IsNull)
            {
                throw NoValue(node.Left, node, ref context);
            }

            if (right.IsNull)
            {
                throw NoValue(node.Right, node, ref context);
            }

            var error = Operators.Compare(node.Operator, left, right, out outcome);
            if (error is not null)
            {
                throw Error(node, ref context, error);
            }
        }

        if (context.Thresholds is { } limits && ThresholdOf(node, left, right) is { } limit) limits.Add(limit);
        if (context.Explanation is { } sb)
        {
            operatorAt += ShowTruthfully(sb, node, left, right, outcome, leftAt, operatorAt);
            operatorAt += ShowUnitOfBareNumber(sb, node, left, right, operatorAt);
        }

        // The operator is written only now that the outcome is known (see Operators.Symbol).
        var relation = Operators.Symbol(node.Operator, outcome);
        if (context.Explanation is { } written)
        {
            written.Insert(operatorAt, relation);
            Findings.Rewrite(written, leftAt, operatorAt + relation.Length, node, left, right, relation, context.Scope);
        }

        return outcome ? Value.True : Value.False;
    }

    /// <summary>
    /// Results read at clinical precision (34.6 mL/min), unless rounding would make the comparison read false: 29.96
    /// mL/min against 30 mL/min shows every decimal, never "30.0 &lt; 30". Answers how much longer the left side got.
    /// </summary>
    private static int ShowTruthfully(StringBuilder sb, ComparisonNode node, in Value left, in Value right, bool outcome, int leftAt, int operatorAt)
    {
        var shownLeft = node.Left.IsLeaf ? Explanation.AtClinicalPrecision(left) : null;
        var shownRight = node.Right.IsLeaf ? Explanation.AtClinicalPrecision(right) : null;
        if (shownLeft is null && shownRight is null) return 0;
        if (Operators.Compare(node.Operator, shownLeft ?? left, shownRight ?? right, out var readsAs) is null && readsAs == outcome) return 0;
        if (shownRight is { } r) sb.Replace(r.ToDisplayString(), right.ToDisplayString(), operatorAt, sb.Length - operatorAt);
        if (shownLeft is not { } l) return 0;
        var before = sb.Length;
        sb.Replace(l.ToDisplayString(), left.ToDisplayString(), leftAt, operatorAt - leftAt);
        return sb.Length - before;
    }

    /// <summary>
    /// The limit a comparison holds a lab's latest result to, when one side is <c>lab("code")</c> and the other a number
    /// (a baseline is a reference, not a result: it sets no limit of its own); the lab is put on the left.
    /// </summary>
    private static LabThreshold? ThresholdOf(ComparisonNode node, in Value left, in Value right)
    {
        if (node.Operator is ComparisonOperator.Equal or ComparisonOperator.NotEqual) return null;
        if (node.Left is LabNode { Baseline: false } lab && IsNumeric(right))
            return new LabThreshold(lab.Code, Operators.Symbol(node.Operator, true).Trim(), right.RawNumber, right.Unit ?? left.Unit);
        if (node.Right is LabNode { Baseline: false } onRight && IsNumeric(left))
            return new LabThreshold(onRight.Code, Operators.Symbol(Operators.Mirrored(node.Operator), true).Trim(), left.RawNumber, left.Unit ?? right.Unit);
        return null;

        static bool IsNumeric(in Value v) => v.Kind is ValueKind.Number or ValueKind.Quantity;
    }

    /// <summary>
    /// A threshold set without a unit (a parameter of 50) is compared in the unit of the result beside it (see
    /// <see cref="Operators.Order"/>), so it is shown in it: "25-OH vitamin D 75 nmol/L >= 50 nmol/L", not "... >= 50".
    /// Answers how much longer the left side got.
    /// </summary>
    private static int ShowUnitOfBareNumber(StringBuilder sb, ComparisonNode node, in Value left, in Value right, int operatorAt)
    {
        if (left.Kind == ValueKind.Quantity && right.Kind == ValueKind.Number && node.Right.IsLeaf)
        {
            sb.Append(' ').Append(left.Unit);
            return 0;
        }

        if (left.Kind != ValueKind.Number || right.Kind != ValueKind.Quantity || !node.Left.IsLeaf) return 0;
        var unit = " " + right.Unit;
        sb.Insert(operatorAt, unit);
        return unit.Length;
    }

    private static Value EvaluateLogical(LogicalNode node, ref EvaluationContext context)
    {
        // A side on the pathway's settings alone ("label" = "label") says nothing about the patient: it is not shown,
        // and a rule it switches off reads "not used with these settings" (an "or" it decides: "holds by the pathway's settings").
        var settingOnly = context.Explanation is not null && Nodes.ReadsSettingsOnly(node.Left);
        var leftAt = context.Explanation?.Length ?? 0;
        bool leftValue;
        if (settingOnly)
        {
            var quiet = new EvaluationContext(context.Scope, context.Text, context.StepBudget, null) { StepsLeft = context.StepsLeft };
            leftValue = RequireBoolean(EvaluateChild(node.Left, false, ref quiet, out _), node.Left, node, ref quiet);
            context.StepsLeft = quiet.StepsLeft;
        }
        else
        {
            var left = EvaluateChild(node.Left, Nodes.ShowsCondition(node.Left), ref context, out _);
            leftValue = RequireBoolean(left, node.Left, node, ref context);
        }

        var isAnd = node.Kind == NodeKind.And;
        if (leftValue != isAnd)
        {
            // Short-circuit: false and ..., true or ... ; the right side is neither evaluated nor explained.
            if (settingOnly) context.Explanation!.Append(leftValue ? "holds by the pathway's settings" : "not used with these settings");
            return leftValue ? Value.True : Value.False;
        }

        var sb = context.Explanation;
        var leftText = sb is null || settingOnly ? null : sb.ToString(leftAt, sb.Length - leftAt);
        if (!settingOnly) sb?.Append("; ");
        var rightAt = sb?.Length ?? 0;
        var right = EvaluateChild(node.Right, Nodes.ShowsCondition(node.Right), ref context, out _);
        // "has(vertebralLesion) and vertebralLesion" finds the same thing twice: it is said once.
        if (leftText is not null && sb!.Length - rightAt == leftText.Length && sb.ToString(rightAt, leftText.Length) == leftText)
            sb.Length = rightAt - 2;
        return RequireBoolean(right, node.Right, node, ref context) ? Value.True : Value.False;
    }

    private static bool IsNullLiteral(Node node) => node is LiteralNode { Value.IsNull: true };

    // Operands of a comparison that are themselves conditions get parentheses; arithmetic does not,
    // so "baseline 0.60 mg/dL x 1.10 = 0.66 mg/dL" reads naturally after the operator.
    private static bool IsCondition(Node node) =>
        node.Kind is NodeKind.Comparison or NodeKind.And or NodeKind.Or or NodeKind.Not
        || Nodes.ShowsCondition(node);
}
