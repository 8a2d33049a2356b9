using System.Collections.Concurrent;
using System.Globalization;

namespace CarePathway.Benchmarks.Ward;

/// <summary>What one level of load (a number of concurrent clients on one database) measured, per operation.</summary>
internal sealed class WardFigures(string database, int clients, TimeSpan measured)
{
    private readonly ConcurrentDictionary<WardOperation, ConcurrentBag<double>> _latencies = new();
    private readonly ConcurrentDictionary<(WardOperation, string), int> _errors = new();

    public string Database => database;
    public int Clients => clients;

    public void Succeeded(WardOperation operation, double milliseconds) => _latencies.GetOrAdd(operation, _ => []).Add(milliseconds);

    /// <summary>An answer that was not a success (its status code), or no answer at all (the exception's type).</summary>
    public void Failed(WardOperation operation, string what) => _errors.AddOrUpdate((operation, what), 1, (_, n) => n + 1);

    public int Errors => _errors.Values.Sum();

    public IEnumerable<string> Lines()
    {
        foreach (var operation in Enum.GetValues<WardOperation>())
        {
            var latencies = _latencies.TryGetValue(operation, out var bag) ? bag.ToArray() : [];
            var errors = _errors.Where(e => e.Key.Item1 == operation).ToList();
            if (latencies.Length == 0 && errors.Count == 0) continue;
            var rate = latencies.Length / measured.TotalSeconds;
            var p50 = latencies.Length == 0 ? double.NaN : Percentiles.Of(latencies, 0.50);
            var p99 = latencies.Length == 0 ? double.NaN : Percentiles.Of(latencies, 0.99);
            var errorText = errors.Count == 0 ? "0" : string.Join(", ", errors.Select(e => $"{e.Value}x {e.Key.Item2}"));
            yield return string.Create(CultureInfo.InvariantCulture,
                $"  {database,-10} {clients,7}  {operation,-15} {rate,8:F1} {p50,9:F0} {p99,9:F0}  {errorText}");
        }
    }
}
