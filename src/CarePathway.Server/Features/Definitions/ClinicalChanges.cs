using System.Text.Json;
using CarePathway.Engine.Definitions;

namespace CarePathway.Server.Features.Definitions;

/// <summary>A clinical parameter (one with a unit or a source: a dose, cap, threshold, interval) added, removed or changed.</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="Change">added, removed or changed.</param>
/// <param name="Fields">For a change, the fields that differ (type, default, unit, source).</param>
/// <param name="Before">The parameter in the version compared with; null when added.</param>
/// <param name="After">The parameter in this version; null when removed.</param>
public sealed record ClinicalParameterChange(string Name, string Change, IReadOnlyList<string> Fields, ParameterDefinition? Before, ParameterDefinition? After);

/// <summary>
/// Which clinical parameters a version changes against the one it replaces. A change of such a parameter needs a
/// second person's approval before it is live (issue 15: a per-dose cap went from 60 to 90 mg with one click);
/// its description is prose and does not count.
/// </summary>
internal static class ClinicalChanges
{
    public static IReadOnlyList<ClinicalParameterChange> Between(WorkflowDefinition? before, WorkflowDefinition after)
    {
        var old = (before?.Parameters ?? []).ToDictionary(p => p.Name, StringComparer.Ordinal);
        var current = after.Parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var changes = new List<ClinicalParameterChange>();
        foreach (var parameter in after.Parameters)
        {
            if (!old.TryGetValue(parameter.Name, out var was))
            {
                if (IsClinical(parameter)) changes.Add(new(parameter.Name, "added", [], null, parameter));
                continue;
            }

            if (!IsClinical(parameter) && !IsClinical(was)) continue;
            List<string> fields = [];
            if (parameter.Type != was.Type) fields.Add("type");
            if (Canonical(parameter.Default) != Canonical(was.Default)) fields.Add("default");
            if (parameter.Unit != was.Unit) fields.Add("unit");
            if (parameter.Source != was.Source) fields.Add("source");
            if (fields.Count > 0) changes.Add(new(parameter.Name, "changed", fields, was, parameter));
        }

        changes.AddRange(before?.Parameters.Where(p => !current.ContainsKey(p.Name) && IsClinical(p))
            .Select(p => new ClinicalParameterChange(p.Name, "removed", [], p, null)) ?? []);
        return changes;
    }

    private static bool IsClinical(ParameterDefinition parameter) =>
        !string.IsNullOrWhiteSpace(parameter.Unit) || !string.IsNullOrWhiteSpace(parameter.Source);

    /// <summary>The value as compact JSON, so 60 and 60.0 differ (a reviewer sees both) but layout does not.</summary>
    private static string Canonical(JsonElement? value) => value is { } v ? JsonSerializer.Serialize(v) : "null";
}
