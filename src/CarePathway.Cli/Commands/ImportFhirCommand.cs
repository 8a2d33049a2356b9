using System.Text;
using System.Text.Json.Nodes;

namespace CarePathway.Cli.Commands;

/// <summary>
/// <c>carepathway import-fhir &lt;bundle.json&gt; --server &lt;url&gt;</c>: loads a FHIR bundle a laboratory system exported
/// (any type: collection, transaction, batch, searchset) into a server's <c>/fhir</c>, for a site whose lab system can
/// export but not push. Patients go first, then the rest, in batches of <see cref="ChunkSize"/> entries, each entry
/// accepted or refused on its own (so one bad result does not hold back the others, and no request nears the server's
/// size limit); a progress bar on stderr, then a summary: how many were stored, how many were there already, and each refusal.
/// Signs in as <see cref="ServerConnection"/> says (<c>--user</c> with <c>CAREPATHWAY_PASSWORD</c>, or <c>CAREPATHWAY_TOKEN</c>).
/// Exit 0 when every entry was accepted, 1 when any was refused, 2 for a bad command line or an unreadable file.
/// </summary>
public static class ImportFhirCommand
{
    public const int ChunkSize = 20;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args is not [var file, .. var rest] || ServerConnection.Options(rest) is not { } options) return Usage.Print(error);
        if (!File.Exists(file))
        {
            error.WriteLine($"import-fhir: {file}: no such file");
            return Usage.BadArguments;
        }

        try
        {
            var (client, exit) = ServerConnection.ConnectAsync("import-fhir", options, error).GetAwaiter().GetResult();
            if (client is null) return exit;
            using (client) return ImportAsync(client, file, output, error).GetAwaiter().GetResult();
        }
        catch (HttpRequestException unreachable)
        {
            error.WriteLine($"import-fhir: {options["server"]}: {unreachable.Message}");
            return 1;
        }
    }

    /// <summary>Imports <paramref name="file"/> through <paramref name="client"/> (signed in, addressed to the server).</summary>
    public static async Task<int> ImportAsync(HttpClient client, string file, TextWriter output, TextWriter error)
    {
        JsonArray entries;
        try
        {
            entries = (JsonNode.Parse(await File.ReadAllTextAsync(file))?["entry"] as JsonArray) ?? [];
        }
        catch (Exception unreadable) when (unreadable is IOException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            error.WriteLine($"import-fhir: {file}: {unreadable.Message}");
            return Usage.BadArguments;
        }

        // Patients first, so the results after them find their subjects by MRN.
        var resources = entries.Select(e => e?["resource"]).OfType<JsonObject>()
            .OrderBy(r => r["resourceType"]?.GetValue<string>() == "Patient" ? 0 : 1).ToList();
        var (stored, unchanged) = (0, 0);
        var refusals = new List<string>();
        for (var start = 0; start < resources.Count; start += ChunkSize)
        {
            var chunk = resources.Skip(start).Take(ChunkSize).ToList();
            var answer = await SendAsync(client, chunk);
            for (var i = 0; i < chunk.Count; i++)
            {
                var response = answer?[i]?["response"];
                var status = response?["status"]?.GetValue<string>() ?? "no answer";
                if (status.StartsWith("201", StringComparison.Ordinal)) stored++;
                else if (status.StartsWith("200", StringComparison.Ordinal)) unchanged++;
                else refusals.Add($"entry {start + i} ({Describe(chunk[i])}): {status}: {Diagnostics(response?["outcome"])}");
            }

            Progress(error, Math.Min(start + ChunkSize, resources.Count), resources.Count);
        }

        error.WriteLine();
        output.WriteLine($"{resources.Count} resources: {stored} stored, {unchanged} already there, {refusals.Count} refused");
        foreach (var refusal in refusals) output.WriteLine("refused: " + refusal);
        return refusals.Count == 0 ? 0 : 1;
    }

    private static async Task<JsonArray?> SendAsync(HttpClient client, List<JsonObject> chunk)
    {
        var bundle = new JsonObject
        {
            ["resourceType"] = "Bundle",
            ["type"] = "batch",
            ["entry"] = new JsonArray([.. chunk.Select(r => (JsonNode)new JsonObject
            {
                ["resource"] = r.DeepClone(),
                ["request"] = new JsonObject { ["method"] = "POST", ["url"] = r["resourceType"]?.DeepClone() },
            })]),
        };
        using var content = new StringContent(bundle.ToJsonString(), Encoding.UTF8, "application/fhir+json");
        using var response = await client.PostAsync("fhir", content);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        if (response.IsSuccessStatusCode) return body?["entry"] as JsonArray;
        // The whole batch refused (not signed in, not allowed): every entry of it gets the server's answer.
        var refused = new JsonObject { ["status"] = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), ["outcome"] = body?.DeepClone() };
        return new JsonArray([.. chunk.Select(_ => (JsonNode)new JsonObject { ["response"] = refused.DeepClone() })]);
    }

    private static string Describe(JsonObject resource) =>
        $"{resource["resourceType"]} {resource["identifier"]?[0]?["value"] ?? resource["id"]}";

    private static string Diagnostics(JsonNode? outcome) =>
        outcome?["issue"] is JsonArray issues
            ? string.Join("; ", issues.Select(i => $"{(i?["expression"] is JsonArray e && e.Count > 0 ? e[0] + ": " : "")}{i?["diagnostics"]}"))
            : "no outcome";

    private static void Progress(TextWriter error, int done, int total)
    {
        const int width = 30;
        var filled = total == 0 ? width : done * width / total;
        error.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {done}/{total}");
    }
}
