using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Serialization;

namespace CarePathway.Engine.Execution;

/// <summary>
/// The strings a closed set's values travel as: each member's <see cref="JsonStringEnumMemberNameAttribute"/>.
/// JSON reads the attribute itself; the database columns, messages and query parameters read it here, so every
/// wire (JSON, database, text) carries the same lowercase names the sets had when they were string constants.
/// </summary>
public static class WireNames
{
    /// <summary>The value's wire name, e.g. "running".</summary>
    public static string WireName<TEnum>(this TEnum value) where TEnum : struct, Enum => Names<TEnum>.ByValue[value];

    /// <summary>The value whose wire name is <paramref name="name"/> (exact, case-sensitive, as JSON reads it).</summary>
    public static bool TryParse<TEnum>(string? name, out TEnum value) where TEnum : struct, Enum
    {
        value = default;
        return name is not null && Names<TEnum>.ByName.TryGetValue(name, out value);
    }

    /// <summary>The value whose wire name is <paramref name="name"/>; a stored name the set does not know is a defect.</summary>
    public static TEnum Parse<TEnum>(string name) where TEnum : struct, Enum =>
        TryParse<TEnum>(name, out var value) ? value : throw new FormatException($"'{name}' is not a {typeof(TEnum).Name}");

    /// <summary>Every wire name of the set, in declaration order (for messages such as "must be missing or held").</summary>
    public static IReadOnlyList<string> All<TEnum>() where TEnum : struct, Enum => Names<TEnum>.InOrder;

    private static class Names<TEnum> where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> ByValue = Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, NameOf);
        public static readonly FrozenDictionary<string, TEnum> ByName = ByValue.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
        public static readonly IReadOnlyList<string> InOrder = [.. Enum.GetValues<TEnum>().Select(v => ByValue[v])];

        // A member without the attribute would travel as its C# name: refuse it rather than change a wire silently.
        private static string NameOf(TEnum value) =>
            typeof(TEnum).GetField(value.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
            ?? throw new InvalidOperationException($"{typeof(TEnum).Name}.{value} has no wire name ([JsonStringEnumMemberName])");
    }
}
