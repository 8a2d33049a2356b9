using CarePathway.Engine.Activities;
using CarePathway.Engine.Tests.Testing;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Tests.Validation;

public class DefinitionValidatorTests
{
    private static readonly DefinitionValidator Validator = new(ActivityCatalog.Default);

    /// <summary>start -> count -> check (Decision) -> end, with a parameter and a variable: valid as it is.</summary>
    private static PathwayBuilder Valid() => PathwayBuilder.Create()
        .Parameter("limit", "number", 3, unit: "doses")
        .Variable("n", "number", 0)
        .Activity("start", "Start")
        .Activity("count", "SetVariable", new { variable = "n", value = "var.n + 1" })
        .Activity("check", "Decision", new { condition = "var.n > param.limit" })
        .Activity("end", "End")
        .Chain("start", "count", "check")
        .Connect("check", "true", "end")
        .Connect("check", "false", "end");

    private static IReadOnlyList<ValidationProblem> Problems(PathwayBuilder builder) => Validator.Validate(builder.Build());

    private static ValidationProblem AssertProblem(IReadOnlyList<ValidationProblem> problems, string? activityId, string field, string messagePart)
    {
        var match = problems.FirstOrDefault(p => p.ActivityId == activityId && p.Field == field && p.Message.Contains(messagePart, StringComparison.Ordinal));
        Assert.True(match is not null,
            $"expected a problem ({activityId ?? "definition"}, {field}, ...{messagePart}...), got:\n{string.Join("\n", problems)}");
        return match!;
    }

    [Fact]
    public void A_valid_definition_has_no_problems()
    {
        Assert.Empty(Problems(Valid()));
    }

    [Fact]
    public void All_problems_are_listed_at_once()
    {
        var problems = Problems(Valid()
            .Activity("teleport", "Teleport")
            .Activity("orphan", "SetVariable", new { variable = "n", value = "var.n +" })
            .Connect("orphan", "done", "nowhere"));

        AssertProblem(problems, "teleport", "type", "unknown activity type 'Teleport'");
        AssertProblem(problems, "orphan", "inputs.value", "does not parse");
        AssertProblem(problems, "orphan", "connections[4].to", "'nowhere', which is not an activity");
        AssertProblem(problems, "orphan", "connections", "cannot be reached from Start");
        Assert.True(problems.Count >= 4);
    }

    [Fact]
    public void An_unknown_activity_type_is_a_problem()
    {
        var problems = Problems(Valid().Activity("x", "Teleport").Connect("x", "done", "end"));
        AssertProblem(problems, "x", "type", "unknown activity type 'Teleport'");
    }

    [Fact]
    public void A_missing_required_input_is_a_problem()
    {
        var problems = Problems(PathwayBuilder.Create()
            .Variable("n", "number", 0)
            .Activity("start", "Start")
            .Activity("count", "SetVariable", new { variable = "n" })
            .Activity("end", "End")
            .Chain("start", "count", "end"));
        AssertProblem(problems, "count", "inputs.value", "is required");
    }

    [Theory]
    [InlineData("SetVariable", """{ "variable": 42, "value": "1" }""", "inputs.variable", "must be a non-empty string")]
    [InlineData("Join", """{ "mode": "some" }""", "inputs.mode", "must be one of all, any")]
    [InlineData("Decision", """{ "condition": true }""", "inputs.condition", "must be an expression written as a string")]
    [InlineData("HumanTask", """{ "kind": "k", "role": "nurse", "title": "t" }""", "inputs.role", "must be one of coordinator, clinician, administrator")]
    [InlineData("HumanTask", """{ "kind": "k", "role": "clinician", "title": "t", "outcomes": "yes" }""", "inputs.outcomes", "must be an array of strings")]
    [InlineData("WaitForEvent", """{ "eventType": "lab", "key": "2160-0", "captureBaseline": "yes" }""", "inputs.captureBaseline", "must be true or false")]
    [InlineData("SetVariable", """{ "variable": "n", "value": "1", "colour": "red" }""", "inputs.colour", "SetVariable has no input 'colour'")]
    public void A_mistyped_or_unknown_input_is_a_problem(string type, string inputs, string field, string message)
    {
        var problems = Problems(Valid().Activity("x", type, System.Text.Json.JsonDocument.Parse(inputs).RootElement));
        AssertProblem(problems, "x", field, message);
    }

    [Fact]
    public void A_connection_to_a_missing_activity_is_a_problem()
    {
        var problems = Problems(Valid().Activity("wait", "Delay", new { duration = "1d" }).Connect("count", "done", "nowhere"));
        AssertProblem(problems, "count", "connections[4].to", "connects to 'nowhere', which is not an activity");
    }

