using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CarePathway.Server.Tests.Cluster;

/// <summary>What a request to the cluster came to: an answer (any status), or no answer at all (the node died, or refused the connection).</summary>
public sealed record ClusterAnswer(HttpStatusCode? Status, JsonNode? Body, string Node)
{
    public bool Answered => Status is not null;
}

/// <summary>
/// The API as clients of a load-balanced cluster use it: each request goes to a random node with one bearer token,
/// whichever node issued it (the nodes share the key ring). <see cref="SendAsync"/> tries once; the callers decide
/// what a request without an answer means, since a POST may or may not have been committed by a node killed mid-way.
/// </summary>
public sealed class ClusterClient(IReadOnlyList<ServerNode> nodes, HttpClient http)
{
    private string? coordinatorToken;
    private string? clinicianToken;

    private int unanswered;
    private int serverErrors;

    /// <summary>Requests no node answered (killed mid-request, or down).</summary>
    public int Unanswered => unanswered;

    /// <summary>Requests answered with a 5xx.</summary>
    public int ServerErrors => serverErrors;

    public async Task SignInAsync(string coordinator, string clinician, string password)
    {
        coordinatorToken = await TokenAsync(coordinator, password);
        clinicianToken = await TokenAsync(clinician, password);
    }

    public Task<ClusterAnswer> AsCoordinatorAsync(HttpMethod method, string path, object? body = null) => SendAsync(method, path, body, coordinatorToken);

    public Task<ClusterAnswer> AsClinicianAsync(HttpMethod method, string path, object? body = null) => SendAsync(method, path, body, clinicianToken);

    /// <summary>Retries a read until a node answers it 200 (nodes come and go), up to <paramref name="timeout"/>.</summary>
    public async Task<JsonNode> ReadAsync(string path, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var answer = await AsCoordinatorAsync(HttpMethod.Get, path);
            if (answer.Status == HttpStatusCode.OK) return answer.Body!;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"GET {path}: no 200 within {timeout.TotalSeconds:0} s (last: {answer.Status?.ToString() ?? "no answer"}).");
            await Task.Delay(200);
        }
    }

    private async Task<string> TokenAsync(string userName, string password)
    {
        var answer = await RetryUntilAnsweredAsync(HttpMethod.Post, "/api/auth/login", new { userName, password }, token: null, TimeSpan.FromMinutes(1));
        if (answer.Status != HttpStatusCode.OK) throw new InvalidOperationException($"Sign-in of {userName}: {answer.Status}.");
        return answer.Body!["accessToken"]!.GetValue<string>();
    }

    private async Task<ClusterAnswer> RetryUntilAnsweredAsync(HttpMethod method, string path, object? body, string? token, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var answer = await SendAsync(method, path, body, token);
            if (answer.Answered || DateTime.UtcNow > deadline) return answer;
            await Task.Delay(200);
        }
    }

    private static JsonNode? ParseOrNull(string text)
    {
        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null; // e.g. a plain-text error page
        }
    }

    private async Task<ClusterAnswer> SendAsync(HttpMethod method, string path, object? body, string? token)
    {
        var node = nodes[Random.Shared.Next(nodes.Count)];
        using var request = new HttpRequestMessage(method, new Uri(node.BaseAddress, path.TrimStart('/')));
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body, options: JsonSerializerOptions.Web);
        try
        {
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode >= 500) Interlocked.Increment(ref serverErrors);
            return new ClusterAnswer(response.StatusCode, ParseOrNull(text), node.Name);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
        {
            Interlocked.Increment(ref unanswered);
            return new ClusterAnswer(null, null, node.Name);
        }
    }
}
