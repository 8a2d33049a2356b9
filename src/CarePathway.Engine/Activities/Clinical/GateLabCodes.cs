using System.Text.Json;
using CarePathway.Engine.Clinical;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Expressions;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Activities.Clinical;

/// <summary>
/// A lab a gate requires is a lab one of its rules uses, and a lab a rule uses is one the gate requires fresh: a
/// required lab nobody reads makes patients wait for nothing, and a lab read but not required is compared however
/// old it is. The same measurement under another code counts (creatinine by mass or by moles), a calculated lab uses
/// what it is calculated from (corrected calcium: total calcium and albumin), and a rule reading a RenalFunction's
/// variable uses creatinine. A code the lab catalog does not know is refused: no result for it could be recorded, so
/// the gate would wait for ever.
/// </summary>
internal static class GateLabCodes
{
    private const string Creatinine = "2160-0";

    public static IEnumerable<ValidationProblem> Check(ActivityDefinition activity, IReadOnlyList<string> codes,
        IEnumerable<ExpressionInput> rules, WorkflowDefinition definition)
    {
        foreach (var code in codes.Where(c => LabCatalog.Find(c) is null))
            yield return new ValidationProblem(activity.Id, "inputs.codes", LabCatalog.UnknownCode(code));
        var used = Used(rules.ToList(), definition);
        foreach (var code in codes.Where(c => !used.Any(u => Same(c, u) || LabCatalog.CalculatedFrom(u).Contains(c))))
            yield return new ValidationProblem(activity.Id, "inputs.codes", $"requires {LabCatalog.NameOf(code)} ({code}), which no rule uses");
        foreach (var code in used.Where(u => !codes.Any(c => Same(c, u))).Distinct())
            yield return new ValidationProblem(activity.Id, "inputs.rules", $"a rule uses {LabCatalog.NameOf(code)} ({code}), which the gate does not require fresh: add it to codes");
    }

    private static List<string> Used(List<ExpressionInput> rules, WorkflowDefinition definition)
    {
        var references = rules.SelectMany(r => r.Expression.References).ToList();
        var renalVariables = definition.Activities
            .Where(a => a.Type == "RenalFunction" && a.Inputs.TryGetValue("variable", out var v) && v.ValueKind == JsonValueKind.String)
            .Select(a => "var." + a.Inputs["variable"].GetString());
        var used = references.Where(r => r.Kind == ReferenceKind.LabCode).Select(r => r.Name).ToList();
        if (references.Any(r => r.Kind == ReferenceKind.Name && renalVariables.Contains(r.Name, StringComparer.Ordinal))) used.Add(Creatinine);
        return used;
    }

    private static bool Same(string a, string b) => a == b || LabCatalog.Answers(a, b) || LabCatalog.Answers(b, a);
}
