namespace CarePathway.Engine.Expressions;

/// <summary>The outcome of evaluating an expression: its value and a trace fit to show a clinician.</summary>
public sealed record Evaluation(Value Result, string Explanation);
