using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CarePathway.Server.Tests.Infrastructure;

/// <summary>JSON over HTTP for tests: bodies as <see cref="JsonNode"/>, status checked with the body in the failure message.</summary>
public static class JsonHttp
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static HttpContent Body(object? value) =>
        new StringContent(value is JsonNode node ? node.ToJsonString() : JsonSerializer.Serialize(value, Web), Encoding.UTF8, "application/json");

    public static HttpContent RawBody(string text) => new StringContent(text, Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object? body) => client.PostAsync(url, Body(body));

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object? body) => client.PutAsync(url, Body(body));

    /// <summary>The response body as JSON (null for an empty body).</summary>
    public static async Task<JsonNode?> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    /// <summary>Asserts the status (showing the body when it differs) and returns the body as JSON.</summary>
    public static async Task<JsonNode> ExpectAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: expected {(int)status} {status}, got {(int)response.StatusCode} {response.StatusCode}: {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    public static async Task<JsonNode> GetJsonAsync(this HttpClient client, string url) =>
        await (await client.GetAsync(url)).ExpectAsync(HttpStatusCode.OK);

    /// <summary>
    /// Asserts an RFC 9457 problem-details answer with the status, and returns it. When
    /// <paramref name="fields"/> are given, each must be a key of its "errors" map.
    /// </summary>
    public static async Task<JsonNode> ExpectProblemAsync(this HttpResponseMessage response, HttpStatusCode status, params string[] fields)
    {
        var problem = await response.ExpectAsync(status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, problem["status"]?.GetValue<int>());
        if (fields.Length > 0)
        {
            var errors = problem["errors"] as JsonObject;
            Assert.True(errors is not null, $"no \"errors\" in {problem.ToJsonString()}");
            foreach (var field in fields)
            {
                Assert.True(errors.ContainsKey(field), $"\"errors\" does not name {field}: {problem.ToJsonString()}");
            }
        }

        return problem;
    }

    public static string Str(this JsonNode? node, string property) =>
        node?[property]?.GetValue<string>() ?? throw new InvalidOperationException($"no string {property} in {node?.ToJsonString()}");

    public static Guid Id(this JsonNode? node, string property = "id") => Guid.Parse(node.Str(property));

    public static IReadOnlyList<JsonNode> Items(this JsonNode? page) =>
        [.. (page?["items"] as JsonArray ?? throw new InvalidOperationException($"not a page: {page?.ToJsonString()}")).Select(x => x!)];

    public static MediaTypeHeaderValue JsonMediaType { get; } = new("application/json");
}
