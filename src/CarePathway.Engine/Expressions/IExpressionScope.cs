namespace CarePathway.Engine.Expressions;

/// <summary>
/// What an expression can see. Implemented by the caller (the engine builds one per instance step);
/// the expression language itself never reads clocks, files or anything else.
/// </summary>
public interface IExpressionScope
{
    /// <summary>The clock reading used by <c>now()</c>; one reading per evaluation keeps runs deterministic.</summary>
    DateTimeOffset Now { get; }

    /// <summary>Looks up a dotted name such as "param.renalRiseFactor"; false means the name is unknown.</summary>
    bool TryResolve(string dottedName, out Value value);

    /// <summary>The latest result for a lab code, or <see cref="Value.Null"/>; labelled for explanations ("creatinine").</summary>
    Value LatestLab(string code);

    /// <summary>The baseline result for a lab code, or <see cref="Value.Null"/>; labelled for explanations ("baseline").</summary>
    Value BaselineLab(string code);

    /// <summary>
    /// When the patient was last given <paramref name="drug"/>, in any course, or <see cref="Value.Null"/>; labelled for
    /// explanations ("last ibandronate dose"). Scopes without a patient have none.
    /// </summary>
    Value LastDose(string drug) => Value.Null;

    /// <summary>
    /// How the value of a name was worked out, when the scope knows it ("Cockcroft-Gault from creatinine 1.5 mg/dL, ...");
    /// an explanation that reads the name shows it once, after its finding. Null for a value nobody worked out.
    /// </summary>
    string? WorkingOf(string dottedName) => null;
}
