using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;
using static CarePathway.Engine.Tests.Pathways.ShippedScenario;

namespace CarePathway.Engine.Tests.Pathways;

/// <summary>
/// The controls of hazards 1-3 (deploy/clinical-safety.md) on every shipped pathway, through the simulator: who a
/// pathway is for, calcium before every course or cycle (corrected from total calcium and albumin when not reported),
/// and clearances that end with their labs.
/// </summary>
public class ClinicalSafetyScenarioTests
{
    /// <summary>A scenario per shipped pathway that reaches its first infusion with the labs it answers.</summary>
    public static TheoryData<string> FirstDoseScenarios =>
    [
        "crmo-pamidronate.vertebral.json",
        "paeds-osteoporosis-zoledronate.first-infusion.json",
        "adult-osteoporosis-iv.worked-example-5.json",
        "crps-bisphosphonate.pamidronate.json",
    ];

    private static void Labs(JsonObject scenario, string code, params (decimal Value, string Unit)[] results) =>
        scenario["answers"]!["labs"]![code] = new JsonArray([.. results.Select(r => (JsonNode)new JsonObject { ["value"] = r.Value, ["unit"] = r.Unit })]);

    private static void BornOn(JsonObject scenario, string birthDate) => scenario["patient"]!["birthDate"] = birthDate;

