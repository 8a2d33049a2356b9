using System.Text.Json;
using System.Text.Json.Nodes;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Definitions;

/// <summary>
/// Reads and writes the pathway JSON format. Reading is done by hand rather than by the
/// serializer so that every structural problem is reported at once, with the path of the field,
/// instead of stopping at the first exception.
/// </summary>
public static class DefinitionJson
{
    private static readonly string[] TopLevel =
        ["$schema", "definitionId", "version", "name", "description", "parameters", "variables", "activities", "connections"];

    private static readonly string[] ParameterFields = ["name", "type", "default", "unit", "source", "description", "allowed"];
    private static readonly string[] VariableFields = ["name", "type", "initial", "description"];
    private static readonly string[] ActivityFields = ["id", "type", "name", "inputs", "position"];
    private static readonly string[] ConnectionFields = ["from", "outcome", "to"];

    public static DefinitionReadResult Read(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            return DefinitionReadResult.Failed(new ValidationProblem(null, "$", $"not valid JSON: {ex.Message}"));
        }

        using (document)
        {
            var reader = new Reader();
            var definition = reader.ReadDefinition(document.RootElement);
            return new DefinitionReadResult(reader.Problems.Count == 0 ? definition : null, reader.Problems);
        }
    }

    public static string Write(WorkflowDefinition definition) =>
        ToJsonObject(definition).ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    public static JsonObject ToJsonObject(WorkflowDefinition definition)
    {
        var root = new JsonObject
        {
            ["definitionId"] = definition.DefinitionId,
            ["version"] = definition.Version,
            ["name"] = definition.Name,
            ["description"] = definition.Description,
            ["parameters"] = new JsonArray([.. definition.Parameters.Select(WriteParameter)]),
            ["variables"] = new JsonArray([.. definition.Variables.Select(WriteVariable)]),
            ["activities"] = new JsonArray([.. definition.Activities.Select(WriteActivity)]),
            ["connections"] = new JsonArray([.. definition.Connections.Select(c =>
                (JsonNode)new JsonObject { ["from"] = c.From, ["outcome"] = c.Outcome, ["to"] = c.To })]),
        };
        return root;
    }

    private static JsonNode WriteParameter(ParameterDefinition p)
    {
        var node = new JsonObject { ["name"] = p.Name, ["type"] = p.Type };
        if (p.Default is { } d) node["default"] = JsonNode.Parse(d.GetRawText());
        if (p.Unit is not null) node["unit"] = p.Unit;
        if (p.Allowed is not null) node["allowed"] = new JsonArray([.. p.Allowed.Select(a => (JsonNode)a)]);
        if (p.Source is not null) node["source"] = p.Source;
        if (p.Description is not null) node["description"] = p.Description;
        return node;
    }

    private static JsonNode WriteVariable(VariableDefinition v)
    {
        var node = new JsonObject { ["name"] = v.Name, ["type"] = v.Type };
        if (v.Initial is { } i) node["initial"] = JsonNode.Parse(i.GetRawText());
        if (v.Description is not null) node["description"] = v.Description;
        return node;
    }

    private static JsonNode WriteActivity(ActivityDefinition a)
    {
        var inputs = new JsonObject();
        foreach (var (name, value) in a.Inputs) inputs[name] = JsonNode.Parse(value.GetRawText());
        var node = new JsonObject { ["id"] = a.Id, ["type"] = a.Type };
        if (a.Name is not null) node["name"] = a.Name;
        node["inputs"] = inputs;
        if (a.Position is { } p) node["position"] = new JsonObject { ["x"] = p.X, ["y"] = p.Y };
        return node;
    }

    /// <summary>Collects problems while reading; missing or mistyped values fall back so reading can go on.</summary>
    private sealed class Reader
    {
        public List<ValidationProblem> Problems { get; } = [];

        public WorkflowDefinition ReadDefinition(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                Problem("$", "the document must be a JSON object");
                return new WorkflowDefinition { DefinitionId = "", Version = 0, Name = "" };
            }

            UnknownFields(root, "", TopLevel, "a pathway definition");

            var id = RequiredString(root, "definitionId", "definitionId");
            if (id.Length > 0 && !Identifiers.IsValidDefinitionId(id))
                Problem("definitionId", "must be lower-case letters, digits and dashes (e.g. crmo-pamidronate)");
            var version = RequiredInt(root, "version", "version");
            if (version is < 1 && root.TryGetProperty("version", out _)) Problem("version", "must be 1 or more");

            return new WorkflowDefinition
            {
                DefinitionId = id,
                Version = version ?? 0,
                Name = RequiredString(root, "name", "name"),
                Description = OptionalString(root, "description", "description") ?? "",
                Parameters = ReadArray(root, "parameters", ReadParameter),
                Variables = ReadArray(root, "variables", ReadVariable),
                Activities = ReadArray(root, "activities", ReadActivity),
                Connections = ReadArray(root, "connections", ReadConnection),
            };
        }

        private ParameterDefinition ReadParameter(JsonElement e, string path)
        {
            UnknownFields(e, path + ".", ParameterFields, "a parameter");
            return new()
            {
                Name = RequiredString(e, "name", path + ".name"),
                Type = RequiredString(e, "type", path + ".type"),
                Default = OptionalElement(e, "default"),
                Unit = OptionalString(e, "unit", path + ".unit"),
                Source = OptionalString(e, "source", path + ".source"),
                Description = OptionalString(e, "description", path + ".description"),
                Allowed = OptionalStringList(e, "allowed", path + ".allowed"),
            };
        }

        private VariableDefinition ReadVariable(JsonElement e, string path)
        {
            UnknownFields(e, path + ".", VariableFields, "a variable");
            return new()
            {
                Name = RequiredString(e, "name", path + ".name"),
                Type = OptionalString(e, "type", path + ".type") ?? ValueTypes.Any,
                Initial = OptionalElement(e, "initial"),
                Description = OptionalString(e, "description", path + ".description"),
            };
        }

        private ActivityDefinition ReadActivity(JsonElement e, string path)
        {
            UnknownFields(e, path + ".", ActivityFields, "an activity");
            var inputs = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            if (e.TryGetProperty("inputs", out var inputsElement))
            {
                if (inputsElement.ValueKind == JsonValueKind.Object)
                {
                    foreach (var input in inputsElement.EnumerateObject()) inputs[input.Name] = input.Value.Clone();
                }
                else if (inputsElement.ValueKind != JsonValueKind.Null)
                {
                    Problem(path + ".inputs", "must be an object of input name to value");
                }
            }

            Position? position = null;
            if (e.TryGetProperty("position", out var p) && p.ValueKind == JsonValueKind.Object
                && p.TryGetProperty("x", out var x) && x.ValueKind == JsonValueKind.Number
                && p.TryGetProperty("y", out var y) && y.ValueKind == JsonValueKind.Number)
            {
                position = new Position(x.GetDouble(), y.GetDouble());
            }
            else if (e.TryGetProperty("position", out var bad) && bad.ValueKind != JsonValueKind.Null)
            {
                Problem(path + ".position", "must be an object with numeric x and y");
            }

            return new ActivityDefinition
            {
                Id = RequiredString(e, "id", path + ".id"),
                Type = RequiredString(e, "type", path + ".type"),
                Name = OptionalString(e, "name", path + ".name"),
                Inputs = inputs,
                Position = position,
            };
        }

        private Connection ReadConnection(JsonElement e, string path)
        {
            UnknownFields(e, path + ".", ConnectionFields, "a connection");
            return new(RequiredString(e, "from", path + ".from"), RequiredString(e, "outcome", path + ".outcome"), RequiredString(e, "to", path + ".to"));
        }

        /// <summary>Reports fields the format does not have: a misspelt "soruce" must not pass unnoticed.</summary>
        private void UnknownFields(JsonElement e, string prefix, string[] known, string what)
        {
            foreach (var property in e.EnumerateObject().Where(p => !known.Contains(p.Name)))
                Problem(prefix + property.Name, $"is not a field of {what}");
        }

        private List<T> ReadArray<T>(JsonElement parent, string name, Func<JsonElement, string, T> read)
        {
            var items = new List<T>();
            if (!parent.TryGetProperty(name, out var array) || array.ValueKind == JsonValueKind.Null) return items;
            if (array.ValueKind != JsonValueKind.Array)
            {
                Problem(name, "must be an array");
                return items;
            }

            var index = 0;
            foreach (var element in array.EnumerateArray())
            {
                var path = $"{name}[{index++}]";
                if (element.ValueKind != JsonValueKind.Object)
                {
                    Problem(path, "must be an object");
                    continue;
                }

                items.Add(read(element, path));
            }

            return items;
        }

        private string RequiredString(JsonElement e, string name, string path)
        {
            if (!e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                Problem(path, "is required");
                return "";
            }

            if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            {
                Problem(path, "must be a non-empty string");
                return "";
            }

            return value.GetString()!;
        }

        private string? OptionalString(JsonElement e, string name, string path)
        {
            if (!e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind == JsonValueKind.String) return value.GetString();
            Problem(path, "must be a string");
            return null;
        }

        private List<string>? OptionalStringList(JsonElement e, string name, string path)
        {
            if (!e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String))
                return [.. value.EnumerateArray().Select(v => v.GetString()!)];
            Problem(path, "must be an array of strings");
            return null;
        }

        private int? RequiredInt(JsonElement e, string name, string path)
        {
            if (!e.TryGetProperty(name, out var value))
            {
                Problem(path, "is required");
                return null;
            }

            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var i)) return i;
            Problem(path, "must be a whole number");
            return null;
        }

        private static JsonElement? OptionalElement(JsonElement e, string name) =>
            e.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.Clone() : null;

        private void Problem(string field, string message) => Problems.Add(new ValidationProblem(null, field, message));
    }
}

public sealed record DefinitionReadResult(WorkflowDefinition? Definition, IReadOnlyList<ValidationProblem> Problems)
{
    public static DefinitionReadResult Failed(ValidationProblem problem) => new(null, [problem]);
}
