using Hl7.Fhir.Model;

namespace CarePathway.Server.Features.Fhir;

/// <summary>
/// A FHIR request refused, with the HTTP status and the <see cref="OperationOutcome"/> that says why, each issue naming
/// its element (<c>Observation.valueQuantity.code</c>). Nothing was stored.
/// </summary>
public sealed class FhirRefusedException(int status, IReadOnlyList<FhirIssue> issues)
    : Exception(string.Join("; ", issues.Select(i => i.Expression is null ? i.Message : $"{i.Expression}: {i.Message}")))
{
    public int Status { get; } = status;
    public IReadOnlyList<FhirIssue> Issues { get; } = issues;

    public static FhirRefusedException Invalid(string expression, string message) => new(StatusCodes.Status422UnprocessableEntity, [new FhirIssue(OperationOutcome.IssueType.Invalid, expression, message)]);

    /// <summary>The same refusal about the resource of a bundle's entry: <c>Observation.code</c> becomes <c>Bundle.entry[2].resource.code</c>.</summary>
    public FhirRefusedException InEntry(int index) =>
        new(Status, [.. Issues.Select(i => i with { Expression = FhirIssue.InEntry(index, i.Expression) })]);

    public OperationOutcome Outcome() => FhirIssue.Outcome(Issues);
}

/// <summary>One issue of an <see cref="OperationOutcome"/>: what kind, where (a FHIRPath expression), and why.</summary>
public sealed record FhirIssue(OperationOutcome.IssueType Code, string? Expression, string Message,
    OperationOutcome.IssueSeverity Severity = OperationOutcome.IssueSeverity.Error)
{
    public static string InEntry(int index, string? expression)
    {
        var prefix = $"Bundle.entry[{index}]";
        if (expression is null) return prefix;
        var dot = expression.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? $"{prefix}.resource" : $"{prefix}.resource{expression[dot..]}";
    }

    public static OperationOutcome Outcome(IEnumerable<FhirIssue> issues) => new()
    {
        Issue = [.. issues.Select(i => new OperationOutcome.IssueComponent
        {
            Severity = i.Severity,
            Code = i.Code,
            Diagnostics = i.Message,
            Expression = i.Expression is { } expression ? [expression] : [],
        })],
    };
}
