using System.Text.Json.Nodes;
using CarePathway.Engine.Activities;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Tests.Testing;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Tests.Definitions;

public class DefinitionSchemaTests
{
    private static readonly MiniJsonSchema Schema = MiniJsonSchema.Parse(DefinitionSchema.Json);
    private static readonly DefinitionValidator Validator = new(ActivityCatalog.Default);

    /// <summary>A valid definition in which every object carries every field the format has.</summary>
    private const string Complete = """
        {
          "$schema": "pathway.schema.json",
          "definitionId": "schema-check",
          "version": 1,
          "name": "Schema check",
          "description": "Every field once.",
          "parameters": [
            { "name": "limit", "type": "number", "default": 3, "unit": "doses", "source": "local protocol", "description": "cap" },
            { "name": "rule", "type": "string", "default": "relative", "allowed": ["relative", "absolute"], "source": "local protocol" }
          ],
          "variables": [ { "name": "n", "type": "number", "initial": 0, "description": "counter" } ],
          "activities": [
            { "id": "start", "type": "Start", "name": "Begin", "inputs": {}, "position": { "x": 0, "y": 0 } },
            { "id": "count", "type": "SetVariable", "inputs": { "variable": "n", "value": "var.n + 1" } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "from": "start", "outcome": "done", "to": "count" },
            { "from": "count", "outcome": "done", "to": "end" }
          ]
        }
        """;

    /// <summary>A valid definition with empty declarations, so leaving one out changes nothing else.</summary>
    private const string Minimal = """
        {
          "$schema": "pathway.schema.json", "definitionId": "minimal", "version": 1, "name": "Minimal", "description": "",
          "parameters": [], "variables": [],
          "activities": [ { "id": "start", "type": "Start" }, { "id": "end", "type": "End" } ],
          "connections": [ { "from": "start", "outcome": "done", "to": "end" } ]
        }
        """;

    private static JsonObject CompleteNode() => (JsonObject)JsonNode.Parse(Complete)!;

    private static IReadOnlyList<ValidationProblem> ReadAndValidate(JsonNode document) =>
        Validator.ValidateJson(document.ToJsonString()).Problems;

    private static List<string> PropertyNames(JsonObject schemaObject) => [.. ((JsonObject)schemaObject["properties"]!).Select(p => p.Key)];

    private static List<string> RequiredNames(JsonObject schemaObject) =>
        [.. ((JsonArray)schemaObject["required"]!).Select(r => r!.GetValue<string>())];

