using CarePathway.Engine.Clinical;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Patients;
using CarePathway.Engine.Simulation;
using CarePathway.Engine.Tests.Testing;
using static CarePathway.Engine.Tests.Clinical.Activities.CourseRun;
using static CarePathway.Engine.Tests.Testing.ClinicalPathways;

namespace CarePathway.Engine.Tests.Clinical.Activities;

public class LabsAndCourseStateTests
{
    [Theory]
    [InlineData("2160-0", 88.42, "umol/L", 1.0, "mg/dL")]
    [InlineData("14682-9", 1.0, "mg/dL", 88.42, "umol/L")]
    [InlineData("62292-8", 124.8, "nmol/L", 50.0, "ng/mL")]
    [InlineData("2160-0", 0.55, "mg/dL", 0.55, "mg/dL")]
    public void Normalize_converts_a_result_to_the_unit_rules_use(string code, double value, string unit, double expected, string expectedUnit)
    {
        var converted = LabCatalog.Normalize(code, (decimal)value, unit);
        Assert.True(converted.IsSuccess, converted.Error);
        Assert.Equal(((decimal)expected, expectedUnit), (Math.Round(converted.Value, 2), converted.Unit));
    }

    [Theory]
    [InlineData("2160-0", 1.0, "mmol/L")]
    [InlineData("2777-1", 3.0, "mmol/L")]
    public void Normalize_refuses_an_unknown_unit_naming_the_unit_and_the_code(string code, double value, string unit)
    {
        var refused = LabCatalog.Normalize(code, (decimal)value, unit);
        Assert.False(refused.IsSuccess);
        Assert.Contains($"'{unit}'", refused.Error!, StringComparison.Ordinal);
        Assert.Contains(code, refused.Error!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2160-0", 0.0, "mg/dL")]
    [InlineData("2160-0", -0.5, "mg/dL")]
    [InlineData("2160-0", 55.0, "mg/dL")]
    [InlineData("2777-1", 0.0, "mg/dL")]
    public void Normalize_refuses_an_implausible_value(string code, double value, string unit)
    {
        var refused = LabCatalog.Normalize(code, (decimal)value, unit);
        Assert.False(refused.IsSuccess);
        Assert.Contains(code, refused.Error!, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalize_refuses_a_code_outside_the_catalog_listing_the_codes_it_knows()
    {
        var refused = LabCatalog.Normalize("local-ntx", 35.5m, "nmol BCE/mmol");

        Assert.False(refused.IsSuccess);
        Assert.StartsWith("Unknown lab code 'local-ntx': known codes are 2160-0 (creatinine, mg/dL), 14682-9 (creatinine, umol/L)", refused.Error, StringComparison.Ordinal);
        Assert.Contains("9318-7 (urine albumin/creatinine, mg/g)", refused.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2160-0", "MG/DL", "mg/dL")]
    [InlineData("2160-0", " µmol/l ", "umol/L")]
    [InlineData("14682-9", "μMOL/L", "umol/L")]
    [InlineData("62292-8", "NMOL/L", "nmol/L")]
    [InlineData("1751-7", "g/l", "g/L")]
    [InlineData("9318-7", "MG/G", "mg/g")]
    [InlineData("2601-3", "mmol/l", "mmol/L")]
    public void A_unit_is_matched_whatever_its_case_or_micro_sign_and_given_in_the_catalogs_spelling(string code, string typed, string canonical)
    {
        Assert.Equal(canonical, LabCatalog.CanonicalUnit(code, typed));
    }

    [Theory]
    [InlineData("2160-0", "mg/L")]
    [InlineData("9318-7", "mg/mmol")]
    [InlineData("unknown", "mg/dL")]
    [InlineData("2160-0", " ")]
    public void A_unit_that_is_not_one_of_the_codes_has_no_canonical_spelling(string code, string typed)
    {
        Assert.Null(LabCatalog.CanonicalUnit(code, typed));
    }

    private static PathwayBuilder Renal(string method) => PathwayBuilder.Create()
        .Variable("renal")
        .Activity("start", "Start")
        .Activity("renal", "RenalFunction", new { method, variable = "renal" })
        .Activity("end", "End")
        .Chain("start", "renal", "end");

    [Theory]
    [InlineData("mg/dL", 1.2)]
    [InlineData("umol/L", 106.104)]
    public void Renal_function_worked_example_5_gives_40_1_ml_per_minute_in_either_creatinine_unit(string unit, double creatinine)
    {
        var patient = new PatientContext
        {
            PatientId = Guid.NewGuid(),
            BirthDate = DateOnly.FromDateTime(RunHarness.T0.UtcDateTime).AddYears(-72).AddDays(-10),
            Sex = "female",
            Diagnosis = "osteoporosis",
            Measurements = [new Measurement(MeasurementKinds.Weight, 60m, "kg", RunHarness.T0.AddDays(-1))],
        };
        patient.Labs.Add(new LabObservation(unit == "mg/dL" ? Creatinine : CreatinineMolar, (decimal)creatinine, unit, RunHarness.T0.AddDays(-1)));
        var run = new RunHarness(Valid(Renal("cockcroft-gault")), patient);
        run.Start();

        var renal = Assert.Single(Data(run, JournalTypes.RenalCalculated));
        Assert.Equal(("cockcroft-gault", 40.1m, "mL/min"), (renal["method"]!.GetValue<string>(), renal["value"]!.GetValue<decimal>(), renal["unit"]!.GetValue<string>()));
        Assert.Contains("0.85", renal["explanation"]!.GetValue<string>(), StringComparison.Ordinal);
        var stored = run.State.Variables["renal"]!;
        Assert.Equal((40.1m, "mL/min"), (Math.Round(stored["value"]!.GetValue<decimal>(), 1), stored["unit"]!.GetValue<string>()));
    }

    [Fact]
    public void Renal_function_without_a_creatinine_is_an_incident_naming_it()
    {
        var run = new RunHarness(Valid(Renal("bedside-schwartz")), RunHarness.NewPatient());
        run.Start();

        Assert.Contains("creatinine", Assert.Single(run.State.Incidents).Message, StringComparison.Ordinal);
    }

    private static Scenario PamidronateScenario(string body) => ScenarioReader.Read($$"""
        {
          "pathway": "pamidronate-course",
          "start": "2026-01-05T09:00:00Z",
          "patient": { "birthDate": "2015-01-05", "sex": "female", "weightKg": 36, "heightCm": 146 },
          "until": 30,
          {{body}}
        }
        """);

    [Fact]
    public void The_simulator_shows_a_refused_lab_and_a_refused_answer_and_goes_on()
    {
        var scenario = PamidronateScenario("""
            "events": [ { "day": 0, "lab": { "code": "2160-0", "value": 0.05, "unit": "mmol/L" } } ],
            "answers": {
              "labs": { "2160-0": [ { "value": 0.55, "unit": "mg/dL", "afterDays": 1 } ] },
              "tasks": { "administer-infusion": [ { "outcome": "given", "data": { "doseMg": 40, "infusionMinutes": 120 } } ] }
            }
            """);

        var result = Simulator.Run(scenario, Valid(Pamidronate()));

        var rejected = Assert.Single(CourseInvariantsEntries(result, "lab.rejected"));
        Assert.Contains("'mmol/L'", rejected["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("2160-0", rejected["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var refused = Assert.Single(CourseInvariantsEntries(result, "answer.refused"));
        Assert.Equal("administer-infusion", refused["kind"]!.GetValue<string>());
        Assert.Contains("40 mg is above the approved 36 mg", refused["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(result.FinalState.Course.Administered);
        Assert.Single(CourseInvariantsEntries(result, "gate.passed"));
    }

    private static List<System.Text.Json.Nodes.JsonObject> CourseInvariantsEntries(SimulationResult result, string type) =>
        Properties.CourseInvariants.Entries(result, type);

    [Fact]
    public void The_course_state_survives_the_json_round_trip_and_the_course_goes_on_from_it()
    {
        var run = Start(null, ("maxRechecks", 0m));
        GiveCycle(run, creatinine: 0.56m, nextCycleCreatinine: 0.70m);
        run.Complete(Approval(run), "overridden", reason: "nephrology agree");
        var json = run.State.ToJson();

        var restored = InstanceState.FromJson(json);

        Assert.Equal(json, restored.ToJson());
        var course = restored.Course;
        Assert.Equal(run.State.Course.Administered, course.Administered);
        Assert.Equal((2, 36m), (course.Cycle, course.StartWeightKg));
        Assert.Equal((GateClearanceKind.Overridden, "nephrology agree"), (course.Clearance!.Kind, course.Clearance.Reason));
        Assert.Equal(DosePlanDecision.Overridden, course.Plan!.Decision);
        Assert.Equal([36m, 36m, 36m], course.Plan.DayDoses);
        Assert.Equal(run.State.Course.LastGate!.Rules, course.LastGate!.Rules);
        Assert.Equal(run.State.Course.HeldCounts, course.HeldCounts);
        Assert.Equal(run.State.Course.NextDoseNotBefore, course.NextDoseNotBefore);
        Assert.Equal(run.State.Baselines[Creatinine], restored.Baselines[Creatinine]);

        var resumed = new WorkflowRunner(run.Clock).Resume(run.Definition, restored, run.Patient,
            new TaskCompleted(Administration(run).Id, "given", "nurse.ray", null, Given(run, Administration(run))));
        Assert.Equal(4, resumed.State.Course.Administered.Count);
        Assert.Null(resumed.State.Course.Clearance);
    }
}
