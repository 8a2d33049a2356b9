namespace CarePathway.Engine.Expressions;

/// <summary>The outcome of evaluating an expression: its value and a trace fit to show a clinician.</summary>
public sealed record Evaluation(Value Result, string Explanation)
{
    /// <summary>The limits the expression held labs' latest results to, in the order it met them (see <see cref="LabThreshold"/>).</summary>
    public IReadOnlyList<LabThreshold> Thresholds { get; init; } = [];
}

/// <summary>
/// A limit a rule held a lab's latest result to, found while evaluating a comparison of <c>lab("code")</c> with a
/// number ("creatinine &lt;= baseline x 1.1 = 0.61 mg/dL" gives 2160-0 &lt;= 0.61 mg/dL): what a trend chart draws
/// as the rule's line, and what a result is out of range against. The lab reads on the left of <see cref="Operator"/>.
/// </summary>
/// <param name="Code">The lab's code as the rule names it.</param>
/// <param name="Operator">What the rule requires of the result: "&lt;", "&lt;=", "&gt;" or "&gt;=".</param>
/// <param name="Value">The limit, at full precision.</param>
/// <param name="Unit">The limit's unit (the result's when the rule gave a plain number).</param>
public sealed record LabThreshold(string Code, string Operator, decimal Value, string? Unit);
