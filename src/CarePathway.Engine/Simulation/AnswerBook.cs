using System.Text.Json.Nodes;

namespace CarePathway.Engine.Simulation;

/// <summary>
/// How the simulated world answers what the pathway asks for, per lab code, measurement kind, assessment name,
/// task kind or the activity that made the task (which comes first: two activities may make tasks of one kind with
/// different outcomes, a reminder's order-labs "done" and a lab gate's order-labs "ordered"). Plain entries are used in order by successive requests (the last repeats); entries
/// with a <c>fromDay</c> are chosen by the day of the request (the greatest fromDay not after it).
/// </summary>
public sealed class AnswerBook
{
    private readonly Dictionary<string, IReadOnlyList<Answer>> _lists = new(StringComparer.Ordinal);

    public void Add(string section, string key, IReadOnlyList<Answer> answers) => _lists[Key(section, key)] = answers;

    /// <summary>
    /// A reading of the book for one run: it remembers how many plain answers each request used, so the book itself is
    /// never changed and the same scenario run twice gets the same answers.
    /// </summary>
    public Reading Read() => new(this);

    private static string Key(string section, string key) => $"{section}/{key}";

    public const string Labs = "labs";
    public const string Assessments = "assessments";

    /// <summary>Measurements asked for again (weight, height): a value, its unit optional (the last recorded one's).</summary>
    public const string Measurements = "measurements";
    public const string Tasks = "tasks";
    public const string Activities = "activities";

    public sealed class Reading(AnswerBook book)
    {
        private readonly Dictionary<string, int> _used = new(StringComparer.Ordinal);

        /// <summary>The answer to the next request for <paramref name="key"/> on <paramref name="day"/>, or null when there is none.</summary>
        public Answer? Next(string section, string key, int day)
        {
            var name = Key(section, key);
            if (!book._lists.TryGetValue(name, out var answers) || answers.Count == 0) return null;
            if (answers.Any(a => a.FromDay is not null)) return answers.Where(a => a.FromDay <= day).MaxBy(a => a.FromDay);
            var used = _used.GetValueOrDefault(name);
            _used[name] = used + 1;
            return answers[Math.Min(used, answers.Count - 1)];
        }
    }
}

/// <summary>
/// One answer: for a lab a value and unit; for an assessment a value; for a task an outcome,
/// optionally a reason, who answered, form data and how many days after the request.
/// </summary>
public sealed record Answer
{
    public int? FromDay { get; init; }
    public JsonNode? Value { get; init; }
    public string? Unit { get; init; }
    public string? Outcome { get; init; }
    public string? Reason { get; init; }
    public string? By { get; init; }
    public JsonObject? Data { get; init; }
    public int AfterDays { get; init; }
}
