using System.Text.Json;
using CarePathway.Engine.Validation;

namespace CarePathway.Server.Hosting;

/// <summary>
/// What the JSON binder lets through but the server cannot hold: a body that is not an object, a
/// key given twice (which value would count?), a lone UTF-16 surrogate (<c>"\ud800"</c>, which no
/// database can store and which breaks when re-serialised) and the NUL character (PostgreSQL's text
/// cannot hold it). Every string and key is checked, so a document read later as a
/// <c>JsonNode</c> (definitions, parameters, form data) is as safe as a typed body.
/// </summary>
internal static class JsonBodyCheck
{
    /// <summary>The problems of <paramref name="body"/>, each named by its path (e.g. <c>activities[2].name</c>); empty when it is fine.</summary>
    public static IReadOnlyList<ValidationProblem> Problems(ReadOnlySpan<byte> body)
    {
        var problems = new List<ValidationProblem>();
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        // One frame per open object or array: its path, the keys seen (objects) or the next index (arrays).
        var frames = new Stack<Frame>();
        string? pendingKey = null;
        try
        {
            if (!reader.Read()) return [Problem("$", "the body is empty; send a JSON object")];
            if (reader.TokenType != JsonTokenType.StartObject) return [Problem("$", "the body must be a JSON object")];
            frames.Push(new Frame("", new HashSet<string>(StringComparer.Ordinal)));
            while (reader.Read())
            {
                var frame = frames.Peek();
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pendingKey = Text(ref reader, frame.Path.Length == 0 ? "$" : frame.Path, problems) ?? "";
                        if (!frame.Keys!.Add(pendingKey)) problems.Add(Problem(Join(frame.Path, pendingKey), "is given twice"));
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.Pop();
                        continue;
                }

                var path = ValuePath(frame, pendingKey);
                pendingKey = null;
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        frames.Push(new Frame(path, new HashSet<string>(StringComparer.Ordinal)));
                        break;
                    case JsonTokenType.StartArray:
                        frames.Push(new Frame(path, null));
                        break;
                    case JsonTokenType.String:
                        Text(ref reader, path, problems);
                        break;
                }
            }
        }
        catch (JsonException ex)
        {
            problems.Add(Problem("$", $"is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})"));
        }

        return problems;
    }

    private static string ValuePath(Frame frame, string? key)
    {
        if (frame.Keys is not null) return Join(frame.Path, key ?? "");
        return $"{frame.Path}[{frame.NextIndex++}]";
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    /// <summary>The token's text, or null (with a problem added) when it holds a lone surrogate, invalid UTF-8 or NUL.</summary>
    private static string? Text(ref Utf8JsonReader reader, string path, List<ValidationProblem> problems)
    {
        string text;
        try
        {
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // The reader refuses a lone surrogate escape and invalid UTF-8 only when asked for the string.
            problems.Add(Problem(path, "is not valid Unicode text (a lone surrogate or invalid UTF-8)"));
            return null;
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            problems.Add(Problem(path, "must not contain the NUL character"));
            return null;
        }

        return text;
    }

    private static ValidationProblem Problem(string path, string message) => new(null, path, message);

    private sealed class Frame(string path, HashSet<string>? keys)
    {
        public string Path { get; } = path;
        public HashSet<string>? Keys { get; } = keys;
        public int NextIndex { get; set; }
    }
}
