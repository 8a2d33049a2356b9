using System.Globalization;
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

    public static Gen<Scenario> For(string pathway, Gen<Dictionary<string, JsonNode?>> parameters, Gen<decimal> doseMg, CourseWorld? world = null) =>
        from p in parameters
        from w in (world ?? CourseWorld.Default).Generate()
        from weightTenths in Gen.Choose(w.WeightKg.Min * 10, w.WeightKg.Max * 10)
        from heightCm in Gen.Choose(95, 190)
        from ageYears in Gen.Choose(w.AgeYears.Min, w.AgeYears.Max)
        from sex in Gen.Elements("female", "male")
        from creatinine in Creatinine(w.CreatinineHundredths).ListOf().Select(l => l.ToList())
        from weights in (from day in Gen.Choose(1, Days) from percent in Gen.Choose(-20, 20) select (day, percent)).ListOf().Select(l => l.Take(3).ToList())
        from approvals in Approval.ListOf().Select(l => l.ToList())
        from administrations in Administration(doseMg, w.AdministrationMix).ListOf().Select(l => l.ToList())
        select Build(pathway, p, weightTenths / 10m, heightCm, ageYears, sex, creatinine, weights, approvals, administrations, w);

    private static Gen<Answer> Creatinine(Gen<int> mgPerDlHundredths) =>
        from hundredths in mgPerDlHundredths
        from unit in Gen.Frequency((12, Gen.Constant("mg/dL")), (3, Gen.Constant("umol/L")), (1, Gen.Constant("mmol/L")))
        from after in Gen.Choose(0, 3)
        select new Answer
        {
            Value = unit == "umol/L" ? Math.Round(hundredths / 100m * 88.42m, 1) : hundredths / 100m,
            Unit = unit,
            AfterDays = after,
        };

    /// <summary>Most approvals and infusions the day they are asked for; some days later, after their labs went out of date.</summary>
    private static readonly Gen<int> MostlySameDay = Gen.Frequency((5, Gen.Constant(0)), (1, Gen.Choose(1, 5)));

    private static Gen<Answer> Approval =>
        from outcome in Gen.Frequency((12, Gen.Constant("approved")), (4, Gen.Constant("overridden")), (1, Gen.Constant("overridden-no-reason")), (1, Gen.Constant("rejected")))
        from after in MostlySameDay
        select new Answer
        {
            Outcome = outcome == "overridden-no-reason" ? "overridden" : outcome,
            Reason = outcome is "overridden" or "rejected" ? "clinical judgement recorded in the notes" : null,
            AfterDays = after,
            By = "dr.random",
        };

    private static Gen<Answer> Administration(Gen<decimal> doseMg, (int Planned, int Own, int NotGiven) mix) =>
        from kind in Gen.Frequency((mix.Planned, Gen.Constant("planned")), (mix.Own, Gen.Constant("own")), (mix.NotGiven, Gen.Constant("not-given")))
        from dose in doseMg
        from minutes in Gen.Choose(10, 300)
        from startDay in Gen.Choose(-30, Days)
        from startHour in Gen.Choose(0, 23)
        from after in MostlySameDay
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
                    ["startedAt"] = Start.AddDays(startDay).AddHours(startHour).ToString("O", CultureInfo.InvariantCulture),
                },
            },
            _ => new Answer { Outcome = "given", AfterDays = after, By = "nurse.random" },
        };

    private static Scenario Build(string pathway, Dictionary<string, JsonNode?> parameters, decimal weightKg, int heightCm, int ageYears, string sex,
        List<Answer> creatinine, List<(int Day, int Percent)> weights, List<Answer> approvals, List<Answer> administrations, CourseWorld.Drawn world)
    {
        var answers = new AnswerBook();
        foreach (var (section, key, list) in world.Answers) answers.Add(section, key, list);
        // A first creatinine always arrives, so most runs get going; the rest of the series follows in order.
        answers.Add(AnswerBook.Labs, "2160-0", [new Answer { Value = 0.6m, Unit = "mg/dL" }, .. creatinine]);
        // The last answer repeats: one refused (an approval of a held gate, an override without a reason, a dose above
        // the approved one) or not given would be recorded again at every later dose for the rest of the course, twice a
        // day (a dose left open lapses with its labs and is asked for again), and a course nobody approves asks for labs
        // twice a day for two years. People correct a refused entry, so after the drawn answers the clinician decides
        // with a reason at once (an override, which a held gate does not refuse) and every administration is recorded as
        // planned.
        answers.Add(AnswerBook.Tasks, "infusion-approval",
            [.. approvals, new Answer { Outcome = "overridden", Reason = "clinical judgement recorded in the notes", By = "dr.random" }]);
        answers.Add(AnswerBook.Tasks, "administer-infusion", [.. administrations, new Answer { Outcome = "given", By = "nurse.random" }]);
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
                Facts = new Dictionary<string, JsonNode?>(world.Facts, StringComparer.Ordinal),
            },
            Events = [.. weights.Select(w => new ScenarioEvent(w.Day, EventTypes.Measurement, "weight", JsonValue.Create(Math.Round(weightKg * (100 + w.Percent) / 100m, 1)), "kg"))],
            Answers = answers,
            UntilDays = Days,
        };
    }
}