    [Fact]
    public void The_engine_ships_the_schema_file_as_a_draft_2020_12_schema()
    {
        var onDisk = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "CarePathway.Engine", "Definitions", "pathway.schema.json"));
        Assert.Equal(onDisk, DefinitionSchema.Json);
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", Schema.Root["$schema"]!.GetValue<string>());
    }

    [Fact]
    public void The_schema_uses_only_keywords_the_conformance_tests_understand()
    {
        var unsupported = Schema.KeywordsUsed().Distinct().Where(k => !MiniJsonSchema.Keywords.Contains(k)).ToList();
        Assert.Empty(unsupported);
    }

    [Fact]
    public void The_complete_example_is_valid_for_both_the_schema_and_the_validator()
    {
        Assert.Empty(Schema.Check(CompleteNode()));
        Assert.Empty(ReadAndValidate(CompleteNode()));
    }

    [Fact]
    public void The_schema_top_level_properties_are_exactly_the_fields_the_reader_accepts()
    {
        var schemaNames = PropertyNames(Schema.Root);
        foreach (var name in schemaNames)
        {
            var document = CompleteNode();
            document[name] ??= name == "$schema" ? "x" : null;
            Assert.DoesNotContain(DefinitionJson.Read(document.ToJsonString()).Problems, p => p.Message.Contains("is not a field", StringComparison.Ordinal));
        }

        // The writer emits every field but the editor hint; the reader refuses anything else.
        var written = DefinitionJson.ToJsonObject(DefinitionJson.Read(Complete).Definition!).Select(p => p.Key).Append("$schema");
        Assert.Equal(schemaNames.Order(StringComparer.Ordinal), written.Order(StringComparer.Ordinal));
        foreach (var stranger in new[] { "author", "Name", "activity", "status" })
        {
            var document = CompleteNode();
            document[stranger] = "x";
            Assert.Contains(DefinitionJson.Read(document.ToJsonString()).Problems, p => p.Field == stranger && p.Message == "is not a field of a pathway definition");
            Assert.Contains(Schema.Check(document), e => e.Contains($"'{stranger}' is not allowed", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("parameters", "parameter")]
    [InlineData("variables", "variable")]
    [InlineData("activities", "activity")]
    [InlineData("connections", "connection")]
    public void Each_kind_of_item_has_exactly_the_schema_properties_the_writer_produces(string array, string definition)
    {
        var written = DefinitionJson.ToJsonObject(DefinitionJson.Read(Complete).Definition!);
        var writtenNames = written[array]!.AsArray().SelectMany(item => item!.AsObject().Select(p => p.Key)).Distinct();
        Assert.Equal(PropertyNames(Schema.Definition(definition)).Order(StringComparer.Ordinal), writtenNames.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_writer_round_trips_the_complete_example()
    {
        var first = DefinitionJson.Read(Complete).Definition!;
        var again = DefinitionJson.Read(DefinitionJson.Write(first));
        Assert.Empty(again.Problems);
        Assert.Equal(DefinitionJson.Write(first), DefinitionJson.Write(again.Definition!));
    }

    /// <summary>A field is required by the schema exactly when leaving it out makes the definition invalid.</summary>
    [Theory]
    [InlineData("", "")]
    [InlineData("parameters", "parameter")]
    [InlineData("variables", "variable")]
    [InlineData("activities", "activity")]
    [InlineData("connections", "connection")]
    public void The_schema_requires_exactly_the_fields_without_which_a_definition_is_invalid(string array, string definition)
    {
        var schemaObject = array == "" ? Schema.Root : Schema.Definition(definition);
        var requiredBySchema = RequiredNames(schemaObject).Order(StringComparer.Ordinal).ToList();
        var requiredByEngine = new List<string>();
        foreach (var name in PropertyNames(schemaObject))
        {
            var document = (JsonObject)JsonNode.Parse(array == "" ? Minimal : Complete)!;
            var target = array == "" ? document : document[array]![0]!.AsObject();
            if (!target.Remove(name)) continue;
            if (ReadAndValidate(document).Count > 0) requiredByEngine.Add(name);
        }

        Assert.Equal(requiredBySchema, requiredByEngine.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_type_and_unit_choices_of_the_schema_are_the_engines()
    {
        static List<string?> Choices(JsonObject property) => [.. property["enum"]!.AsArray().Select(c => c?.GetValue<string>())];

        var parameter = (JsonObject)Schema.Definition("parameter")["properties"]!;
        var variable = (JsonObject)Schema.Definition("variable")["properties"]!;
        Assert.Equal(ValueTypes.ForParameters.Order(StringComparer.Ordinal), Choices((JsonObject)parameter["type"]!).Order(StringComparer.Ordinal));
        Assert.Equal(ValueTypes.ForVariables.Append(null).Order(StringComparer.Ordinal), Choices((JsonObject)variable["type"]!).Order(StringComparer.Ordinal));
        Assert.Equal(Units.Known.Append(null).Order(StringComparer.Ordinal), Choices((JsonObject)parameter["unit"]!).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("/version", "\"1\"")]
    [InlineData("/version", "0")]
    [InlineData("/definitionId", "\"Not An Id\"")]
    [InlineData("/name", "\"\"")]
    [InlineData("/activities", "{}")]
    [InlineData("/activities/0/position", "{ \"x\": \"left\", \"y\": 0 }")]
    [InlineData("/activities/0/inputs", "[]")]
    [InlineData("/activities/0/id", "\"my start\"")]
    [InlineData("/parameters/0/allowed", "\"relative\"")]
    [InlineData("/parameters/0/unit", "\"mg/dl\"")]
    [InlineData("/parameters/0/type", "\"integer\"")]
    [InlineData("/parameters/0/name", "\"2fast\"")]
    [InlineData("/variables/0/type", "\"list\"")]
    [InlineData("/connections/0/to", "7")]
    public void A_value_the_schema_refuses_is_refused_by_the_engine_too(string pointer, string valueJson)
    {
        var document = CompleteNode();
        var segments = pointer.Trim('/').Split('/');
        JsonNode parent = document;
        foreach (var segment in segments[..^1]) parent = int.TryParse(segment, out var i) ? parent[i]! : parent[segment]!;
        parent.AsObject()[segments[^1]] = JsonNode.Parse(valueJson);

        Assert.NotEmpty(Schema.Check(document));
        Assert.NotEmpty(ReadAndValidate(document));
    }

    [Fact]
    public void The_shipped_workflows_conform_to_the_schema_and_validate()
    {
        var files = Directory.GetFiles(RepoPaths.Workflows, "*.json");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var json = File.ReadAllText(file);
            Assert.Empty(Schema.Check(JsonNode.Parse(json)).Select(e => $"{Path.GetFileName(file)}: {e}"));
            Assert.Empty(Validator.ValidateJson(json).Problems.Select(p => $"{Path.GetFileName(file)}: {p}"));
        }
    }
}
