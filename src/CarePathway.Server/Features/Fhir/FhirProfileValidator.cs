using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace CarePathway.Server.Features.Fhir;

/// <summary>
/// Validates resources against the R4 base profiles with the Firely validator, offline (the specification ships in
/// <c>Hl7.Fhir.Specification.Data.R4</c>). Inbound resources are refused on an error; the tests hold what the server
/// emits to the same standard.
/// </summary>
public static class FhirProfileValidator
{
    // The specification's profiles, compiled on first use (about 5 s) and kept for the process: they never change,
    // and every host in the process (tests start many) shares them; a validation afterwards takes milliseconds.
    private static readonly Lazy<Validator> Shared = new(() =>
    {
        var resolver = new CachedResolver(ZipSource.CreateValidationSource());
        return new Validator(resolver, new LocalTerminologyService(resolver));
    });

    /// <summary>The errors of <paramref name="resource"/> against its base profile (warnings and information left out).</summary>
    public static IReadOnlyList<FhirIssue> Errors(Resource resource)
    {
        OperationOutcome outcome;
        lock (Shared) outcome = Shared.Value.Validate(resource);
        return [.. outcome.Issue
            .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => new FhirIssue(i.Code ?? OperationOutcome.IssueType.Invalid, i.Expression.FirstOrDefault(), i.Details?.Text ?? i.Diagnostics ?? "invalid"))];
    }
}