/// <summary>
/// What a pathway asks of the world besides creatinine, infusion approvals and administrations: the patients it is for
/// (age and weight ranges), its other labs and tasks (each a random series of answers) and the patient facts it reads.
/// </summary>
internal sealed record CourseWorld
{
    public static readonly CourseWorld Default = new();

    public (int Min, int Max) AgeYears { get; init; } = (3, 85);

    public (int Min, int Max) WeightKg { get; init; } = (10, 100);

    public IReadOnlyList<(string Section, string Key, Gen<List<Answer>> Answers)> Answers { get; init; } = [];

    public IReadOnlyList<(string Name, Gen<JsonNode?> Value)> Facts { get; init; } = [];

    /// <summary>One draw of the world: the answer series and facts a scenario gets.</summary>
    /// <summary>Creatinine after the first (0.6 mg/dL), in hundredths of mg/dL.</summary>
    public Gen<int> CreatinineHundredths { get; init; } = Gen.Choose(30, 250);

    /// <summary>How often an administration is recorded as planned, with the nurse's own dose, time and start, or not given.</summary>
    public (int Planned, int Own, int NotGiven) AdministrationMix { get; init; } = (10, 6, 1);

    internal sealed record Drawn((int Min, int Max) AgeYears, (int Min, int Max) WeightKg, Gen<int> CreatinineHundredths, (int Planned, int Own, int NotGiven) AdministrationMix, IReadOnlyList<(string Section, string Key, List<Answer> Answers)> Answers, IReadOnlyDictionary<string, JsonNode?> Facts);

    public Gen<Drawn> Generate() =>
        from answers in Gen.CollectToArray(Answers, a => a.Answers.Select(list => (a.Section, a.Key, list)))
        from facts in Gen.CollectToArray(Facts, f => f.Value.Select(value => KeyValuePair.Create(f.Name, value)))
        select new Drawn(AgeYears, WeightKg, CreatinineHundredths, AdministrationMix, [.. answers], new Dictionary<string, JsonNode?>(facts, StringComparer.Ordinal));

    /// <summary>A lab series: values drawn by <paramref name="value"/> (each with its unit), arriving 0-3 days after each request; never empty.</summary>
    public static (string, string, Gen<List<Answer>>) Lab(string code, Gen<(decimal Value, string Unit)> value) =>
        (AnswerBook.Labs, code, (from v in value from after in Gen.Choose(0, 3) select new Answer { Value = v.Value, Unit = v.Unit, AfterDays = after })
            .NonEmptyListOf().Select(l => l.ToList()));

    /// <summary>A task's answers in order: outcomes drawn by weight, a reason on every one (an override needs it), 0-5 days after the task.</summary>
    public static (string, string, Gen<List<Answer>>) Task(string kind, params (int Weight, string Outcome)[] outcomes) =>
        (AnswerBook.Tasks, kind, (from outcome in Gen.Frequency(outcomes.Select(o => (o.Weight, Gen.Constant(o.Outcome))))
                                  from after in Gen.Choose(0, 5)
                                  select new Answer { Outcome = outcome, Reason = "clinical judgement recorded in the notes", AfterDays = after, By = "dr.random" })
            .NonEmptyListOf().Select(l => l.ToList()));

    public static (string, Gen<JsonNode?>) Flag(string name, int percentTrue) =>
        (name, Gen.Frequency((percentTrue, Gen.Constant(true)), (100 - percentTrue, Gen.Constant(false))).Select(b => (JsonNode?)JsonValue.Create(b)));
}
