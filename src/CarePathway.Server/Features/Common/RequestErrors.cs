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

/// <summary>The thing asked for does not exist: 404.</summary>
public sealed class NotFoundException(string what) : Exception($"{what} was not found");

/// <summary>The request collides with the current state (already decided, stale version, not a draft): 409.</summary>
public sealed class ConflictException(string message, object? current = null) : Exception(message)
{
    /// <summary>What is there now, for the caller to show (e.g. who decided first).</summary>
    public object? Current { get; } = current;
}

/// <summary>Signed in, but not allowed to do this: 403.</summary>
public sealed class ForbiddenException(string message) : Exception(message);
