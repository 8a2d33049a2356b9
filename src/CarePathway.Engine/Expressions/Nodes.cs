namespace CarePathway.Engine.Expressions;

// The syntax tree. Nodes are immutable after parsing, which is what makes a ParsedExpression safe
// to cache and evaluate from many threads. A NodeKind tag lets the evaluator switch instead of
// type-testing, and Start/Length point back into the source text for messages.

internal enum NodeKind
{
    Literal,
    Name,
    Lab,
    Negate,
    Not,
    Binary,
    Comparison,
    And,
    Or,
    Call,
}

internal enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
}

internal enum ComparisonOperator
{
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,
}

internal abstract class Node(NodeKind kind, int start, int length)
{
    public NodeKind Kind { get; } = kind;

    public int Start { get; } = start;

    public int Length { get; } = length;

    /// <summary>Leaves render as "label value unit" in explanations and need no parentheses.</summary>
    public virtual bool IsLeaf => Kind is NodeKind.Literal or NodeKind.Name or NodeKind.Lab;

    public string SourceText(string text) => text.Substring(Start, Length);
}

internal sealed class LiteralNode(Value value, int start, int length) : Node(NodeKind.Literal, start, length)
{
    public Value Value { get; } = value;
}

/// <summary>A dotted name resolved through the scope: param.x, var.cycle, patient.facts.vertebralLesion.</summary>
internal sealed class NameNode(string name, int start, int length) : Node(NodeKind.Name, start, length)
{
    public string Name { get; } = name;

    /// <summary>Last segment of the name ("vertebralLesion"), used to label booleans in explanations.</summary>
    public string ShortName { get; } = name[(name.LastIndexOf('.') + 1)..];
}

/// <summary>lab("code") or baseline("code"); the code must be a literal so the validator can see it.</summary>
internal sealed class LabNode(string code, bool baseline, int start, int length) : Node(NodeKind.Lab, start, length)
{
    public string Code { get; } = code;

    public bool Baseline { get; } = baseline;

    /// <summary>How the lab is named when it has no label of its own: "lab 2160-0", "baseline 2160-0".</summary>
    public string DefaultLabel { get; } = (baseline ? "baseline " : "lab ") + code;
}

internal sealed class UnaryNode(NodeKind kind, Node operand, int start, int length) : Node(kind, start, length)
{
    public Node Operand { get; } = operand;
}

internal sealed class BinaryNode(BinaryOperator op, Node left, Node right, int start, int length)
    : Node(NodeKind.Binary, start, length)
{
    public BinaryOperator Operator { get; } = op;

    public Node Left { get; } = left;

    public Node Right { get; } = right;
}

internal sealed class ComparisonNode(ComparisonOperator op, Node left, Node right, int start, int length)
    : Node(NodeKind.Comparison, start, length)
{
    public ComparisonOperator Operator { get; } = op;

    public Node Left { get; } = left;

    public Node Right { get; } = right;
}

/// <summary>"and" / "or" (by <see cref="Node.Kind"/>); the right side is evaluated only when needed.</summary>
internal sealed class LogicalNode(NodeKind kind, Node left, Node right, int start, int length) : Node(kind, start, length)
{
    public Node Left { get; } = left;

    public Node Right { get; } = right;
}

internal sealed class CallNode(FunctionId function, string name, Node[] arguments, int start, int length)
    : Node(NodeKind.Call, start, length)
{
    public FunctionId Function { get; } = function;

    public string Name { get; } = name;

    /// <summary>now() and lastDose() read as labelled values ("now 2026-01-05 10:30 UTC"), like a leaf.</summary>
    public override bool IsLeaf => Function is FunctionId.Now or FunctionId.LastDose;

    // Never mutated after construction; an array keeps indexing cheap on the hot path.
    public IReadOnlyList<Node> Arguments => arguments;

    internal Node[] ArgumentArray => arguments;
}

internal static class Nodes
{
    /// <summary>An if() whose condition its explanation shows ("condition, so branch"): it reads like a condition and gets parentheses.</summary>
    public static bool ShowsCondition(Node node) => node is CallNode { Function: FunctionId.If } call && !ReadsSettingsOnly(call.Arguments[0]);

    /// <summary>True when the expression reads nothing but literals and <c>param.*</c>: a choice of the pathway's settings.</summary>
    public static bool ReadsSettingsOnly(Node node) => node switch
    {
        LiteralNode => true,
        NameNode name => name.Name.StartsWith("param.", StringComparison.Ordinal),
        UnaryNode unary => ReadsSettingsOnly(unary.Operand),
        BinaryNode binary => ReadsSettingsOnly(binary.Left) && ReadsSettingsOnly(binary.Right),
        ComparisonNode comparison => ReadsSettingsOnly(comparison.Left) && ReadsSettingsOnly(comparison.Right),
        LogicalNode logical => ReadsSettingsOnly(logical.Left) && ReadsSettingsOnly(logical.Right),
        _ => false,
    };
}
