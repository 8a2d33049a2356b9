using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using Hl7.Fhir.Validation;

namespace CarePathway.Server.Features.Fhir;

/// <summary>
/// FHIR R4 JSON in and out, with the Firely SDK: a body is read strictly (an unknown element, a wrong type or a bad
/// code is refused, named by its path), and resources are written as <c>application/fhir+json</c>.
/// </summary>
internal static class FhirFormat
{
    public const string MediaType = "application/fhir+json";

    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings());
    private static readonly BaseFhirJsonSerializer Serializer = new(ModelInfo.ModelInspector);

    /// <summary>The request's resource, or a 400 <see cref="FhirRefusedException"/> naming each element that is wrong.</summary>
    public static async Task<Resource> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return Parse(await reader.ReadToEndAsync(ct));
    }

    public static Resource Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json)) throw Malformed(null, "the body is empty; send a FHIR resource");
        try
        {
            return Deserializer.DeserializeResource(json);
        }
        catch (DeserializationFailedException failed)
        {
            throw new FhirRefusedException(StatusCodes.Status400BadRequest, [.. failed.Exceptions.Select(Issue)]);
        }
        catch (JsonException notJson)
        {
            throw Malformed(null, $"the body is not JSON: {notJson.Message}");
        }
    }

    public static string Serialize(Resource resource) => Serializer.SerializeToString(resource);

    /// <summary>A resource as the answer, with its media type.</summary>
    public static IResult Result(Resource resource, int status = StatusCodes.Status200OK, string? location = null) => new FhirResult(resource, status, location);

    private static FhirRefusedException Malformed(string? expression, string message) =>
        new(StatusCodes.Status400BadRequest, [new FhirIssue(OperationOutcome.IssueType.Structure, expression, message)]);

    private static FhirIssue Issue(CodedException problem) => new(OperationOutcome.IssueType.Structure, problem switch
    {
        CodedValidationException v => v.InstancePath,
        FhirJsonException j => j.InstancePath,
        _ => null,
    }, problem.Message);

    private sealed class FhirResult(Resource resource, int status, string? location) : IResult
    {
        public async System.Threading.Tasks.Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = MediaType + "; charset=utf-8";
            if (location is not null) httpContext.Response.Headers.Location = location;
            await httpContext.Response.WriteAsync(Serialize(resource), httpContext.RequestAborted);
        }
    }
}
