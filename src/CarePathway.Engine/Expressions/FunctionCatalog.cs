namespace CarePathway.Engine.Expressions;

internal enum FunctionId
{
    Min,
    Max,
    Round,
    Floor,
    Ceil,
    Abs,
    DaysBetween,
    AddMonths,
    Now,
    Date,
    Days,
    Weeks,
    Hours,
    Minutes,
    Lab,
    Baseline,
    Has,
    If,
    LastDose,
}

/// <summary>
/// The fixed set of functions. A closed table (no reflection, no plug-ins) is what keeps the
/// language safe: a definition can only call what is listed here, and unknown names fail at parse time.
/// </summary>
internal static class FunctionCatalog
{
    internal sealed record FunctionInfo(FunctionId Id, string Name, int MinArgs, int MaxArgs, string Usage);

    private static readonly Dictionary<string, FunctionInfo> ByName = new FunctionInfo[]
    {
        new(FunctionId.Min, "min", 2, int.MaxValue, "min(a, b, ...)"),
        new(FunctionId.Max, "max", 2, int.MaxValue, "max(a, b, ...)"),
        new(FunctionId.Round, "round", 1, 2, "round(x) or round(x, digits)"),
        new(FunctionId.Floor, "floor", 1, 1, "floor(x)"),
        new(FunctionId.Ceil, "ceil", 1, 1, "ceil(x)"),
        new(FunctionId.Abs, "abs", 1, 1, "abs(x)"),
        new(FunctionId.DaysBetween, "daysBetween", 2, 2, "daysBetween(from, to)"),
        new(FunctionId.AddMonths, "addMonths", 2, 2, "addMonths(dateTime, n)"),
        new(FunctionId.Now, "now", 0, 0, "now()"),
        new(FunctionId.Date, "date", 1, 1, "date(\"2026-01-05\")"),
        new(FunctionId.Days, "days", 1, 1, "days(n)"),
        new(FunctionId.Weeks, "weeks", 1, 1, "weeks(n)"),
        new(FunctionId.Hours, "hours", 1, 1, "hours(n)"),
        new(FunctionId.Minutes, "minutes", 1, 1, "minutes(n)"),
        new(FunctionId.Lab, "lab", 1, 1, "lab(\"2160-0\")"),
        new(FunctionId.Baseline, "baseline", 1, 1, "baseline(\"2160-0\")"),
        new(FunctionId.Has, "has", 1, 1, "has(x)"),
        new(FunctionId.If, "if", 3, 3, "if(condition, then, else)"),
        new(FunctionId.LastDose, "lastDose", 1, 1, "lastDose(\"ibandronate\")"),
    }.ToDictionary(f => f.Name, StringComparer.Ordinal);

    public static string KnownNames { get; } = string.Join(", ", ByName.Keys);

    public static bool TryGet(string name, out FunctionInfo info) => ByName.TryGetValue(name, out info!);
}
