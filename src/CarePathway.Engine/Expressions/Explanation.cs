using System.Text;

namespace CarePathway.Engine.Expressions;

/// <summary>
/// Formatting pieces of the clinician-facing trace. The rules (see README): leaves read
/// "label value unit"; arithmetic reads "operands = result" with the result rounded to the
/// largest scale of its operands; comparisons state what was found; "and"/"or" join the parts
/// that were evaluated with "; ".
/// </summary>
internal static class Explanation
{
    /// <summary>"creatinine 0.78 mg/dL", "1.10", "12 weeks", "\"done\"", or "creatinine no value".</summary>
    /// <param name="sb">The explanation being written.</param>
    /// <param name="value">The value to show.</param>
    /// <param name="label">What the value is called (a lab's name); null for a literal.</param>
    /// <param name="missingName">Names a null value without a label; null for the null literal.</param>
    public static void AppendLeaf(StringBuilder sb, in Value value, string? label, string? missingName)
    {
        if (value.IsNull)
        {
            // A missing lab or variable reads as "<name> no value"; the literal null reads as itself.
            var name = label ?? missingName;
            sb.Append(name is null ? "null" : name + " no value");
            return;
        }

        if (label is not null)
        {
            sb.Append(label).Append(' ');
        }

        if (value.Kind == ValueKind.String)
        {
            sb.Append('"').Append(value.AsString()).Append('"');
        }
        else if ((label ?? missingName) is not null && AtClinicalPrecision(value) is { } shown)
        {
            sb.Append(shown.ToDisplayString());
        }
        else
        {
            sb.Append(value.ToDisplayString());
        }
    }

    /// <summary>A yes/no finding under its name in words: "vertebral lesion: yes" for <c>vertebralLesion</c> true.</summary>
    public static void AppendFinding(StringBuilder sb, string name, bool value) =>
        sb.Append(Words(name)).Append(": ").Append(value ? "yes" : "no");

    /// <summary>"vertebralLesion" as a reader says it: "vertebral lesion" (a name already in words stays as it is).</summary>
    public static string Words(string name)
    {
        var words = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && words.Length > 0) words.Append(' ').Append(char.ToLowerInvariant(c));
            else words.Append(c);
        }

        return words.ToString();
    }

    /// <summary>
    /// <c>has(x)</c> as a finding: the explanation of its argument (written from <paramref name="start"/>) followed by
    /// "recorded", or, when it has no value, its name and "not recorded" ("last pamidronate dose not recorded").
    /// </summary>
    public static void AppendRecorded(StringBuilder sb, int start, bool recorded)
    {
        const string NoValue = " no value";
        var argument = sb.ToString(start, sb.Length - start);
        sb.Length = start;
        sb.Append(recorded
            // A yes/no finding ("vertebral lesion: yes") already says it was recorded.
            ? argument + (argument.EndsWith(": yes", StringComparison.Ordinal) || argument.EndsWith(": no", StringComparison.Ordinal) ? "" : " recorded")
            : (argument.EndsWith(NoValue, StringComparison.Ordinal) ? argument[..^NoValue.Length] : argument) + " not recorded");
    }

    /// <summary>A labelled result shown at clinical precision, or null when it already shows no more decimals than that.</summary>
    public static Value? AtClinicalPrecision(in Value value) =>
        value.Kind == ValueKind.Quantity && ClinicalDecimals.TryGetValue(value.Unit!, out var decimals) && value.DisplayScale > decimals
            ? Value.Quantity(Math.Round(value.RawNumber, decimals, MidpointRounding.AwayFromZero), value.Unit!)
            : null;

    /// <summary>
    /// The precision a clinician reads a result in, for the units results are converted into (a clearance of 34.601 mL/min
    /// reads 34.6; 12 ng/mL of vitamin D converted reads 29.9 nmol/L). Display only: rules compare the full value.
    /// </summary>
    private static readonly Dictionary<string, int> ClinicalDecimals = new(StringComparer.Ordinal)
    {
        ["mL/min"] = 1,
        ["mL/min/1.73m2"] = 1,
        ["nmol/L"] = 1,
        ["ng/mL"] = 1,
        ["mg/dL"] = 2,
        ["mmol/L"] = 2,
        ["umol/L"] = 0,
    };

    /// <summary>The result after " = ", unlabelled and rounded for display only.</summary>
    public static void AppendResult(StringBuilder sb, in Value result, int scale)
    {
        sb.Append(" = ");
        if (result.Kind == ValueKind.String)
        {
            sb.Append('"').Append(result.AsString()).Append('"');
        }
        else
        {
            sb.Append(result.ToDisplayString(scale));
        }
    }

    /// <summary>
    /// Display scale of an arithmetic result: the largest scale of its operands. A division that
    /// would lose digits at that scale shows at least two decimals, so 100 / 3 reads 33.33, not 33.
    /// </summary>
    public static int ResultScale(BinaryOperator op, in Value result, int leftScale, int rightScale)
    {
        var scale = Math.Max(leftScale, rightScale);
        // A limit worked out in a clinical unit reads at that unit's precision: 0.5 mg/dL x 1.1 is 0.55 mg/dL, not 0.6.
        if (result.Kind == ValueKind.Quantity && ClinicalDecimals.TryGetValue(result.Unit!, out var clinical))
        {
            scale = Math.Max(scale, Math.Min(clinical, result.DisplayScale));
        }

        if (op == BinaryOperator.Divide && result.Kind is ValueKind.Number or ValueKind.Quantity && scale < 2
            && Math.Round(result.RawNumber, scale, MidpointRounding.AwayFromZero) != result.RawNumber)
        {
            scale = 2;
        }

        return scale;
    }

    /// <summary>How a missing operand is named in errors: "lab 2160-0", "param.x", or its quoted source text.</summary>
    public static string DescribeOperand(Node node, string text) => node switch
    {
        LabNode lab => lab.DefaultLabel,
        NameNode name => name.Name,
        _ => "'" + node.SourceText(text) + "'",
    };
}
