using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;

namespace CarePathway.Server.Hosting;

/// <summary>
/// A request the minimal-API binder refused before any endpoint ran (a query value that does not parse, a required
/// parameter or body missing, a body value of the wrong JSON type) as a 400 naming what is wrong: the parameter (or
/// the body's path, <c>$</c> for the body itself) and what it must be, in words rather than the binder's .NET types.
/// </summary>
internal static partial class BindingFailures
{
    /// <summary>The binder's messages name the parameter as <c>"type name"</c> (e.g. <c>Failed to bind parameter "int? page" from "abc".</c>).</summary>
    [GeneratedRegex("""parameter "(?:[^"]* )?(?<name>[^" ]+)"(?<rest>.*)""", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex NamedParameter();

    public static HttpValidationProblemDetails Problem(HttpContext context, BadHttpRequestException exception) => new(Errors(context, exception))
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "The request has invalid fields",
    };

    private static Dictionary<string, string[]> Errors(HttpContext context, BadHttpRequestException exception)
    {
        // A body value of the wrong JSON type or format ("patientId": false): named by its path, without the
        // serializer's message, which names .NET types.
        if (exception.InnerException is JsonException { Path: { Length: > 2 } path }) return One(path[2..], "has the wrong type or format");
        if (exception.InnerException is JsonException) return One("$", "is not a JSON document of the expected shape");
        if (NamedParameter().Match(exception.Message) is not { Success: true } match) return One("$", "could not be read");

        var name = match.Groups["name"].Value;
        var rest = match.Groups["rest"].Value;
        // The exception handler has cleared the request's endpoint by now; its feature keeps the one that failed.
        var endpoint = context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint();
        var parameter = endpoint?.Metadata.OfType<IParameterBindingMetadata>()
            .FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        if (rest.Contains("body", StringComparison.OrdinalIgnoreCase) || exception.Message.StartsWith("Implicit body", StringComparison.Ordinal))
            return One("$", "a JSON object body is required");
        if (exception.Message.StartsWith("Required parameter", StringComparison.Ordinal)) return One(name, "is required");
        return One(name, parameter is null ? "has the wrong type or format" : $"must be {Expected(parameter.ParameterInfo.ParameterType)}");
    }

    /// <summary>What a value of <paramref name="type"/> looks like, as a person typing a URL reads it.</summary>
    private static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum) return "one of " + string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant()));
        return Type.GetTypeCode(type) switch
        {
            TypeCode.Int16 or TypeCode.Int32 or TypeCode.Int64 or TypeCode.UInt16 or TypeCode.UInt32 or TypeCode.UInt64 or TypeCode.Byte => "a whole number",
            TypeCode.Decimal or TypeCode.Double or TypeCode.Single => "a number",
            TypeCode.Boolean => "true or false",
            TypeCode.DateTime => "a date and time (ISO 8601)",
            _ when type == typeof(Guid) => "an id (a GUID)",
            _ when type == typeof(DateTimeOffset) => "a date and time (ISO 8601)",
            _ when type == typeof(DateOnly) => "a date (yyyy-mm-dd)",
            _ => "of the right type and format",
        };
    }

    private static Dictionary<string, string[]> One(string field, string message) => new() { [field] = [message] };
}
