using CarePathway.Engine.Runtime;
using CarePathway.Engine.Validation;
using CarePathway.Server.Features.Common;
using Hl7.Fhir.Model;

namespace CarePathway.Server.Features.Fhir.Inbound;

/// <summary>
/// The product's refusals of what a resource became (a lab entry's unit, a patient's birth date), said in FHIR: each
/// field the product names becomes the element it was read from.
/// </summary>
internal static class ProductRefusals
{
    /// <summary>Runs <paramref name="work"/>; a refusal from the product's own handlers comes out as a <see cref="FhirRefusedException"/> on the resource's elements.</summary>
    public static async Task<T> AsFhirAsync<T>(Func<Task<T>> work, IReadOnlyDictionary<string, string> elements, string resourceType)
    {
        try
        {
            return await work();
        }
        catch (RequestValidationException invalid)
        {
            throw new FhirRefusedException(StatusCodes.Status422UnprocessableEntity, Issues(invalid.Problems, elements, resourceType));
        }
        catch (RefusedException refused)
        {
            throw new FhirRefusedException(StatusCodes.Status422UnprocessableEntity, Issues(refused.Problems, elements, resourceType));
        }
        catch (ConflictException conflict)
        {
            throw new FhirRefusedException(StatusCodes.Status409Conflict, [new FhirIssue(OperationOutcome.IssueType.Conflict, resourceType, conflict.Message)]);
        }
    }

    private static List<FhirIssue> Issues(IEnumerable<ValidationProblem> problems, IReadOnlyDictionary<string, string> elements, string resourceType) =>
        [.. problems.Select(p => new FhirIssue(OperationOutcome.IssueType.BusinessRule, elements.GetValueOrDefault(p.Field, resourceType), p.Message))];
}
