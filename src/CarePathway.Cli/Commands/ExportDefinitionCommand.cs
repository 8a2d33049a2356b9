using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CarePathway.Cli.Commands;

/// <summary>
/// <c>carepathway export-definition &lt;id&gt; --server &lt;url&gt; [--version N] [--out file]</c>: a pathway version as the
/// server holds it, as a definition file (the same JSON as <c>workflows/</c>, which <c>validate</c>, <c>simulate</c>
/// and <c>import-definition</c> read). Without <c>--version</c>, the version the server answers for the pathway (the
/// published one). Written to <c>--out</c>, or to standard output. Exit 0 written, 1 refused or not found, 2 bad arguments.
/// </summary>
public static class ExportDefinitionCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args is not [var id, .. var rest] || ServerConnection.Options(rest, "version", "out") is not { } options) return Usage.Print(error);
        if (options.TryGetValue("version", out var given) && !int.TryParse(given, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            error.WriteLine($"export-definition: --version {given}: not a version number");
            return Usage.BadArguments;
        }

        try
        {
            var (client, exit) = ServerConnection.ConnectAsync("export-definition", options, error).GetAwaiter().GetResult();
            if (client is null) return exit;
            using (client) return ExportAsync(client, id, given, options.GetValueOrDefault("out"), output, error).GetAwaiter().GetResult();
        }
        catch (HttpRequestException unreachable)
        {
            error.WriteLine($"export-definition: {options["server"]}: {unreachable.Message}");
            return 1;
        }
    }

    private static async Task<int> ExportAsync(HttpClient client, string id, string? version, string? file, TextWriter output, TextWriter error)
    {
        var path = $"api/definitions/{Uri.EscapeDataString(id)}" + (version is null ? "" : $"/versions/{version}");
        using var response = await client.GetAsync(path);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        if (!response.IsSuccessStatusCode)
        {
            error.WriteLine($"export-definition: {id}{(version is null ? "" : " version " + version)}: {(int)response.StatusCode} {ServerConnection.Describe(body)}");
            return 1;
        }

        var text = body?["definition"]?.ToJsonString(Indented) + Environment.NewLine;
        if (file is null)
        {
            output.Write(text);
            return 0;
        }

        await File.WriteAllTextAsync(file, text);
        output.WriteLine($"{id} version {body?["version"]} ({body?["status"]}) written to {file}");
        return 0;
    }
}