    [Theory]
    [InlineData("adult-osteoporosis-iv.worked-example-5.json", "2014-03-01", "Aged at least the minimum age: age 11 years < 18 years")]
    [InlineData("crps-bisphosphonate.pamidronate.json", "2012-06-01", "Aged at least the minimum age: age 13 years < 18 years")]
    [InlineData("crmo-pamidronate.vertebral.json", "2006-01-04", "Aged at most the maximum age: age 20 years > 18 years")]
    [InlineData("paeds-osteoporosis-zoledronate.first-infusion.json", "2005-06-01", "Aged at most the maximum age: age 20 years > 18 years")]
    public void A_patient_outside_who_the_pathway_is_for_is_not_started(string file, string birthDate, string rule)
    {
        var refused = Assert.Throws<IneligibleStartException>(() => Run(file, json => BornOn(json, birthDate)));

        var problem = Assert.Single(refused.Problems);
        Assert.Equal(("start", "eligibility"), (problem.ActivityId, problem.Field));
        Assert.Contains(rule, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_renal_formula_follows_the_age_on_the_day_a_19th_birthday_mid_course_moves_to_Cockcroft_Gault()
    {
        // 18 at the start (eligible, bedside Schwartz); 19 on 2026-02-05, before cycle 2 on day 72.
        var run = Run("crmo-pamidronate.vertebral.json", json => BornOn(json, "2007-02-05"));

        var renal = run.Entries("renal.calculated");
        Assert.Equal("bedside-schwartz", Field(renal.First(), "method"));
        Assert.All(renal.Where(r => Day(r) < 31), r => Assert.Equal("bedside-schwartz", Field(r, "method")));
        Assert.All(renal.Where(r => Day(r) >= 72), r => Assert.Equal("cockcroft-gault", Field(r, "method")));
        Assert.Contains(renal, r => Day(r) >= 72);
    }

    [Theory]
    [MemberData(nameof(FirstDoseScenarios))]
    public void A_low_corrected_calcium_holds_the_first_dose_and_the_hold_names_it(string file)
    {
        var run = Run(file, json => Labs(json, "29265-6", (1.9m, "mmol/L")));

        var held = run.Entries("gate.held");
        Assert.NotEmpty(held);
        Assert.All(held, h => Assert.Contains(h["reasons"]!.AsArray(), r => r!.GetValue<string>().Contains("corrected calcium 1.9 mmol/L", StringComparison.Ordinal)));
        Assert.Empty(run.Administered);
    }

    [Theory]
    [InlineData(2.0, "mmol/L", 30, "g/L", true, "Corrected calcium = 2 mmol/L + 0.02 x (40 - 30 g/L albumin) = 2.2 mmol/L")]
    [InlineData(2.1, "mmol/L", 45, "g/L", false, "Corrected calcium = 2.1 mmol/L + 0.02 x (40 - 45 g/L albumin) = 2 mmol/L")]
    [InlineData(8.0, "mg/dL", 2.5, "g/dL", true, "Corrected calcium = 8 mg/dL + 0.8 x (4.0 - 2.5 g/dL albumin) = 9.2 mg/dL = 2.3 mmol/L), 2.30 mmol/L >= 2.1 mmol/L")]
    public void Without_a_reported_corrected_calcium_the_gate_corrects_total_calcium_for_albumin_and_shows_the_working(
        decimal calcium, string calciumUnit, decimal albumin, string albuminUnit, bool passes, string working)
    {
        var run = Run("paeds-osteoporosis-zoledronate.first-infusion.json", json =>
        {
            ((JsonObject)json["answers"]!["labs"]!).Remove("29265-6");
            Labs(json, "17861-6", (calcium, calciumUnit));
            Labs(json, "1751-7", (albumin, albuminUnit));
        });

        var baseline = run.Entries(passes ? "gate.passed" : "gate.held").First(g => Field(g, "gate") == "baseline creatinine and calcium");
        var shown = passes ? Field(baseline, "explanation") : string.Join("; ", baseline["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Contains(working, shown, StringComparison.Ordinal);
        Assert.Equal(passes, run.Administered.Count > 0);
    }

    [Fact]
    public void An_approval_not_answered_before_its_labs_go_out_of_date_is_withdrawn_and_the_gates_run_again_on_fresh_labs()
    {
        // Zoledronic acid's labs are fresh for 30 days; the clinician's first answer would come on day 40.
        var run = Run("adult-osteoporosis-iv.worked-example-5.json", json =>
            json["answers"]!["tasks"]!["infusion-approval"] = new JsonArray(new JsonObject { ["outcome"] = "approved", ["afterDays"] = 40 }, "approved"));

        var window = run.Days("labFreshness");
        var expired = Assert.Single(run.Entries("clearance.expired"));
        Assert.Equal(window, Day(expired));
        Assert.Contains(run.Entries("task.cancelled"), c => Day(c) == window);
        Assert.Equal([0, window], run.Entries("lab.requested").Where(r => r["codes"]!.ToJsonString().Contains("2160-0", StringComparison.Ordinal)).Select(Day).Take(2));
        Assert.Equal(window, Day(run.Administered[0]));
    }

    [Fact]
    public void The_infusion_time_is_worked_out_again_before_each_dose_a_clearance_falling_below_30_lengthens_that_dose()
    {
        // 80-year-old woman, 45 kg: Cockcroft-Gault (140 - 80) x 45 / (72 x creatinine) x 0.85 is 31.9 mL/min at 1.0 mg/dL
        // and 29.0 at 1.1 mg/dL, under the 30 mL/min at which the pathway infuses over 4 hours.
        var run = Run("crps-bisphosphonate.pamidronate.json", json =>
        {
            json["patient"]!["birthDate"] = "1946-01-01";
            json["patient"]!["weightKg"] = 45;
            Labs(json, "2160-0", (1.0m, "mg/dL"), (1.0m, "mg/dL"), (1.1m, "mg/dL"));
        }, new { pamidronateRegimen = "3-day" });

        Assert.Equal([31.9m, 31.9m, 29.0m], run.Entries("renal.calculated").Select(r => Dec(r, "value")));
        var normal = run.Minutes("pamidronateInfusionTime");
        Assert.Equal([normal, normal, run.Minutes("lowClearanceInfusionTime")], run.Administered.Select(a => (int)Dec(a, "infusionMinutes")));
    }

    private static void EarlierDoses(JsonObject scenario, string drug, decimal mg, params int[] days) =>
        scenario["patient"]!["earlierDoses"] = new JsonArray([.. days.Select(day => (JsonNode)new JsonObject { ["drug"] = drug, ["doseMg"] = mg, ["day"] = day })]);

    [Fact]
    public void A_new_course_counts_the_earlier_courses_doses_toward_the_rolling_year_cap()
    {
        // Three earlier 3-day cycles of 36 mg (324 mg = 9 mg/kg at 36 kg) within the year; 11.5 mg/kg x 36 kg = 414 mg
        // leaves 90 mg for the new course's first cycle: 36 + 36 + 18. The last earlier dose was 4 weeks before day 0.
        var run = Run("crmo-pamidronate.vertebral.json", json => EarlierDoses(json, "pamidronate", 36m, -172, -171, -170, -100, -99, -98, -28, -27, -26));

        var plan = run.Entries("dose.calculated")[0];
        Assert.Equal("reduced-to-annual-cap", Field(plan, "outcome"));
        Assert.Equal([36m, 36m, 18m], plan["doses"]!.AsArray().Select(d => d!.GetValue<decimal>()));
        Assert.Equal(11.5m, Dec(plan, "cumulativeMgPerKg365"));
    }

    [Fact]
    public void A_new_course_waits_out_the_interval_since_the_last_dose_of_an_earlier_course()
    {
        // Ibandronate 3 mg was given 30 days before this course: the first dose of the new one waits until 3 months after it.
        var run = Run("adult-osteoporosis-iv.worked-example-5.json", json => EarlierDoses(json, "ibandronate", 3m, -30), new { drug = "ibandronate" });

        var earliest = run.DayMonthsAfter(-30, (int)run.Number("ibandronateIntervalMonths"));
        var scheduled = run.Entries("dose.scheduled")[0];
        Assert.Equal((0, earliest), (Day(scheduled), DueDay(scheduled)));
        Assert.Equal(earliest, Day(run.Administered[0]));
    }

    [Fact]
    public void Without_an_earlier_course_nothing_waits()
    {
        var run = Run("adult-osteoporosis-iv.worked-example-5.json", new { drug = "ibandronate" });

        Assert.Equal(0, Day(run.Administered[0]));
        Assert.Contains(run.Entries("decision"), d => Field(d, "activity") == "earlier-course" && Field(d, "outcome") == "false");
    }

    [Theory]
    [InlineData("6-monthly", 0.08, false)]
    [InlineData("3-monthly", 0.05, true)]
    [InlineData("6-monthly", 0.05, true)]
    public void The_paediatric_zoledronate_dose_of_every_schedule_is_checked_against_the_documented_range_per_kg(string schedule, decimal mgPerKg, bool inRange)
    {
        // A dose outside 0.0125-0.05 mg/kg (R4) is not approved, nor approved by default: only a clinician's override with a reason gives it.
        var run = Run("paeds-osteoporosis-zoledronate.first-infusion.json", json =>
            json["answers"]!["tasks"]!["infusion-approval"] = new JsonArray("approved", new JsonObject { ["outcome"] = "overridden", ["reason"] = "dose agreed with the bone team" }),
            new { schedule, doseMgPerKg = mgPerKg });

        var refusals = run.Entries("answer.refused").Where(r => Field(r, "kind") == "infusion-approval").ToList();
        var decided = run.Result.Tasks("infusion-approval", "task.completed");
        if (inRange)
        {
            Assert.Empty(refusals);
            Assert.Equal("approved", Field(decided[0], "outcome"));
        }
        else
        {
            Assert.Contains("a check in the evidence does not hold", Field(Assert.Single(refusals), "message"), StringComparison.Ordinal);
            Assert.Equal("overridden", Field(decided[0], "outcome"));
        }

        Assert.NotEmpty(run.Administered);
        Assert.NotEqual(InstanceStatus.Faulted, run.Result.Status);
    }

    private static JsonObject TaskAnswers(JsonObject scenario)
    {
        var answers = scenario["answers"]!.AsObject();
        if (answers["tasks"] is not JsonObject tasks) answers["tasks"] = tasks = [];
        return tasks;
    }

    private static JsonObject NotGiven() => new() { ["outcome"] = "not-given", ["reason"] = "patient unwell on the day" };

    [Theory]
    [InlineData("adult-osteoporosis-iv.worked-example-5.json")]
    [InlineData("paeds-osteoporosis-zoledronate.first-infusion.json")]
    [InlineData("crps-bisphosphonate.pamidronate.json")]
    [InlineData("crmo-pamidronate.vertebral.json")]
    public void A_dose_not_given_goes_to_a_clinician_and_given_later_is_checked_again_never_ending_the_course_silently(string file)
    {
        var run = Run(file, json => TaskAnswers(json)["administer-infusion"] = new JsonArray(NotGiven(), "given"));

        var review = Assert.Single(run.Tasks("missed-dose-review"));
        Assert.Equal("clinician", Field(review, "role"));
        Assert.Equal("give-later", Field(Assert.Single(run.Result.Tasks("missed-dose-review", "task.completed")), "outcome"));
        // Given later, on a gate that passed again after the review.
        var timeline = run.Result.Timeline.Select(e => e!.AsObject()).ToList();
        var reviewed = timeline.FindIndex(e => Field(e, "type") == "task.created" && Field(e, "kind") == "missed-dose-review");
        var given = timeline.FindIndex(e => Field(e, "type") == "infusion.administered");
        Assert.True(given > reviewed, "the dose was given after the review");
        Assert.Contains(timeline[reviewed..given], e => Field(e, "type") == "gate.passed");
        Assert.NotEqual(InstanceStatus.Faulted, run.Result.Status);
    }

    [Fact]
    public void A_missed_ibandronate_dose_given_later_restarts_the_schedule_from_the_day_it_was_given()
    {
        var run = Run("adult-osteoporosis-iv.worked-example-5.json", json =>
        {
            json["answers"]!["tasks"]!["administer-infusion"] = new JsonArray(NotGiven(), "given");
            json["answers"]!["tasks"]!["missed-dose-review"] = new JsonArray(new JsonObject { ["outcome"] = "give-later", ["afterDays"] = 10 });
        }, new { drug = "ibandronate" });

        var first = Day(run.Administered[0]);
        Assert.Equal(10, first);
        var next = run.Entries("dose.scheduled").First(s => Day(s) >= first);
        Assert.Equal(run.DayMonthsAfter(first, (int)run.Number("ibandronateIntervalMonths")), DueDay(next));
    }

    [Fact]
    public void A_first_crmo_dose_not_given_and_the_cycle_ended_defers_it_without_the_first_cycle_reminders()
    {
        var run = Run("crmo-pamidronate.vertebral.json", json =>
        {
            json["answers"]!["tasks"]!["administer-infusion"] = new JsonArray(NotGiven(), "given");
            json["answers"]!["tasks"]!["missed-dose-review"] = new JsonArray("end-cycle");
        });

        var first = Day(run.Administered[0]);
        Assert.Equal(run.Days("cycleInterval"), first);
        Assert.DoesNotContain(run.Reminders("calcium"), r => Day(r) < first);
        Assert.NotEqual(InstanceStatus.Faulted, run.Result.Status);
    }

    [Fact]
    public void A_crmo_re_treatment_of_a_recurrence_asks_for_escalation_at_once_and_counts_the_earlier_course()
    {
        // No vertebral lesion, so a first course would start with the NSAID trial; the earlier course gave 9 mg/kg in the year.
        var run = Run("crmo-pamidronate.vertebral.json", json =>
        {
            json["patient"]!["facts"] = new JsonObject();
            EarlierDoses(json, "pamidronate", 36m, -172, -171, -170, -100, -99, -98, -28, -27, -26);
        }, new { retreatment = true });

        Assert.Empty(run.Tasks("nsaid-review"));
        var escalation = Assert.Single(run.Result.Tasks("escalation-approval"));
        Assert.Equal(0, Day(escalation));
        Assert.Equal("reduced-to-annual-cap", Field(run.Entries("dose.calculated")[0], "outcome"));
    }
}
