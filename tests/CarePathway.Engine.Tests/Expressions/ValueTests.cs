using System.Text.Json;
using System.Text.Json.Nodes;
using CarePathway.Engine.Expressions;

namespace CarePathway.Engine.Tests.Expressions;

public class ValueTests
{
    [Fact]
    public void Default_value_is_null()
    {
        Assert.Equal(ValueKind.Null, default(Value).Kind);
        Assert.True(Value.Null.IsNull);
        Assert.Equal("null", Value.Null.ToDisplayString());
    }

    [Fact]
    public void Numbers_keep_their_scale_when_displayed()
    {
        Assert.Equal("0.60", Value.Number(0.60m).ToDisplayString());
        Assert.Equal("0.78 mg/dL", Value.Quantity(0.78m, "mg/dL").ToDisplayString());
    }

    [Fact]
    public void Typed_accessors_return_the_payload()
    {
        Assert.True(Value.True.AsBoolean());
        Assert.Equal(0.5m, Value.Number(0.5m).AsDecimal());
        Assert.Equal(70m, Value.Quantity(70m, "kg").AsDecimal());
        Assert.Equal("kg", Value.Quantity(70m, "kg").Unit);
        Assert.Equal(TimeSpan.FromDays(3), Value.Duration(TimeSpan.FromDays(3)).AsDuration());
        Assert.Equal("x", Value.String("x").AsString());
    }

    [Fact]
    public void Typed_accessor_on_the_wrong_kind_throws_a_clear_error()
    {
        var error = Assert.Throws<ExpressionEvaluationException>(() => Value.String("abc").AsDecimal());
        Assert.Equal("expected a number but the value is a string: abc", error.Message);

        var missing = Assert.Throws<ExpressionEvaluationException>(() => Value.Null.WithLabel("creatinine").AsBoolean());
        Assert.Equal("expected a boolean but the value (creatinine) is missing", missing.Message);

        Assert.Throws<ExpressionEvaluationException>(() => Value.Number(1m).AsDuration());
        Assert.Throws<ExpressionEvaluationException>(() => Value.Number(1m).AsDateTime());
        Assert.Throws<ExpressionEvaluationException>(() => Value.Number(1m).AsString());
    }