    [Fact]
    public void A_connection_from_a_missing_activity_is_a_problem()
    {
        var problems = Problems(Valid().Connect("ghost", "done", "end"));
        AssertProblem(problems, null, "connections[4].from", "connects from 'ghost', which is not an activity");
    }

    [Fact]
    public void An_outcome_connected_twice_is_a_problem()
    {
        var problems = Problems(Valid().Connect("check", "true", "count"));
        AssertProblem(problems, "check", "connections[4]", "outcome 'true' is connected more than once");
    }

    [Fact]
    public void An_outcome_with_no_connection_is_a_problem()
    {
        var problems = Problems(PathwayBuilder.Create()
            .Activity("start", "Start")
            .Activity("check", "Decision", new { condition = "patient.ageYears > 10" })
            .Activity("end", "End")
            .Chain("start", "check")
            .Connect("check", "true", "end"));
        AssertProblem(problems, "check", "connections", "outcome 'false' has no connection");
    }

    [Fact]
    public void An_activity_that_cannot_be_reached_from_start_is_a_problem()
    {
        var problems = Problems(Valid().Activity("orphan", "End"));
        AssertProblem(problems, "orphan", "connections", "cannot be reached from Start");
    }

    [Fact]
    public void An_activity_with_no_path_to_an_end_is_a_problem()
    {
        var problems = Problems(PathwayBuilder.Create()
            .Activity("start", "Start")
            .Activity("a", "Delay", new { duration = "1d" })
            .Activity("b", "Delay", new { duration = "1d" })
            .Activity("end", "End")
            .Chain("start", "a", "b", "a"));
        AssertProblem(problems, "a", "connections", "has no path to an End");
        AssertProblem(problems, "b", "connections", "has no path to an End");
    }

    [Fact]
    public void A_clock_looping_beside_the_course_is_allowed_when_an_end_ends_the_pathway()
    {
        var problems = Problems(PathwayBuilder.Create()
            .Activity("start", "Start")
            .Activity("fork", "Fork", new { branches = new[] { "course", "clock" } })
            .Activity("dose", "Delay", new { duration = "1d" })
            .Activity("end", "End", new { endsPathway = true })
            .Activity("tick", "Delay", new { duration = "90d" })
            .Chain("start", "fork")
            .Connect("fork", "course", "dose").Chain("dose", "end")
            .Connect("fork", "clock", "tick").Chain("tick", "tick"));
        Assert.DoesNotContain(problems, p => p.Message.Contains("no path to an End", StringComparison.Ordinal));
    }

    [Fact]
    public void A_task_is_due_on_a_planned_day_or_by_a_deadline_not_both()
    {
        var problems = Problems(Valid().Activity("review", "HumanTask", new { kind = "review", role = "clinician", title = "Review", dueIn = "7d", respondWithin = "1d" }));
        AssertProblem(problems, "review", "inputs.respondWithin", "not both");
    }

