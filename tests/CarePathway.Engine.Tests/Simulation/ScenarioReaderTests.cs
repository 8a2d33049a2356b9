using CarePathway.Engine.Simulation;

namespace CarePathway.Engine.Tests.Simulation;

public class ScenarioReaderTests
{
    private const string Patient = """ "patient": { "birthDate": "2014-01-05", "sex": "female" } """;

    [Fact]
    public void A_minimal_scenario_gets_the_default_start_and_horizon()
    {
        var scenario = ScenarioReader.Read($$"""{ "pathway": "p", {{Patient}} }""");
        Assert.Equal(("p", (int?)null, 730), (scenario.Pathway, scenario.Version, scenario.UntilDays));
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero), scenario.Start);
    }

    [Theory]
    [InlineData("""{ "patient": { "birthDate": "2014-01-05", "sex": "female" } }""", "pathway")]
    [InlineData("""{ "pathway": "p" }""", "patient")]
    [InlineData("""{ "pathway": "p", "patient": { "sex": "female" } }""", "patient.birthDate")]
    [InlineData("""{ "pathway": "p", "start": "next tuesday", "patient": { "birthDate": "2014-01-05", "sex": "female" } }""", "start")]
    [InlineData("""{ "pathway": "p", "until": "forever", "patient": { "birthDate": "2014-01-05", "sex": "female" } }""", "until")]
    [InlineData("""{ "pathway": "p", "patient": { "birthDate": "2014-01-05", "sex": "female" }, "events": [ { "day": 3 } ] }""", "events[0]")]
    [InlineData("""{ "pathway": "p", "patient": { "birthDate": "2014-01-05", "sex": "female" }, "events": [ { "day": 3, "measurement": { "shoeSize": 3 } } ] }""", "events[0].measurement.shoeSize")]
    [InlineData("""{ "pathway": "p", "patient": { "birthDate": "2014-01-05", "sex": "female" }, "answers": { "labs": { "2160-0": [ { "value": 0.6 } ] } } }""", "answers.labs.2160-0[0]")]
    [InlineData("""{ "pathway": "p", "patient": { "birthDate": "2014-01-05", "sex": "female" }, "answers": { "tasks": { "review": [ { "reason": "x" } ] } } }""", "answers.tasks.review[0].outcome")]
    [InlineData("""{ "pathway": "p", "patient": { "birthDate": "2014-01-05", "sex": "female" }, "answers": { "tasks": { "review": "approved" } } }""", "answers.tasks.review")]
    [InlineData("""{ "pathway": "p", "patient": { "birthDate": "2014-01-05", "sex": "female" }, "events": [ { "day": 3, "lab": { "code": "2160-0", "value": "high", "unit": "mg/dL" } } ] }""", "events[0].lab.value")]
    [InlineData("""{ "pathway": "p", "patient": { "birthDate": "2014-01-05", "sex": "female" }, "events": [ { "day": 3, "lab": { "code": "2160-0", "value": 0.6 } } ] }""", "events[0].lab.unit")]
    [InlineData("""{ "pathway": "p", "patient": { "birthDate": "2014-01-05", "sex": "female" }, "events": [ { "day": 3, "measurement": { "weightKg": null } } ] }""", "events[0].measurement.weightKg")]
    [InlineData("""{ "pathway": "p", "patient": { "birthDate": "2014-01-05", "sex": "female" }, "answers": { "labs": { "2160-0": [ { "value": "x", "unit": "mg/dL" } ] } } }""", "answers.labs.2160-0[0].value")]
    [InlineData("""{ "pathway": "p", """, "$")]
    public void A_broken_scenario_names_the_field(string json, string field)
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioReader.Read(json));
        Assert.Equal(field, error.Field);
        Assert.StartsWith(field + ": ", error.Message, StringComparison.Ordinal);
    }
}
