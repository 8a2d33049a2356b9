namespace CarePathway.Engine.Expressions;

/// <summary>What a reference points at.</summary>
public enum ReferenceKind
{
    /// <summary>A dotted name resolved through the scope ("param.renalRiseFactor").</summary>
    Name,

    /// <summary>A lab code used in lab("...") or baseline("...").</summary>
    LabCode,
}

/// <summary>Something outside the expression that it depends on; the definition validator checks these exist.</summary>
public sealed record ExpressionReference(ReferenceKind Kind, string Name)
{
    public override string ToString() => Kind == ReferenceKind.LabCode ? "lab " + Name : Name;
}
