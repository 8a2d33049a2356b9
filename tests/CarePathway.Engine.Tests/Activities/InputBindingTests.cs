using CarePathway.Engine.Activities;
using CarePathway.Engine.Activities.BuiltIn;
using CarePathway.Engine.Activities.Clinical;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Tests.Testing;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Tests.Activities;

/// <summary>Inputs are bound once, when the definition is compiled: typed as the activity declares them, or refused.</summary>
public sealed class InputBindingTests
{
    private static TInputs Bound<TInputs>(PathwayBuilder pathway, string id) where TInputs : class =>
        Assert.IsType<BoundActivity<TInputs>>(pathway.Compile().Bound(id)).Inputs;

    private static PathwayBuilder Around(string type, object inputs) =>
        PathwayBuilder.Create().Parameter("high", "number", 5).Variable("n", ValueTypes.Number)
            .Activity("start", "Start").Activity("it", type, inputs).Activity("end", "End");

    [Fact]
    public void An_object_list_binds_as_typed_items_whose_expressions_are_recorded_under_the_item()
    {
        var inputs = Bound<SwitchActivity.Inputs>(Around("Switch", new
        {
            cases = new[] { new { outcome = "high", condition = "var.n > param.high" }, new { outcome = "some", condition = "var.n > 0" } },
        }), "it");

        Assert.Equal(["high", "some"], inputs.Cases.Select(c => c.Outcome));
        Assert.Equal(["var.n > param.high", "var.n > 0"], inputs.Cases.Select(c => c.Condition.Text));
        Assert.Equal(["cases[0]", "cases[1]"], inputs.Cases.Select(c => c.Condition.Name));
    }

    [Fact]
    public void Inputs_that_are_given_are_typed_and_those_that_are_not_keep_their_defaults()
    {
        var given = Bound<LabGateActivity.Inputs>(Around("LabGate", new
        {
            gate = "renal", codes = new[] { "2160-0" }, freshness = "30d", captureBaseline = true, reminderKind = "calcium",
            rules = new[] { new { label = "Creatinine", expression = "lab(\"2160-0\") < 1" } },
        }), "it");
        Assert.Equal("renal", given.Gate);
        Assert.Equal(["2160-0"], given.Codes);
        Assert.Equal(("freshness", "30d"), (given.Freshness.Name, given.Freshness.Text));
        Assert.True(given.CaptureBaseline);
        Assert.Equal("calcium", given.ReminderKind);
        Assert.Equal(("Creatinine", "rules[0]"), (given.Rules[0].Label, given.Rules[0].Expression.Name));

        var defaults = Bound<LabGateActivity.Inputs>(Around("LabGate", new
        {
            gate = "renal", codes = new[] { "2160-0" }, freshness = "30d",
            rules = new[] { new { label = "Creatinine", expression = "lab(\"2160-0\") < 1" } },
        }), "it");
        Assert.False(defaults.CaptureBaseline);
        Assert.Equal(ReminderKinds.Renal, defaults.ReminderKind);
        Assert.Null(defaults.RecheckAfter);
        Assert.Null(defaults.MaxRechecks);
    }

    [Fact]
    public void A_form_field_says_it_is_required_only_when_the_definition_does()
    {
        var inputs = Bound<HumanTaskActivity.Inputs>(Around("HumanTask", new
        {
            kind = "review", role = "clinician", title = "Review",
            formFields = new object[] { new { name = "n", label = "N", type = "number", required = true }, new { name = "n", label = "Again", type = "number" } },
        }), "it");

        Assert.Equal(["done"], inputs.Outcomes);
        Assert.Equal("""{"name":"n","label":"N","type":"number","required":true}""", inputs.FormFields[0].ToJson().ToJsonString());
        Assert.Equal("""{"name":"n","label":"Again","type":"number"}""", inputs.FormFields[1].ToJson().ToJsonString());
    }

    [Fact]
    public void A_definition_whose_inputs_do_not_bind_is_not_compiled()
    {
        var refused = Assert.Throws<InvalidDefinitionException>(() => Around("Decision", new { condition = "var.n >" }).Compile());
        Assert.Contains(refused.Problems, p => p is { ActivityId: "it", Field: "inputs.condition" } && p.Message.StartsWith("expression does not parse", StringComparison.Ordinal));

        var missing = Assert.Throws<InvalidDefinitionException>(() => Around("SetVariable", new { value = "1" }).Compile());
        Assert.Contains(missing.Problems, p => p is { ActivityId: "it", Field: "inputs.variable", Message: "is required" });

        var unknown = Assert.Throws<InvalidDefinitionException>(() => Around("Teleport", new { }).Compile());
        Assert.Contains(unknown.Problems, p => p is { ActivityId: "it", Field: "type", Message: "unknown activity type 'Teleport'" });
    }

    [Fact]
    public void The_validator_checks_an_activitys_own_rules_once_its_inputs_bind()
    {
        var problems = new DefinitionValidator(ActivityCatalog.Default).Validate(Around("Fork", new { branches = "a" }).Chain("start", "it").Build());

        Assert.Contains(problems, p => p is { ActivityId: "it", Field: "inputs.branches", Message: "must be an array of strings" });
        Assert.DoesNotContain(problems, p => p.Message.Contains("at least two branches", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p is { ActivityId: "it", Field: "connections" } && p.Message.StartsWith("outcome", StringComparison.Ordinal));
    }
}
