using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Expressions;

namespace CarePathway.Engine.Validation;

/// <summary>
/// What the validator checks of inputs beyond their binding (presence, JSON shape, choices, parsing): that every
/// expression names only what the definition declares and the engine knows.
/// </summary>
internal sealed class InputRules(WorkflowDefinition definition)
{
    private readonly HashSet<string> _parameters = [.. definition.Parameters.Select(p => p.Name)];
    private readonly HashSet<string> _variables = [.. definition.Variables.Select(v => v.Name)];

    public IEnumerable<string> CheckExpression(ParsedExpression expression) =>
        expression.References
            .Where(r => r.Kind == ReferenceKind.Name && !IsKnown(r.Name))
            .Select(r => $"expression names something unknown: '{r.Name}'");

    private bool IsKnown(string name)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0) return false;
        var rest = name[(dot + 1)..];
        return name[..dot] switch
        {
            "param" => _parameters.Contains(rest),
            "var" => _variables.Contains(rest),
            "patient" => PatientNames.IsKnown(rest),
            "course" => CourseNames.All.Contains(rest),
            _ => false,
        };
    }
}
