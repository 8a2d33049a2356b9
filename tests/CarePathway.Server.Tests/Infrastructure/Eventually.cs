namespace CarePathway.Server.Tests.Infrastructure;

/// <summary>
/// Polls for an expected state with a generous deadline: timers fire "soon", never at a time a
/// test may assert on. A missed deadline fails with what was awaited and what was last seen.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(45);

    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> reached, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var value = await probe();
            if (reached(value)) return value;
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Still waiting for {what} after {(timeout ?? DefaultTimeout).TotalSeconds:0} s; last seen: {value}");
            }

            await Task.Delay(200);
        }
    }
}
