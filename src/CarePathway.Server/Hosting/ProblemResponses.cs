using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace CarePathway.Server.Hosting;

/// <summary>
/// The problem-details answers an endpoint can give besides its success, as the features'
/// exception handlers write them (<c>Features/Common/FeatureExceptionHandler</c>, <see cref="ProblemDetailsExceptionHandler"/>).
/// Declared so the OpenAPI document, and the web app's types generated from it, know the error bodies.
/// </summary>
[Flags]
public enum Problems
{
    None = 0,

    /// <summary>400: malformed input (a body that does not read, a parameter out of range), with <c>errors</c> by field when a rule names one.</summary>
    BadRequest = 1 << 0,

    /// <summary>401: not signed in (every endpoint behind the fallback policy), or a sign-in refused.</summary>
    Unauthorized = 1 << 1,

    /// <summary>403: signed in without the role (administrators' endpoints, a task for another role).</summary>
    Forbidden = 1 << 2,

    /// <summary>404: what the route names does not exist.</summary>
    NotFound = 1 << 3,

    /// <summary>409: it collides with the current state (already decided, stale rowVersion, not a draft); <c>current</c> says what is there now where known.</summary>
    Conflict = 1 << 4,

    /// <summary>422: well-formed, but a rule refused it, with <c>errors</c> by field.</summary>
    Unprocessable = 1 << 5,

    /// <summary>429: too many attempts (sign-in) from this client; <c>Retry-After</c> says when to try again.</summary>
    TooManyRequests = 1 << 6,
}

public static class ProblemResponseExtensions
{
    /// <summary>Declares each of <paramref name="problems"/> as an <c>application/problem+json</c> response (400 and 422 with field errors).</summary>
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, Problems problems)
        where TBuilder : IEndpointConventionBuilder
    {
        if (problems.HasFlag(Problems.BadRequest)) builder.ProducesValidationProblem(StatusCodes.Status400BadRequest);
        if (problems.HasFlag(Problems.Unauthorized)) builder.ProducesProblem(StatusCodes.Status401Unauthorized);
        if (problems.HasFlag(Problems.Forbidden)) builder.ProducesProblem(StatusCodes.Status403Forbidden);
        if (problems.HasFlag(Problems.NotFound)) builder.ProducesProblem(StatusCodes.Status404NotFound);
        if (problems.HasFlag(Problems.Conflict)) builder.ProducesProblem(StatusCodes.Status409Conflict);
        if (problems.HasFlag(Problems.Unprocessable)) builder.ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        if (problems.HasFlag(Problems.TooManyRequests)) builder.ProducesProblem(StatusCodes.Status429TooManyRequests);
        return builder;
    }

    /// <summary>
    /// Declares 413 on each endpoint of <paramref name="builder"/> that reads a request body
    /// (<see cref="RequestGuards.MaxBodyBytes"/>); run last, once the body's metadata is known.
    /// </summary>
    public static TBuilder ProducesTooLargeForBodies<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Finally(endpoint =>
        {
            if (endpoint.Metadata.OfType<IAcceptsMetadata>().Any())
                endpoint.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status413PayloadTooLarge, typeof(ProblemDetails), ["application/problem+json"]));
        });
        return builder;
    }
}
