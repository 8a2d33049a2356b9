namespace CarePathway.Engine.Expressions;

/// <summary>
/// A scope backed by dictionaries and a fixed clock, for tests, the simulator and simple callers.
/// Fill it before sharing it: it is safe for concurrent reads, not for concurrent writes.
/// </summary>
public sealed class DictionaryExpressionScope : IExpressionScope
{
    private readonly Dictionary<string, Value> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Value> _labs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Value> _baselines = new(StringComparer.Ordinal);

    public DictionaryExpressionScope(DateTimeOffset now)
    {
        Now = now.ToUniversalTime();
    }

    public DateTimeOffset Now { get; }

    /// <summary>Sets a name ("param.x", "var.cycle", "patient.weightKg").</summary>
    public DictionaryExpressionScope Set(string dottedName, Value value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dottedName);
        _names[dottedName] = value;
        return this;
    }

    /// <summary>Sets the latest result of a lab code; give it a label ("creatinine") for explanations.</summary>
    public DictionaryExpressionScope SetLab(string code, Value value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        _labs[code] = value;
        return this;
    }

    /// <summary>Sets the baseline result of a lab code; give it a label ("baseline") for explanations.</summary>
    public DictionaryExpressionScope SetBaseline(string code, Value value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        _baselines[code] = value;
        return this;
    }

    public bool TryResolve(string dottedName, out Value value) => _names.TryGetValue(dottedName, out value);

    public Value LatestLab(string code) => _labs.TryGetValue(code, out var value) ? value : Value.Null;

    public Value BaselineLab(string code) => _baselines.TryGetValue(code, out var value) ? value : Value.Null;
}
