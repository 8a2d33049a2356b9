using System.Text.RegularExpressions;

namespace CarePathway.Engine.Activities;

/// <summary>
/// An input's name in words for the designer, made from its property's name so every input has one without a second
/// list to keep in step: <c>DueIn</c> is "Due in", a trailing unit goes in brackets (<c>MaxDoseMg</c>: "Max dose (mg)",
/// <c>AnnualCapMgPerKg</c>: "Annual cap (mg/kg)", <c>WeightChangePercent</c>: "Weight change (%)").
/// </summary>
public static partial class InputLabel
{
    private static readonly (string Words, string Unit)[] Units = [("mg per kg", "mg/kg"), ("mg", "mg"), ("percent", "%")];

    public static string FromPropertyName(string propertyName)
    {
        var words = string.Join(' ', WordStart().Split(propertyName).Where(w => w.Length > 0)).ToLowerInvariant();
        foreach (var (unitWords, unit) in Units)
        {
            if (words.EndsWith(' ' + unitWords, StringComparison.Ordinal))
            {
                words = $"{words[..^(unitWords.Length + 1)]} ({unit})";
                break;
            }
        }

        return char.ToUpperInvariant(words[0]) + words[1..];
    }

    [GeneratedRegex("(?<=[a-z0-9])(?=[A-Z])")]
    private static partial Regex WordStart();
}
