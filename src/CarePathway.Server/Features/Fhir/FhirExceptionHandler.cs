using CarePathway.Engine.Runtime;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Persistence;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Fhir;

/// <summary>
/// Under <c>/fhir</c> every refusal is an <see cref="OperationOutcome"/> (what FHIR clients read), not problem details:
/// a <see cref="FhirRefusedException"/> as it is, and the server's own refusals (a body over the size limit, JSON that does not
/// parse, a duplicate sent at the same moment, a busy database) said the same way. Elsewhere it does nothing.
/// </summary>
internal sealed class FhirExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!httpContext.Request.Path.StartsWithSegments(FhirEndpoints.Base)) return false;
        var refusal = AsRefusal(exception);
        if (refusal is null) return false;
        if (refusal.Status == StatusCodes.Status503ServiceUnavailable)
            httpContext.Response.Headers.RetryAfter = ((int)DatabaseBusy.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await FhirFormat.Result(refusal.Outcome(), refusal.Status).ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>The refusal an exception means under <c>/fhir</c>, or null for a fault (a 500): also what a batch entry's failure is answered with.</summary>
    public static FhirRefusedException? AsRefusal(Exception exception) => exception switch
    {
        FhirRefusedException fhir => fhir,
        RequestValidationException invalid => new FhirRefusedException(StatusCodes.Status400BadRequest,
            [.. invalid.Problems.Select(p => new FhirIssue(OperationOutcome.IssueType.Structure, p.Field == "$" ? null : p.Field, p.Message))]),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } tooLarge => One(StatusCodes.Status413PayloadTooLarge, OperationOutcome.IssueType.TooCostly,
            $"{tooLarge.Message} Split the bundle (a laboratory panel is a few kilobytes)."),
        BadHttpRequestException bad => One(bad.StatusCode, OperationOutcome.IssueType.Structure, bad.Message),
        DbUpdateException d when UniqueViolation.Of(d) is { } unique => One(StatusCodes.Status409Conflict, OperationOutcome.IssueType.Duplicate, unique.Message),
        ConcurrentChangeException => One(StatusCodes.Status409Conflict, OperationOutcome.IssueType.Conflict, "the record was changed at the same moment; send it again"),
        NotFoundException notFound => One(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, notFound.Message),
        ConflictException conflict => One(StatusCodes.Status409Conflict, OperationOutcome.IssueType.Conflict, conflict.Message),
        ForbiddenException forbidden => One(StatusCodes.Status403Forbidden, OperationOutcome.IssueType.Forbidden, forbidden.Message),
        _ when DatabaseBusy.Is(exception) => One(StatusCodes.Status503ServiceUnavailable, OperationOutcome.IssueType.Transient,
            "the database did not answer in time; nothing was saved. Try again in a moment."),
        _ => null,
    };

    private static FhirRefusedException One(int status, OperationOutcome.IssueType code, string message) => new(status, [new FhirIssue(code, null, message)]);
}
