using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CarePathway.Cli.Commands;

/// <summary>
/// What every command against a running server shares: its <c>--name value</c> options, and a client signed in as
/// <c>--user</c> with the password in <c>CAREPATHWAY_PASSWORD</c>, or carrying the bearer token in <c>CAREPATHWAY_TOKEN</c>.
/// </summary>
internal static class ServerConnection
{
    /// <summary>
    /// The options after a command's positional argument, by name (without the dashes); null when the line is not
    /// all <c>--name value</c> pairs, a name is not in <paramref name="allowed"/>, or <c>--server</c> is missing or not a URL.
    /// </summary>
    public static Dictionary<string, string>? Options(string[] args, params string[] allowed)
    {
        if (args.Length % 2 != 0) return null;
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : null;
            if (name is null || !(name is "server" or "user" || allowed.Contains(name)) || !options.TryAdd(name, args[i + 1])) return null;
        }

        return options.TryGetValue("server", out var server) && Uri.TryCreate(server, UriKind.Absolute, out _) ? options : null;
    }

    /// <summary>
    /// A client for the server in <paramref name="options"/>, signed in; a null client, with the reason written to
    /// <paramref name="error"/> and the exit code to end with, when it could not be.
    /// </summary>
    public static async Task<(HttpClient? Client, int Exit)> ConnectAsync(string command, Dictionary<string, string> options, TextWriter error)
    {
        var server = new Uri(options["server"]);
        var client = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromMinutes(2) };
        var user = options.GetValueOrDefault("user");
        var token = user is null ? Environment.GetEnvironmentVariable("CAREPATHWAY_TOKEN")
            : await SignInAsync(client, user, Environment.GetEnvironmentVariable("CAREPATHWAY_PASSWORD") ?? "");
        if (user is not null && token is null)
        {
            client.Dispose();
            error.WriteLine($"{command}: {server} refused to sign in {user} (check CAREPATHWAY_PASSWORD)");
            return (null, 1);
        }

        if (string.IsNullOrEmpty(token))
        {
            client.Dispose();
            error.WriteLine($"{command}: no credentials: give --user <name> with CAREPATHWAY_PASSWORD set, or set CAREPATHWAY_TOKEN");
            return (null, Usage.BadArguments);
        }

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (client, 0);
    }

    /// <summary>A refusal as the server's problem details put it: the title, the detail, and each field named with its message.</summary>
    public static string Describe(JsonNode? problem)
    {
        if (problem is null) return "no details";
        var parts = new List<string> { $"{problem["title"]}" };
        if (problem["detail"] is { } detail) parts.Add(detail.ToString());
        if (problem["errors"] is JsonObject errors)
            parts.AddRange(errors.Select(e => $"{e.Key}: {string.Join("; ", (e.Value as JsonArray ?? []).Select(m => m?.ToString()))}"));
        return string.Join(" - ", parts);
    }

    private static async Task<string?> SignInAsync(HttpClient client, string user, string password)
    {
        using var response = await client.PostAsJsonAsync("api/auth/login", new { userName = user, password });
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonObject>())?["accessToken"]?.GetValue<string>() : null;
    }
}
