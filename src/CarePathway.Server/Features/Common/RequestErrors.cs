using CarePathway.Engine.Validation;

namespace CarePathway.Server.Features.Common;

/// <summary>Input that is malformed or breaks a rule: answered 400 (or 422 for a rule), naming each field.</summary>
public sealed class RequestValidationException(IReadOnlyList<ValidationProblem> problems, bool unprocessable = false)
    : Exception(string.Join("; ", problems))
{
    public IReadOnlyList<ValidationProblem> Problems { get; } = problems;

    /// <summary>True for well-formed input that a rule refuses (422), false for malformed input (400).</summary>
    public bool Unprocessable { get; } = unprocessable;

    public static RequestValidationException Field(string field, string message, bool unprocessable = false) =>
        new([new ValidationProblem(null, field, message)], unprocessable);
}
