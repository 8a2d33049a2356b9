namespace CarePathway.Engine.Simulation;

/// <summary>A clock that only moves when told to: the simulator steps it from one due event to the next.</summary>
public sealed class VirtualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void MoveTo(DateTimeOffset at)
    {
        if (at < _now) throw new InvalidOperationException($"virtual time cannot go back from {_now:O} to {at:O}");
        _now = at;
    }
}
