namespace CarePathway.Engine.Definitions;

/// <summary>Naming rules shared by definitions, parameters, variables and activities.</summary>
public static class Identifiers
{
    /// <summary>Definition ids appear in URLs and file names: lower-case kebab case.</summary>
    public static bool IsValidDefinitionId(string id) =>
        id.Length is > 0 and <= 100 && char.IsAsciiLetterLower(id[0])
        && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    /// <summary>Names used inside expressions (param.x, var.y) must be plain identifiers.</summary>
    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= 100 && char.IsAsciiLetter(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>Activity ids appear in journals and URLs: letters, digits, dashes and underscores.</summary>
    public static bool IsValidActivityId(string id) =>
        id.Length is > 0 and <= 100 && char.IsAsciiLetterOrDigit(id[0])
        && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_');
}
