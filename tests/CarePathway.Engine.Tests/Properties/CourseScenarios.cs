using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Simulation;
using FsCheck;
using FsCheck.Fluent;

namespace CarePathway.Engine.Tests.Properties;

/// <summary>
/// Random scenarios for any clinical pathway: a patient (weight, height, age, sex), creatinine series (sometimes in
/// umol/L, rarely in a unit the product refuses), weight changes, and people answering approvals (approve, override
/// with or without a reason, reject) and administrations (as planned, or with their own dose, time and start, which
/// may be above the approved dose, too short or too early). Parameters are supplied by the caller.
/// </summary>
internal static class CourseScenarios
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    public const int Days = 730;

    public static Gen<Scenario> For(string pathway, Gen<Dictionary<string, JsonNode?>> parameters, Gen<decimal> doseMg) =>
        from p in parameters
        from weightTenths in Gen.Choose(100, 1000)
        from heightCm in Gen.Choose(95, 190)
        from ageYears in Gen.Choose(3, 85)
        from sex in Gen.Elements("female", "male")
        from creatinine in Creatinine.ListOf().Select(l => l.ToList())
        from weights in (from day in Gen.Choose(1, Days) from percent in Gen.Choose(-20, 20) select (day, percent)).ListOf().Select(l => l.Take(3).ToList())
        from approvals in Approval.ListOf().Select(l => l.ToList())
        from administrations in Administration(doseMg).ListOf().Select(l => l.ToList())
        select Build(pathway, p, weightTenths / 10m, heightCm, ageYears, sex, creatinine, weights, approvals, administrations);

    private static Gen<Answer> Creatinine =>
        from hundredths in Gen.Choose(30, 250)
        from unit in Gen.Frequency((12, Gen.Constant("mg/dL")), (3, Gen.Constant("umol/L")), (1, Gen.Constant("mmol/L")))
        from after in Gen.Choose(0, 3)
        select new Answer
        {
            Value = unit == "umol/L" ? Math.Round(hundredths / 100m * 88.42m, 1) : hundredths / 100m,
            Unit = unit,
            AfterDays = after,
        };

    private static Gen<Answer> Approval =>
        from outcome in Gen.Frequency((12, Gen.Constant("approved")), (4, Gen.Constant("overridden")), (1, Gen.Constant("overridden-no-reason")), (1, Gen.Constant("rejected")))
        from after in Gen.Choose(0, 5)
        select new Answer
        {
            Outcome = outcome == "overridden-no-reason" ? "overridden" : outcome,
            Reason = outcome is "overridden" or "rejected" ? "clinical judgement recorded in the notes" : null,
            AfterDays = after,
            By = "dr.random",
        };

    private static Gen<Answer> Administration(Gen<decimal> doseMg) =>
        from kind in Gen.Frequency((10, Gen.Constant("planned")), (6, Gen.Constant("own")), (1, Gen.Constant("not-given")))
        from dose in doseMg
        from minutes in Gen.Choose(10, 300)
        from startDay in Gen.Choose(-30, Days)
        from startHour in Gen.Choose(0, 23)
        from after in Gen.Choose(0, 3)
        select kind switch
        {
            "not-given" => new Answer { Outcome = "not-given", Reason = "patient unwell on the day", AfterDays = after },
            "own" => new Answer
            {
                Outcome = "given",
                AfterDays = after,
                By = "nurse.random",
                Data = new JsonObject
                {
                    ["doseMg"] = dose,
                    ["infusionMinutes"] = (decimal)minutes,
                    ["startedAt"] = Start.AddDays(startDay).AddHours(startHour),
                },
            },
            _ => new Answer { Outcome = "given", AfterDays = after, By = "nurse.random" },
        };

    private static Scenario Build(string pathway, Dictionary<string, JsonNode?> parameters, decimal weightKg, int heightCm, int ageYears, string sex,
        List<Answer> creatinine, List<(int Day, int Percent)> weights, List<Answer> approvals, List<Answer> administrations)
    {
        var answers = new AnswerBook();
        // A first creatinine always arrives, so most runs get going; the rest of the series follows in order.
        answers.Add(AnswerBook.Labs, "2160-0", [new Answer { Value = 0.6m, Unit = "mg/dL" }, .. creatinine]);
        if (approvals.Count > 0) answers.Add(AnswerBook.Tasks, "infusion-approval", approvals);
        if (administrations.Count > 0) answers.Add(AnswerBook.Tasks, "administer-infusion", administrations);
        return new Scenario
        {
            Pathway = pathway,
            Parameters = parameters,
            Start = Start,
            Patient = new ScenarioPatient
            {
                BirthDate = DateOnly.FromDateTime(Start.UtcDateTime).AddYears(-ageYears).AddDays(-40),
                Sex = sex,
                WeightKg = weightKg,
                HeightCm = heightCm,
            },
            Events = [.. weights.Select(w => new ScenarioEvent(w.Day, EventTypes.Measurement, "weight", JsonValue.Create(Math.Round(weightKg * (100 + w.Percent) / 100m, 1)), "kg"))],
            Answers = answers,
            UntilDays = Days,
        };
    }
}
