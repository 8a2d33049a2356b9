using System.Text.Json.Nodes;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Fuzz;

/// <summary>A parameter of an operation: where it goes (path or query), its name and its schema.</summary>
public sealed record OperationParameter(string Name, string In, JsonNode? Schema);

/// <summary>One operation of the OpenAPI document: method, path template, parameters and the JSON body's schema (null when it takes none).</summary>
public sealed record OpenApiOperation(HttpMethod Method, string Path, IReadOnlyList<OperationParameter> Parameters, JsonNode? Body)
{
    public override string ToString() => $"{Method} {Path}";
}

/// <summary>Reads every operation of the server's own OpenAPI document, and resolves its schema references.</summary>
public sealed class OpenApiOperations(JsonNode document)
{
    public IReadOnlyList<OpenApiOperation> All { get; } =
    [
        .. from path in document["paths"]!.AsObject()
           from operation in path.Value!.AsObject()
           select new OpenApiOperation(
               HttpMethod.Parse(operation.Key),
               path.Key,
               [.. (operation.Value!["parameters"]?.AsArray() ?? []).Select(p => new OperationParameter(p.Str("name"), p.Str("in"), p!["schema"]))],
               operation.Value!["requestBody"]?["content"]?["application/json"]?["schema"]),
    ];

    /// <summary>The schema itself, or the one its <c>$ref</c> names (<c>#/components/schemas/X</c>).</summary>
    public JsonNode? Resolve(JsonNode? schema)
    {
        while (schema?["$ref"]?.GetValue<string>() is { } reference)
        {
            schema = document["components"]!["schemas"]![reference.Split('/')[^1]];
        }

        return schema;
    }

    /// <summary>The name a <c>$ref</c> points at (e.g. "JsonNode"), or null.</summary>
    public static string? ReferenceName(JsonNode? schema) => schema?["$ref"]?.GetValue<string>()?.Split('/')[^1];
}
