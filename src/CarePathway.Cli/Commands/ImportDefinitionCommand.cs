using System.Text;
using System.Text.Json.Nodes;

namespace CarePathway.Cli.Commands;

/// <summary>
/// <c>carepathway import-definition &lt;file&gt; --server &lt;url&gt;</c>: a definition file (the same JSON as <c>workflows/</c>)
/// becomes a new draft of its pathway on the server, numbered by the server, for an administrator to review and
/// publish there; nothing is published from the command line. A refusal is printed with each field the server named
/// (a pathway that already has a draft is a 409). Exit 0 created, 1 refused, 2 bad arguments or an unreadable file.
/// </summary>
public static class ImportDefinitionCommand
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args is not [var file, .. var rest] || ServerConnection.Options(rest) is not { } options) return Usage.Print(error);
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"import-definition: {file}: {unreadable.Message}");
            return Usage.BadArguments;
        }

        try
        {
            var (client, exit) = ServerConnection.ConnectAsync("import-definition", options, error).GetAwaiter().GetResult();
            if (client is null) return exit;
            using (client) return ImportAsync(client, file, text, output, error).GetAwaiter().GetResult();
        }
        catch (HttpRequestException unreachable)
        {
            error.WriteLine($"import-definition: {options["server"]}: {unreachable.Message}");
            return 1;
        }
    }

    private static async Task<int> ImportAsync(HttpClient client, string file, string text, TextWriter output, TextWriter error)
    {
        // Sent as written: the server reads and checks the document, so a file that is not JSON is its 400 to name.
        using var content = new StringContent(text, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("api/definitions", content);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        if (!response.IsSuccessStatusCode)
        {
            error.WriteLine($"import-definition: {file}: {(int)response.StatusCode} {ServerConnection.Describe(body)}");
            return 1;
        }

        var problems = body?["problems"] as JsonArray ?? [];
        output.WriteLine($"{body?["definitionId"]}: draft version {body?["version"]} created from {file}" +
            (problems.Count == 0 ? "; it validates" : $"; {problems.Count} problem(s) to fix before it can be published"));
        return 0;
    }
}
