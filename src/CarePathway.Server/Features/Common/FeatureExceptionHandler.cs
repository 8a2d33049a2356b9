using CarePathway.Engine.Execution;
using CarePathway.Engine.Runtime;
using CarePathway.Server.Persistence;
using CarePathway.Server.Security.PatientAccess;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Common;

/// <summary>
/// Maps the features' exceptions to problem details: 400/422 with an "errors" map of field to
/// messages, 404, 409 (with what is there now, e.g. who decided first, or the unique key another
/// request claimed a moment earlier: <see cref="UniqueViolation"/>), 403, and 503 when no database connection was free
/// in time (<see cref="DatabaseBusy"/>).
/// </summary>
internal sealed class FeatureExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = exception switch
        {
            RequestValidationException v => new ValidationProblemDetails(
                v.Problems.GroupBy(p => p.ActivityId is null ? p.Field : $"{p.ActivityId}.{p.Field}")
                    .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()))
            {
                Status = v.Unprocessable ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status400BadRequest,
                Title = v.Unprocessable ? "The request breaks a rule" : "The request has invalid fields",
                Detail = string.Join("; ", v.Problems.Select(p => p.ActivityId is null ? $"{p.Field}: {p.Message}" : p.ToString())),
            },
            InvalidStartException s => new ValidationProblemDetails(
                s.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()))
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "The pathway cannot start with these parameters",
                Detail = string.Join("; ", s.Problems.Select(p => $"{p.Field}: {p.Message}")),
            },
            RefusedException r => new ValidationProblemDetails(
                r.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()))
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = r is StimulusRefusedException ? "The pathway refused this" : "The request breaks a rule",
                Detail = r.Message,
            },
            DbUpdateException d when UniqueViolation.Of(d) is { } unique => Conflict(unique.Message, unique.Current),
            ConcurrentChangeException => Conflict("The record was changed by someone else. Reload it and try again.", null),
            NotFoundException n => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = n.Message },
            ConflictException c => Conflict(c.Message, c.Current),
            InvalidInstanceTransitionException t => Conflict(t.Message, null),
            IllegalTransitionException t => Conflict(t.Message, null),
            ForbiddenException f => new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Forbidden", Detail = f.Message },
            BreakTheGlassRequiredException b => new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Type = BreakTheGlassRequiredException.ProblemType,
                Title = "Outside your services",
                Detail = b.Message,
                Extensions = { ["patientId"] = b.PatientId, ["breakTheGlass"] = true },
            },
            _ when DatabaseBusy.Is(exception) => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The service is busy",
                Detail = "The database did not answer in time (no connection free, or too busy); nothing was saved. Try again in a moment.",
            },
            _ => null,
        };
        if (problem is null) return false;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
            httpContext.Response.Headers.RetryAfter = ((int)DatabaseBusy.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Conflict(string message, object? current)
    {
        var problem = new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict", Detail = message };
        if (current is not null) problem.Extensions["current"] = current;
        return problem;
    }
}
