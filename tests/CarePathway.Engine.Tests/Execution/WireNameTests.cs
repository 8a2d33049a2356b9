using System.Text.Json;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Runtime;

namespace CarePathway.Engine.Tests.Execution;

/// <summary>
/// The closed sets travel as the strings they were when they were constants: instance states already stored, the
/// database's columns and every API client depend on them.
/// </summary>
public class WireNameTests
{
    [Fact]
    public void Each_set_travels_as_its_lowercase_names_in_json_and_as_text()
    {
        AssertWire(["running", "suspended", "faulted", "completed", "cancelled"], Enum.GetValues<InstanceStatus>());
        AssertWire(["ready", "waiting", "parked", "faulted"], Enum.GetValues<TokenStatus>());
        AssertWire(["open", "completed", "cancelled"], Enum.GetValues<HumanTaskStatus>());
        AssertWire(["pending", "scheduled", "cancelled", "fired"], Enum.GetValues<TimerState>());
    }

    [Fact]
    public void A_name_the_set_does_not_know_is_refused()
    {
        Assert.False(WireNames.TryParse<InstanceStatus>("Running", out _));
        Assert.False(WireNames.TryParse<InstanceStatus>(null, out _));
        Assert.Throws<FormatException>(() => WireNames.Parse<HumanTaskStatus>("closed"));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TokenStatus>("\"asleep\""));
    }

    [Fact]
    public void State_stored_before_the_sets_were_enums_reads_and_writes_the_same()
    {
        const string stored = """
            {"instanceId":"11111111-2222-3333-4444-555555555555","definitionId":"p","version":1,"patientId":"11111111-2222-3333-4444-555555555556",
            "status":"faulted","startedAt":"2026-01-05T09:00:00+00:00","tokens":[{"id":"t1","activityId":"gate","status":"faulted","scopes":[]},
            {"id":"t2","activityId":"wait","status":"waiting","scopes":["s1"]}]}
            """;

        var state = InstanceState.FromJson(stored);

        Assert.Equal(InstanceStatus.Faulted, state.Status);
        Assert.Equal([TokenStatus.Faulted, TokenStatus.Waiting], state.Tokens.Select(t => t.Status));
        var written = JsonDocument.Parse(state.ToJson()).RootElement;
        Assert.Equal("faulted", written.GetProperty("status").GetString());
        Assert.Equal(["faulted", "waiting"], written.GetProperty("tokens").EnumerateArray().Select(t => t.GetProperty("status").GetString()));
    }

    private static void AssertWire<TEnum>(string[] names, TEnum[] values) where TEnum : struct, Enum
    {
        Assert.Equal(names, values.Select(v => v.WireName()));
        Assert.Equal(names, WireNames.All<TEnum>());
        Assert.Equal(names.Select(n => $"\"{n}\""), values.Select(v => JsonSerializer.Serialize(v)));
        Assert.Equal(values, names.Select(n => JsonSerializer.Deserialize<TEnum>($"\"{n}\"")));
        Assert.Equal(values, names.Select(WireNames.Parse<TEnum>));
    }
}
