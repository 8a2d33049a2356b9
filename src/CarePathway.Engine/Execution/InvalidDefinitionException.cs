using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Execution;

/// <summary>
/// A definition that cannot be compiled for running: an activity of an unknown type, or inputs that do not bind. The
/// validator reports the same problems, and hosts only run definitions that passed it, so this is a host's defect.
/// </summary>
public sealed class InvalidDefinitionException(IReadOnlyList<ValidationProblem> problems)
    : Exception("the definition does not compile: " + string.Join("; ", problems))
{
    public IReadOnlyList<ValidationProblem> Problems { get; } = problems;
}
