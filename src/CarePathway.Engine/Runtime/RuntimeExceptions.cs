namespace CarePathway.Engine.Runtime;

/// <summary>The thing asked for does not exist (a host answers 404).</summary>
public sealed class NotFoundException(string what) : Exception($"{what} was not found");

/// <summary>The request collides with the current state: already decided, stale version, not a draft (409).</summary>
public sealed class ConflictException(string message, object? current = null) : Exception(message)
{
    /// <summary>What is there now, for the caller to show (e.g. who decided first).</summary>
    public object? Current { get; } = current;
}

/// <summary>The actor may not do this, e.g. complete a task meant for another role (403).</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>Another writer changed the instance between this unit of work's read and its write.</summary>
public sealed class ConcurrentChangeException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Well-formed input a rule refuses, each problem naming its field; nothing was changed (a host answers 422).</summary>
public class RefusedException(IReadOnlyList<Validation.ValidationProblem> problems)
    : Exception("refused: " + string.Join("; ", problems.Select(p => $"{p.Field}: {p.Message}")))
{
    public IReadOnlyList<Validation.ValidationProblem> Problems { get; } = problems;
}