    [Fact]
    public void Date_times_are_held_in_utc()
    {
        var value = Value.DateTime(new DateTimeOffset(2026, 1, 5, 12, 0, 0, TimeSpan.FromHours(2)));
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero), value.AsDateTime());
        Assert.Equal(TimeSpan.Zero, value.AsDateTime().Offset);
        Assert.Equal("2026-01-05 10:00 UTC", value.ToDisplayString());
    }

    [Fact]
    public void A_date_is_midnight_utc_and_displays_without_a_time()
    {
        var value = Value.Date(new DateOnly(2026, 1, 5));
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero), value.AsDateTime());
        Assert.Equal("2026-01-05", value.ToDisplayString());
    }

    [Theory]
    [InlineData(84 * 24 * 60, "12 weeks")]
    [InlineData(7 * 24 * 60, "1 week")]
    [InlineData(3 * 24 * 60, "3 days")]
    [InlineData(24 * 60 + 6 * 60, "1 day 6 h")]
    [InlineData(90, "1 h 30 min")]
    [InlineData(15, "15 min")]
    [InlineData(0, "0 min")]
    [InlineData(-2 * 24 * 60, "-2 days")]
    public void Durations_display_in_clinical_units(int minutes, string expected)
    {
        Assert.Equal(expected, Value.Duration(TimeSpan.FromMinutes(minutes)).ToDisplayString());
    }

    [Fact]
    public void Labels_are_for_display_and_do_not_affect_equality()
    {
        var labelled = Value.Quantity(0.78m, "mg/dL").WithLabel("creatinine");
        Assert.Equal("creatinine", labelled.Label);
        Assert.Equal(Value.Quantity(0.78m, "mg/dL"), labelled);
        Assert.Equal("creatinine 0.78 mg/dL", labelled.ToString());
    }

    [Fact]
    public void Quantities_with_different_units_are_not_equal()
    {
        Assert.NotEqual(Value.Quantity(1m, "mg"), Value.Quantity(1m, "g"));
        Assert.NotEqual(Value.Number(1m), Value.Quantity(1m, "g"));
    }

    [Fact]
    public void Values_are_written_to_json_as_documented()
    {
        Assert.Null(Value.Null.ToJsonNode());
        Assert.Equal("0.60", Value.Number(0.60m).ToJsonNode()!.ToJsonString());
        Assert.Equal("{\"value\":0.60,\"unit\":\"mg/dL\"}", Value.Quantity(0.60m, "mg/dL").ToJsonNode()!.ToJsonString());
        Assert.Equal("\"hello\"", Value.String("hello").ToJsonNode()!.ToJsonString());
        Assert.Equal("true", Value.True.ToJsonNode()!.ToJsonString());
        Assert.Equal("\"2026-01-05T00:00:00Z\"", Value.Date(new DateOnly(2026, 1, 5)).ToJsonNode()!.ToJsonString());
        Assert.Equal("\"P84D\"", Value.Duration(TimeSpan.FromDays(84)).ToJsonNode()!.ToJsonString());
        Assert.Equal("\"PT1H30M\"", Value.Duration(TimeSpan.FromMinutes(90)).ToJsonNode()!.ToJsonString());
        Assert.Equal("\"-P1DT2H\"", Value.Duration(-TimeSpan.FromHours(26)).ToJsonNode()!.ToJsonString());
    }

    public static TheoryData<Value> RoundTripValues => new()
    {
        Value.Null,
        Value.Number(0.60m),
        Value.Number(-12m),
        Value.Quantity(0.78m, "mg/dL"),
        Value.String("plain text"),
        Value.True,
        Value.False,
        Value.DateTime(new DateTimeOffset(2026, 1, 5, 14, 30, 15, 250, TimeSpan.Zero)),
        Value.Date(new DateOnly(2026, 1, 5)),
        Value.Duration(TimeSpan.FromDays(84)),
        Value.Duration(TimeSpan.FromSeconds(90.5)),
        Value.Duration(TimeSpan.Zero),
    };

    [Theory]
    [MemberData(nameof(RoundTripValues))]
    public void Values_round_trip_through_json_node_and_element(Value value)
    {
        var node = value.ToJsonNode();
        var fromNode = Value.FromJson(node);
        Assert.Equal(value, fromNode);
        Assert.Equal(value.Kind, fromNode.Kind);

        using var document = JsonDocument.Parse(node?.ToJsonString() ?? "null");
        var fromElement = Value.FromJson(document.RootElement);
        Assert.Equal(value, fromElement);
        Assert.Equal(value.ToDisplayString(), fromElement.ToDisplayString());
    }

    [Fact]
    public void Reading_json_with_a_known_kind_keeps_date_like_strings_as_strings()
    {
        var node = JsonValue.Create("2026-01-05");
        Assert.Equal(ValueKind.DateTime, Value.FromJson(node).Kind);
        Assert.Equal(Value.String("2026-01-05"), Value.FromJson(node, ValueKind.String));
        Assert.Equal(Value.Duration(TimeSpan.FromDays(30)), Value.FromJson(JsonValue.Create("P30D"), ValueKind.Duration));
    }

    [Fact]
    public void Reading_json_of_the_wrong_shape_fails_with_a_format_error()
    {
        Assert.Throws<FormatException>(() => Value.FromJson(new JsonArray(1, 2)));
        Assert.Throws<FormatException>(() => Value.FromJson(new JsonObject { ["value"] = 1 }));
        Assert.Throws<FormatException>(() => Value.FromJson(JsonValue.Create("soon"), ValueKind.DateTime));
        Assert.Throws<FormatException>(() => Value.FromJson(JsonValue.Create("P1Y"), ValueKind.Duration));
        Assert.Throws<FormatException>(() => Value.FromJson(JsonValue.Create(5), ValueKind.String));
    }

    [Fact]
    public void Json_numbers_are_read_as_decimals_with_their_scale()
    {
        var value = Value.FromJson(JsonNode.Parse("1.10"));
        Assert.Equal("1.10", value.ToDisplayString());
        Assert.Equal(Value.Number(7m), Value.FromJson(JsonValue.Create(7)));
    }
}