    [Fact]
    public void Waits_that_can_hold_a_patient_unseen_are_advised_on_without_making_the_definition_invalid()
    {
        var definition = PathwayBuilder.Create()
            .Activity("start", "Start")
            .Activity("review", "HumanTask", new { kind = "review", role = "clinician", title = "Review", outcomes = new[] { "done" } })
            .Activity("await", "WaitForEvent", new { eventType = "lab", key = "2160-0" })
            .Activity("gate", "LabGate", new
            {
                gate = "renal", codes = new[] { "2160-0" }, freshness = "1d", recheckAfter = "7d",
                rules = new[] { new { label = "Creatinine recorded", expression = "has(lab(\"2160-0\"))" } },
            })
            .Activity("reminder", "Reminder", new { kind = "note", role = "clinician", title = "A note" })
            .Activity("end", "End")
            .Chain("start", "review").Connect("review", "done", "await").Connect("await", "received", "gate")
            .Connect("gate", "passed", "reminder").Chain("reminder", "end")
            .Build();

        Assert.Empty(Validator.Validate(definition));
        var advice = Validator.Advise(definition);
        Assert.Equal(
            [("review", "inputs.respondWithin"), ("await", "inputs.timeout"), ("gate", "inputs.maxRechecks"), ("gate", "inputs.orderDueIn")],
            advice.Select(a => (a.ActivityId, a.Field)));
        Assert.Contains("no due date", advice[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wait_with_its_way_out_in_time_has_no_advice()
    {
        var definition = PathwayBuilder.Create()
            .Activity("start", "Start")
            .Activity("review", "HumanTask", new { kind = "review", role = "clinician", title = "Review", outcomes = new[] { "done" }, respondWithin = "1d" })
            .Activity("await", "WaitForEvent", new { eventType = "lab", key = "2160-0", timeout = "7d" })
            .Activity("gate", "LabGate", new
            {
                gate = "renal", codes = new[] { "2160-0" }, freshness = "1d", recheckAfter = "7d", maxRechecks = "2", orderDueIn = "1d",
                escalationTitle = "Renal still held", rules = new[] { new { label = "Creatinine recorded", expression = "has(lab(\"2160-0\"))" } },
            })
            .Activity("end", "End")
            .Chain("start", "review").Connect("review", "done", "await").Connect("await", "received", "gate").Connect("await", "timeout", "end")
            .Connect("gate", "passed", "end").Connect("gate", "held", "end")
            .Build();

        Assert.Empty(Validator.Validate(definition));
        Assert.Empty(Validator.Advise(definition));
    }

    [Fact]
    public void An_expression_that_does_not_parse_is_a_problem_that_gives_the_position()
    {
        var problems = Problems(PathwayBuilder.Create()
            .Activity("start", "Start")
            .Activity("check", "Decision", new { condition = "patient.ageYears > * 2" })
            .Activity("end", "End")
            .Chain("start", "check")
            .Connect("check", "true", "end")
            .Connect("check", "false", "end"));
        var problem = AssertProblem(problems, "check", "inputs.condition", "expression does not parse");
        Assert.Contains("position 19", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("var.missing > 1", "var.missing")]
    [InlineData("param.missing > 1", "param.missing")]
    [InlineData("patient.shoeSize > 1", "patient.shoeSize")]
    [InlineData("lunch.time > 1", "lunch.time")]
    public void An_expression_naming_something_unknown_is_a_problem(string condition, string name)
    {
        var problems = Problems(PathwayBuilder.Create()
            .Activity("start", "Start")
            .Activity("check", "Decision", new { condition })
            .Activity("end", "End")
            .Chain("start", "check")
            .Connect("check", "true", "end")
            .Connect("check", "false", "end"));
        AssertProblem(problems, "check", "inputs.condition", $"expression names something unknown: '{name}'");
    }

    [Fact]
    public void An_expression_inside_an_item_list_is_checked_too()
    {
        var problems = Problems(Valid().Activity("choose", "Switch", new { cases = new[] { new { outcome = "big", condition = "var.nope" } } }));
        AssertProblem(problems, "choose", "inputs.cases[0].condition", "names something unknown: 'var.nope'");
    }

    [Theory]
    [InlineData("number", "\"lots\"", "parameters.p.default", "is not a valid number")]
    [InlineData("duration", "\"twelve weeks\"", "parameters.p.default", "is not a valid duration")]
    [InlineData("date", "\"5th of May\"", "parameters.p.default", "is not a valid date")]
    [InlineData("boolean", "1", "parameters.p.default", "is not a valid boolean")]
    [InlineData("integer", "1", "parameters.p.type", "'integer' is not a parameter type")]
    public void A_parameter_of_the_wrong_type_is_a_problem(string type, string defaultJson, string field, string message)
    {
        var problems = Problems(Valid().Parameter("p", type, System.Text.Json.JsonDocument.Parse(defaultJson).RootElement));
        AssertProblem(problems, null, field, message);
    }

    [Theory]
    [InlineData("number", "mg/dl", "unknown unit 'mg/dl'")]
    [InlineData("number", "weeks", "'weeks' is a length of time: make this a duration parameter")]
    [InlineData("string", "mg", "only number parameters carry a unit")]
    public void A_parameter_with_the_wrong_unit_is_a_problem(string type, string unit, string message)
    {
        var problems = Problems(Valid().Parameter("p", type, type == "number" ? 1 : "x", unit: unit));
        AssertProblem(problems, null, "parameters.p.unit", message);
    }

    [Fact]
    public void A_parameter_default_outside_its_allowed_values_is_a_problem()
    {
        var problems = Problems(Valid().Parameter("rule", "string", "sometimes", allowed: ["relative", "absolute"]));
        AssertProblem(problems, null, "parameters.rule.default", "'sometimes' is not one of relative, absolute");
    }

    [Fact]
    public void A_parameter_without_a_source_is_a_problem()
    {
        var problems = Problems(Valid().Parameter("p", "number", 1, source: null));
        AssertProblem(problems, null, "parameters.p.source", "every parameter names its source");
    }

    [Fact]
    public void A_parameter_without_a_default_is_a_problem()
    {
        var problems = Problems(Valid().Parameter("p", "number", null));
        AssertProblem(problems, null, "parameters.p.default", "is required");
    }

    [Fact]
    public void A_parameter_or_variable_declared_twice_is_a_problem()
    {
        var problems = Problems(Valid().Parameter("limit", "number", 1).Variable("n", "number", 1));
        AssertProblem(problems, null, "parameters.limit", "is declared twice");
        AssertProblem(problems, null, "variables.n", "is declared twice");
    }

    [Fact]
    public void A_variable_whose_initial_value_does_not_fit_its_type_is_a_problem()
    {
        var problems = Problems(Valid().Variable("flag", "boolean", "yes"));
        AssertProblem(problems, null, "variables.flag.initial", "is not a valid boolean");
    }

    [Theory]
    [InlineData("number")]
    [InlineData("any")]
    public void A_variable_whose_initial_value_is_a_list_is_a_problem_not_a_fault(string type)
    {
        var problems = Problems(Valid().Variable("mixed", type, new object[] { 1, "x" }));
        AssertProblem(problems, null, "variables.mixed.initial", $"is not a valid {type}");
    }

    [Fact]
    public void Two_activities_with_the_same_id_are_a_problem()
    {
        var problems = Problems(Valid().Activity("count", "End"));
        AssertProblem(problems, "count", "id", "is used by two activities");
    }

    [Fact]
    public void An_activity_id_with_spaces_is_a_problem()
    {
        var problems = Problems(Valid().Activity("my step", "End"));
        AssertProblem(problems, "my step", "id", "must be letters, digits, dashes or underscores");
    }

    [Fact]
    public void A_definition_without_a_start_is_a_problem()
    {
        var problems = Problems(PathwayBuilder.Create().Activity("end", "End"));
        AssertProblem(problems, null, "activities", "there is no Start activity");
    }

    [Fact]
    public void A_definition_with_two_starts_is_a_problem()
    {
        var problems = Problems(Valid().Activity("start2", "Start").Connect("start2", "done", "end"));
        AssertProblem(problems, null, "activities", "there are 2 Start activities; a pathway has exactly one");
    }

    [Fact]
    public void A_definition_without_an_end_is_a_problem()
    {
        var problems = Problems(PathwayBuilder.Create()
            .Activity("start", "Start")
            .Activity("wait", "Delay", new { duration = "1d" })
            .Chain("start", "wait", "wait"));
        AssertProblem(problems, null, "activities", "there is no End activity");
    }

    [Fact]
    public void A_connection_into_start_is_a_problem()
    {
        var problems = Problems(PathwayBuilder.Create()
            .Activity("start", "Start")
            .Activity("check", "Decision", new { condition = "patient.ageYears > 10" })
            .Activity("end", "End")
            .Chain("start", "check")
            .Connect("check", "true", "end")
            .Connect("check", "false", "start"));
        AssertProblem(problems, "check", "connections[2].to", "nothing may connect into the Start activity");
    }

    [Fact]
    public void A_connection_from_an_outcome_the_activity_does_not_have_is_a_problem()
    {
        var problems = Problems(Valid().Connect("count", "finished", "end"));
        AssertProblem(problems, "count", "connections[4].outcome", "'finished' is not an outcome of this activity (it has done)");
    }

    [Fact]
    public void A_timeout_outcome_needs_a_timeout()
    {
        var problems = Problems(PathwayBuilder.Create()
            .Activity("start", "Start")
            .Activity("wait", "WaitForEvent", new { eventType = "lab", key = "2160-0" })
            .Activity("end", "End")
            .Chain("start", "wait")
            .Connect("wait", "received", "end")
            .Connect("wait", "timeout", "end"));
        AssertProblem(problems, "wait", "connections[2].outcome", "'timeout' is not an outcome of this activity (it has received)");
    }

    [Fact]
    public void A_switch_case_named_default_is_a_problem()
    {
        var problems = Problems(PathwayBuilder.Create()
            .Variable("n", "number", 0)
            .Activity("start", "Start")
            .Activity("choose", "Switch", new { cases = new[] { new { outcome = "default", condition = "var.n > 1" } } })
            .Activity("end", "End")
            .Chain("start", "choose")
            .Connect("choose", "default", "end"));
        AssertProblem(problems, "choose", "inputs.cases", "\"default\" is taken when no case holds and cannot name a case");
    }

    [Fact]
    public void A_switch_with_two_cases_of_the_same_outcome_is_a_problem()
    {
        var problems = Problems(Valid().Activity("choose", "Switch", new
        {
            cases = new[] { new { outcome = "big", condition = "var.n > 10" }, new { outcome = "big", condition = "var.n > 5" } },
        }));
        AssertProblem(problems, "choose", "inputs.cases", "the outcome 'big' is used by two cases");
    }

    [Fact]
    public void A_switch_default_must_be_connected()
    {
        var problems = Problems(PathwayBuilder.Create()
            .Variable("n", "number", 0)
            .Activity("start", "Start")
            .Activity("choose", "Switch", new { cases = new[] { new { outcome = "big", condition = "var.n > 1" } } })
            .Activity("end", "End")
            .Chain("start", "choose")
            .Connect("choose", "big", "end"));
        AssertProblem(problems, "choose", "connections", "outcome 'default' has no connection");
    }

    [Fact]
    public void A_fork_with_one_branch_is_a_problem()
    {
        var problems = Problems(PathwayBuilder.Create()
            .Activity("start", "Start")
            .Activity("fork", "Fork", new { branches = new[] { "only" } })
            .Activity("end", "End")
            .Chain("start", "fork")
            .Connect("fork", "only", "end"));
        AssertProblem(problems, "fork", "inputs.branches", "a fork needs at least two branches");
    }

    [Fact]
    public void A_fork_with_repeated_branch_names_is_a_problem()
    {
        var problems = Problems(Valid().Activity("fork", "Fork", new { branches = new[] { "a", "a" } }));
        AssertProblem(problems, "fork", "inputs.branches", "branch names must be different");
    }

    [Theory]
    [InlineData("""{ "duration": "1d", "until": "var.when" }""")]
    [InlineData("""{ }""")]
    public void A_delay_needs_exactly_one_of_duration_and_until(string inputs)
    {
        var problems = Problems(Valid().Variable("when", "date").Activity("wait", "Delay", System.Text.Json.JsonDocument.Parse(inputs).RootElement));
        AssertProblem(problems, "wait", "inputs.duration", "give exactly one of duration and until");
    }

    [Fact]
    public void A_form_field_without_a_declared_variable_is_a_problem()
    {
        var problems = Problems(Valid().Activity("ask", "HumanTask", new
        {
            kind = "ask", role = "clinician", title = "Ask",
            formFields = new[] { new { name = "painScore", label = "Pain score", type = "number" } },
        }));
        AssertProblem(problems, "ask", "inputs.formFields", "form field 'painScore' has no declared variable to store it in");
    }

    [Fact]
    public void A_form_field_item_missing_its_label_is_a_problem()
    {
        var problems = Problems(Valid().Variable("painScore", "number").Activity("ask", "HumanTask", new
        {
            kind = "ask", role = "clinician", title = "Ask",
            formFields = new[] { new { name = "painScore", type = "number" } },
        }));
        AssertProblem(problems, "ask", "inputs.formFields[0].label", "is required");
    }

    [Fact]
    public void A_default_outcome_that_is_not_an_outcome_of_the_task_is_a_problem()
    {
        var problems = Problems(Valid().Activity("ask", "HumanTask", new
        {
            kind = "ask", role = "clinician", title = "Ask", outcomes = new[] { "yes", "no" }, defaultOutcome = "maybe",
        }));
        AssertProblem(problems, "ask", "inputs.defaultOutcome", "'maybe' is not one of the task's outcomes");
    }

    [Fact]
    public void A_set_variable_naming_an_undeclared_variable_is_a_problem()
    {
        var problems = Problems(Valid().Activity("set", "SetVariable", new { variable = "cycle", value = "1" }));
        AssertProblem(problems, "set", "inputs.variable", "'cycle' is not a declared variable");
    }

    [Fact]
    public void A_gate_requires_exactly_the_labs_its_rules_use()
    {
        // Vitamin D required but read by no rule; corrected calcium read but not required fresh.
        var gate = PathwayBuilder.Create()
            .Activity("start", "Start")
            .Activity("gate", "LabGate", new
            {
                gate = "pre-infusion",
                codes = new[] { "2160-0", "62292-8" },
                freshness = "30d",
                rules = new[]
                {
                    new { label = "creatinine known", expression = "has(lab(\"2160-0\"))" },
                    new { label = "calcium not low", expression = "lab(\"29265-6\") >= 2.1" },
                },
            })
            .Activity("end", "End")
            .Chain("start", "gate")
            .Connect("gate", "passed", "end")
            .Connect("gate", "held", "end");

        var problems = Problems(gate);

        AssertProblem(problems, "gate", "inputs.codes", "requires 25-OH vitamin D (62292-8), which no rule uses");
        AssertProblem(problems, "gate", "inputs.rules", "a rule uses corrected calcium (29265-6), which the gate does not require fresh");
        Assert.DoesNotContain(problems, p => p.Message.Contains("2160-0", StringComparison.Ordinal));
    }
}
