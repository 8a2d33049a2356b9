using CarePathway.Engine.Definitions;
using CarePathway.Engine.Tests.Testing;

namespace CarePathway.Engine.Tests.Definitions;

public class DefinitionJsonTests
{
    [Fact]
    public void Invalid_json_is_a_single_problem_at_the_root()
    {
        var read = DefinitionJson.Read("{ \"definitionId\": \"x\", ");
        Assert.Null(read.Definition);
        var problem = Assert.Single(read.Problems);
        Assert.Equal("$", problem.Field);
        Assert.StartsWith("not valid JSON:", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_that_is_not_an_object_is_a_problem()
    {
        var problem = Assert.Single(DefinitionJson.Read("[1, 2]").Problems);
        Assert.Equal("the document must be a JSON object", problem.Message);
    }

    [Fact]
    public void An_unknown_top_level_field_is_a_problem()
    {
        var json = PathwayBuilder.Create().Activity("start", "Start").Activity("end", "End").Chain("start", "end").Json()
            .Replace("\"definitionId\"", "\"owner\": \"ward 7\", \"definitionId\"", StringComparison.Ordinal);
        var read = DefinitionJson.Read(json);
        Assert.Null(read.Definition);
        var problem = Assert.Single(read.Problems);
        Assert.Equal(("owner", "is not a field of a pathway definition"), (problem.Field, problem.Message));
    }

    [Theory]
    [InlineData("\"parameters\": [ { \"name\": \"cap\", \"type\": \"number\", \"default\": 1, \"soruce\": \"label\" } ],", "parameters[0].soruce", "a parameter")]
    [InlineData("\"variables\": [ { \"name\": \"cycle\", \"intial\": 0 } ],", "variables[0].intial", "a variable")]
    public void An_unknown_field_inside_an_item_is_a_problem(string fragment, string field, string what)
    {
        var json = PathwayBuilder.Create().Activity("start", "Start").Activity("end", "End").Chain("start", "end").Json()
            .Replace("\"activities\"", fragment + " \"activities\"", StringComparison.Ordinal);
        var read = DefinitionJson.Read(json);
        Assert.Null(read.Definition);
        var problem = Assert.Single(read.Problems);
        Assert.Equal((field, $"is not a field of {what}"), (problem.Field, problem.Message));
    }

    [Fact]
    public void Reading_lists_every_structural_problem_at_once()
    {
        var read = DefinitionJson.Read("""
            { "version": "two", "name": "", "activities": [ { "type": "Start", "position": "top" }, 5 ], "connections": {} }
            """);
        var fields = read.Problems.Select(p => p.Field).ToList();
        Assert.Equal(["definitionId", "version", "name", "activities[0].position", "activities[0].id", "activities[1]", "connections"], fields);
    }

    [Fact]
    public void Comments_and_trailing_commas_are_allowed()
    {
        var read = DefinitionJson.Read("""
            { // a hand-written file
              "definitionId": "commented", "version": 2, "name": "Commented",
              "activities": [ { "id": "start", "type": "Start" }, ],
            }
            """);
        Assert.Empty(read.Problems);
        Assert.Equal(("commented", 2, "start"), (read.Definition!.DefinitionId, read.Definition.Version, read.Definition.Activities[0].Id));
    }

    [Fact]
    public void Writing_then_reading_gives_back_the_same_definition()
    {
        var original = PathwayBuilder.Create("round-trip", 3)
            .Parameter("trial", "duration", "12w")
            .Variable("n", "number", 0)
            .Activity("start", "Start")
            .Activity("wait", "Delay", new { duration = "param.trial" })
            .Activity("end", "End")
            .Chain("start", "wait", "end")
            .Build();
        var json = DefinitionJson.Write(original);
        var read = DefinitionJson.Read(json);

        Assert.Empty(read.Problems);
        Assert.Equal(json, DefinitionJson.Write(read.Definition!));
        Assert.Equal(original.Connections, read.Definition!.Connections);
        Assert.Equal("param.trial", read.Definition.Activities[1].Inputs["duration"].GetString());
    }
}
