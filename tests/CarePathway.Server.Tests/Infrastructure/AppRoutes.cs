using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CarePathway.Server.Tests.Infrastructure;

/// <summary>One method and route pattern the app maps, with its endpoint (for its metadata).</summary>
public sealed partial record AppRoute(string Method, string Pattern, Endpoint Endpoint)
{
    public override string ToString() => $"{Method} {Pattern}";

    /// <summary>The route with a dummy value for each parameter (a new GUID, 1 for an int, a word otherwise).</summary>
    public string DummyUrl() => "/" + RouteParameter().Replace(Pattern.TrimStart('/'), m =>
        m.Groups["constraint"].Value.Contains("guid", StringComparison.OrdinalIgnoreCase) ? Guid.NewGuid().ToString()
        : m.Groups["constraint"].Value.Contains("int", StringComparison.OrdinalIgnoreCase) ? "1"
        : "dummy");

    /// <summary>Calls the route with dummy parameters and, for a method with a body, a JSON body no operation accepts as real.</summary>
    public async Task<HttpResponseMessage> CallAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(new HttpMethod(Method), DummyUrl());
        if (Method is "POST" or "PUT" or "PATCH") request.Content = JsonHttp.Body(new { refreshToken = "not-a-token" });
        return await client.SendAsync(request);
    }

    /// <summary>Every route the app maps, read from the app itself so a new route cannot escape a test, in a stable order.</summary>
    public static List<AppRoute> Of(IServiceProvider services) =>
    [
        .. services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => new AppRoute(method, "/" + e.RoutePattern.RawText!.TrimStart('/'), e)))
            .OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal),
    ];

    [GeneratedRegex(@"\{\**(?<name>[^}:?=]+)(?<constraint>[^}]*)\}")]
    private static partial Regex RouteParameter();
}
