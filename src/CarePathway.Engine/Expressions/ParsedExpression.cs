using System.Text;

namespace CarePathway.Engine.Expressions;

/// <summary>
/// A parsed, validated expression. Immutable and holding no per-evaluation state, so it can be
/// cached per definition version and evaluated from many threads at once.
/// </summary>
public sealed class ParsedExpression
{
    private readonly Node _root;

    internal ParsedExpression(string text, Node root, IReadOnlyList<ExpressionReference> references, int nodeCount)
    {
        Text = text;
        _root = root;
        References = references;
        NodeCount = nodeCount;

        var names = new List<string>();
        var labCodes = new List<string>();
        foreach (var reference in references)
        {
            (reference.Kind == ReferenceKind.Name ? names : labCodes).Add(reference.Name);
        }

        Names = names;
        LabCodes = labCodes;
    }

    /// <summary>The source text, exactly as parsed.</summary>
    public string Text { get; }

    /// <summary>Distinct names and lab codes the expression depends on, in order of first use.</summary>
    public IReadOnlyList<ExpressionReference> References { get; }

    /// <summary>Distinct dotted names used ("param.renalRiseFactor", "patient.weightKg").</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Distinct lab codes used in lab("...") or baseline("...").</summary>
    public IReadOnlyList<string> LabCodes { get; }

    /// <summary>Size of the syntax tree (bounded by <see cref="ExpressionLimits.MaxNodes"/>).</summary>
    public int NodeCount { get; }

    internal Node Root => _root;

    /// <summary>Evaluates and explains. Throws <see cref="ExpressionEvaluationException"/> when it cannot be evaluated.</summary>
    public Evaluation Evaluate(IExpressionScope scope) => Evaluate(scope, ExpressionLimits.DefaultStepBudget);

    /// <inheritdoc cref="Evaluate(IExpressionScope)"/>
    public Evaluation Evaluate(IExpressionScope scope, int stepBudget)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var sb = new StringBuilder(Math.Max(32, Text.Length * 2));
        var thresholds = new List<LabThreshold>();
        var workings = new List<string>();
        var context = new EvaluationContext(scope, Text, stepBudget, sb, thresholds, workings);
        var result = Evaluator.Evaluate(_root, ref context, out _);
        // A condition on the pathway's settings alone ("zoledronic-acid" != "ibandronate") says nothing about the
        // patient: a clinician reads where it came from, not the settings echoed back.
        if (_root.Kind is NodeKind.Comparison or NodeKind.And or NodeKind.Or or NodeKind.Not && Nodes.ReadsSettingsOnly(_root))
            return new Evaluation(result, result.AsBoolean() ? "holds by the pathway's settings" : "not used with these settings");
        // A value the engine worked out (a clearance) shows how, once, after the finding that reads it.
        foreach (var working in workings) sb.Append(" (").Append(working).Append(')');
        return new Evaluation(result, sb.ToString()) { Thresholds = thresholds };
    }

    /// <summary>
    /// Evaluates without building an explanation: the fast path for callers that only need the value
    /// (it allocates nothing beyond what the scope and the result need).
    /// </summary>
    public Value EvaluateValue(IExpressionScope scope) => EvaluateValue(scope, ExpressionLimits.DefaultStepBudget);

    /// <inheritdoc cref="EvaluateValue(IExpressionScope)"/>
    public Value EvaluateValue(IExpressionScope scope, int stepBudget)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var context = new EvaluationContext(scope, Text, stepBudget, null);
        return Evaluator.Evaluate(_root, ref context, out _);
    }

    public override string ToString() => Text;
}
