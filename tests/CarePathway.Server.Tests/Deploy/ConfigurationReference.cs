using System.Reflection;
using System.Text.RegularExpressions;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Deploy;

/// <summary>
/// The settings the server's code reads, found in its source: string literals and string constants given to
/// <c>configuration[...]</c>, <c>GetValue</c> and <c>GetConnectionString</c>, and every settable property of an options
/// class bound with <c>BindConfiguration(X.SectionName)</c>. A read it cannot resolve to a name is reported, so a new
/// way of reading configuration makes the tests fail rather than go unseen.
/// </summary>
public static partial class ConfigurationReference
{
    public static string ReferencePath => RepositoryPaths.Of("deploy", "configuration.md");

    public sealed record Found(IReadOnlySet<string> Keys, IReadOnlyList<string> Unresolved);

    public static Found SettingsReadByTheServer()
    {
        var sources = Directory.EnumerateFiles(RepositoryPaths.Of("src", "CarePathway.Server"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToList();
        var constants = sources.SelectMany(text => StringConstant().Matches(text))
            .GroupBy(m => m.Groups["name"].Value, m => m.Groups["value"].Value)
            .ToDictionary(g => g.Key, g => g.Distinct().ToList());

        var keys = new SortedSet<string>(StringComparer.Ordinal);
        var unresolved = new List<string>();
        foreach (var text in sources)
        {
            foreach (Match read in KeyRead().Matches(text))
            {
                var name = Resolve(read.Groups["arg"].Value, constants);
                if (name is null) unresolved.Add(read.Value);
                else keys.Add(read.Groups["call"].Value == "GetConnectionString" ? "ConnectionStrings:" + name : name);
            }

            foreach (Match bind in SectionBind().Matches(text))
            {
                var type = typeof(Program).Assembly.GetTypes().SingleOrDefault(t => t.Name == bind.Groups["type"].Value);
                var section = type?.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string;
                if (type is null || section is null)
                {
                    unresolved.Add(bind.Value);
                    continue;
                }

                foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true))
                    keys.Add($"{section}:{property.Name}");
            }

            unresolved.AddRange(OtherReads().Matches(text).Select(m => m.Value));
        }

        return new Found(keys, unresolved);
    }

    /// <summary>The settings named in the first column of the reference's "Settings the server reads" table.</summary>
    public static IReadOnlySet<string> SettingsInTheReference()
    {
        var text = File.ReadAllText(ReferencePath);
        var start = text.IndexOf("## Settings the server reads", StringComparison.Ordinal);
        Assert.True(start >= 0, $"{ReferencePath} has no section \"## Settings the server reads\"");
        var end = text.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = end < 0 ? text[start..] : text[start..end];
        return TableRowKey().Matches(section).Select(m => m.Groups["key"].Value).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Every name the reference puts in backticks (the server's settings, the framework's, examples).</summary>
    public static IReadOnlySet<string> NamesInTheReference() =>
        Backticked().Matches(File.ReadAllText(ReferencePath)).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

    private static string? Resolve(string argument, Dictionary<string, List<string>> constants)
    {
        var trimmed = argument.Trim();
        if (trimmed.StartsWith('"') && trimmed.EndsWith('"')) return trimmed[1..^1];
        var name = trimmed[(trimmed.LastIndexOf('.') + 1)..];
        return constants.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;
    }

    [GeneratedRegex(@"const string (?<name>\w+) = ""(?<value>[^""]*)""")]
    private static partial Regex StringConstant();

    [GeneratedRegex(@"(?:(?<call>[Cc]onfiguration)\[(?<arg>[^\]]+)\]|\.(?<call>GetValue)<[^>]+>\((?<arg>[^,)]+)|\.(?<call>GetConnectionString)\((?<arg>[^)]+)\))")]
    private static partial Regex KeyRead();

    [GeneratedRegex(@"BindConfiguration\((?<type>\w+)\.SectionName\)")]
    private static partial Regex SectionBind();

    /// <summary>Ways of reading configuration this scanner does not resolve: any use fails the test until it learns it.</summary>
    [GeneratedRegex(@"\.GetSection\([^)]*\)|\.Bind\([^)]*\)|BindConfiguration\((?!\w+\.SectionName\))[^)]*\)|(?<!Features)\.Get<[^>]+>\(\)")]
    private static partial Regex OtherReads();

    [GeneratedRegex(@"^\| `(?<key>[^`]+)` \|", RegexOptions.Multiline)]
    private static partial Regex TableRowKey();

    [GeneratedRegex(@"`(?<name>[^`\s]+)`")]
    private static partial Regex Backticked();
}
